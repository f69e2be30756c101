package dev.orrery.remote;

import dev.orrery.store.OrreryHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/** Item 12 of issue 13: the data folder Orrery makes is 0700 and its known_hosts 0600, as a careful user expects. */
class PrivateKnownHostsTest {
    @TempDir
    Path dir;

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void recordingTheFirstHostKeyMakesAPrivateFolderAndFile() throws Exception {
        OrreryHome home = new OrreryHome(dir.resolve("data/orrery"));
        OrreryKnownHosts known = OrreryKnownHosts.standard(home.knownHosts());
        known.record("198.18.0.7", 22, KnownHostsTest.A);
        assertThat(mode(home.root())).isEqualTo("rwx------");
        assertThat(mode(dir.resolve("data"))).isEqualTo("rwx------");
        assertThat(mode(home.knownHosts())).isEqualTo("rw-------");
    }

    @Test
    void aKnownHostsFileAnOlderOrreryMadeReadableIsMadePrivate() throws Exception {
        OrreryHome home = new OrreryHome(dir.resolve("orrery"));
        Files.createDirectories(home.root());
        Files.writeString(home.knownHosts(), "");
        Files.setPosixFilePermissions(home.knownHosts(), PosixFilePermissions.fromString("rw-r--r--"));
        OrreryKnownHosts.standard(home.knownHosts()).record("198.18.0.7", 22, KnownHostsTest.A);
        assertThat(mode(home.knownHosts())).isEqualTo("rw-------");
    }

    @Test
    void theFoldersTheDataFolderMakesArePrivate() throws Exception {
        OrreryHome home = new OrreryHome(dir.resolve("fresh"));
        home.ensure(home.locksDir());
        assertThat(mode(home.root())).isEqualTo("rwx------");
        assertThat(mode(home.locksDir())).isEqualTo("rwx------");
    }
}
