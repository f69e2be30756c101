package dev.orrery.tls;

import dev.orrery.cloud.SecretSlot;
import dev.orrery.cloud.StoredSecret;
import dev.orrery.cloud.TokenStores;
import dev.orrery.store.OrreryHome;
import dev.orrery.testing.RequiresCommands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The account key as the balancer's renewal script gets it: an RSA key openssl (and so dehydrated) accepts. */
@RequiresCommands("openssl")
class AccountKeyPemTest {
    @TempDir
    Path dir;

    @Test
    void thePemForTheBalancerIsAnRsaKeyOpensslAccepts() throws Exception {
        AccountKeys keys = new AccountKeys(new StoredSecret(TokenStores.fileStore(new OrreryHome(dir), SecretSlot.ACME_ACCOUNT)));
        Path pem = dir.resolve("account.pem");
        Files.write(pem, AccountKeys.pem(keys.loadOrCreate()));
        Process p = new ProcessBuilder("openssl", "rsa", "-in", pem.toString(), "-check", "-noout").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out).contains("RSA key ok");
    }
}
