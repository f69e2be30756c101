package dev.orrery.tls;

import dev.orrery.cloud.SecretSlot;
import dev.orrery.cloud.StoredSecret;
import dev.orrery.cloud.TokenStores;
import dev.orrery.store.OrreryHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ACME account key is kept like the DigitalOcean token: owner-only, refused when others can read it, never in the open. */
class AccountKeysTest {
    @TempDir
    Path dir;

    private AccountKeys keys() {
        return new AccountKeys(new StoredSecret(TokenStores.fileStore(new OrreryHome(dir), SecretSlot.ACME_ACCOUNT)));
    }

    private Path file() {
        return dir.resolve("secrets").resolve("acme-account-key");
    }

    @Test
    void madeOnceKeptOwnerOnlyAndTheSameNextTime() throws IOException {
        KeyPair first = keys().loadOrCreate();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file().getParent()))).isEqualTo("rwx------");
        KeyPair again = keys().loadOrCreate();
        assertThat(again.getPrivate().getEncoded()).isEqualTo(first.getPrivate().getEncoded());
        assertThat(again.getPublic()).isEqualTo(first.getPublic());
        assertThat(((RSAPublicKey) first.getPublic()).getModulus().bitLength()).isEqualTo(2048);
        // Kept in a directory of other secrets, apart from the DigitalOcean token.
        assertThat(file().getFileName().toString()).isNotEqualTo("digitalocean-token");
    }

    @Test
    void aKeyFileOthersCanReadIsRefusedWithoutShowingIt() throws IOException {
        keys().loadOrCreate();
        String stored = Files.readString(file()).strip();
        Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> keys().loadOrCreate()).isInstanceOf(IOException.class)
                .hasMessageContaining("can be read by others").hasMessageContaining("chmod 600")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(stored));
    }

    @Test
    void aDamagedKeyIsReportedWithoutEchoingIt() throws IOException {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), "bm90LWEta2V5\n", StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> keys().loadOrCreate()).isInstanceOf(IOException.class)
                .hasMessageContaining("does not read as an RSA key").satisfies(e -> assertThat(e.getMessage()).doesNotContain("bm90LWEta2V5"));
    }
}
