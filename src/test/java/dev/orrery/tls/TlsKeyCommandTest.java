package dev.orrery.tls;

import dev.orrery.proxy.BalancerCommands;
import dev.orrery.remote.LocalHost;
import dev.orrery.testing.RequiresCommands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The balancer's TLS key, made by the same command the push and the certificate job run: owner
 * only (0600 in a 0700 folder), or 0640/0750 for nginx's worker group, which reads it at each
 * handshake; made once and kept, so renewals never change it; a stand-in certificate until the
 * CA's first one, also made once.
 */
@RequiresCommands({"openssl", "sh"})
class TlsKeyCommandTest {
    @TempDir
    Path dir;

    private String run(Path cert, Path key, String group) throws Exception {
        try (LocalHost h = new LocalHost()) {
            return h.run(BalancerCommands.ensureTlsKey(cert.toString(), key.toString(), "crater.test", group)).output();
        }
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void ownerOnlyWithoutAGroupAndMadeOnce() throws Exception {
        Path cert = dir.resolve("etc/orrery/tls/crater/fullchain.pem");
        Path key = dir.resolve("etc/orrery/tls/crater/privkey.pem");
        assertThat(run(cert, key, null)).contains(BalancerCommands.PLACEHOLDER);
        assertThat(mode(key)).isEqualTo("rw-------");
        assertThat(mode(key.getParent())).isEqualTo("rwx------");
        assertThat(mode(key.getParent().getParent())).as("the folders above stay traversable").isEqualTo("rwxr-xr-x");
        assertThat(mode(cert)).isEqualTo("rw-r--r--");
        byte[] keyBytes = Files.readAllBytes(key);
        byte[] certBytes = Files.readAllBytes(cert);

        assertThat(run(cert, key, null)).doesNotContain(BalancerCommands.PLACEHOLDER);
        assertThat(Files.readAllBytes(key)).as("the key is kept").isEqualTo(keyBytes);
        assertThat(Files.readAllBytes(cert)).as("a certificate in place is never replaced by a stand-in").isEqualTo(certBytes);
        try (var files = Files.list(key.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("fullchain.pem", "privkey.pem");
        }
    }

    @Test
    void readableByTheWorkersGroupForNginx() throws Exception {
        String group = Files.readAttributes(dir, java.nio.file.attribute.PosixFileAttributes.class).group().getName();
        Path cert = dir.resolve("tls/fullchain.pem");
        Path key = dir.resolve("tls/privkey.pem");
        run(cert, key, group);
        assertThat(mode(key)).isEqualTo("rw-r-----");
        assertThat(mode(key.getParent())).isEqualTo("rwxr-x---");
        assertThat(Files.readAttributes(key, java.nio.file.attribute.PosixFileAttributes.class).group().getName()).isEqualTo(group);
    }
}
