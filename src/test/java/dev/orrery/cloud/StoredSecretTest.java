package dev.orrery.cloud;

import dev.orrery.store.OrreryHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Secrets named at run time (webhook URLs) are kept like the DigitalOcean token and the ACME key, each in its own slot. */
class StoredSecretTest {
    private static final String URL = "https://hooks.slack.com/services/T000/B000/XXXXSECRET";
    private static final SecretSlot OPS = SecretSlot.named("webhook.crater.ops");

    @TempDir
    Path dir;

    private StoredSecret on(String os, java.util.function.Predicate<String> installed, ProcessRunner runner, SecretSlot slot) {
        return new StoredSecret(TokenStores.choose(new OrreryHome(dir), slot, os, installed, runner));
    }

    @Test
    void withoutAKeychainASecretIsAnOwnerOnlyFileOfItsOwn() throws IOException {
        StoredSecret s = on("Linux", p -> false, new TokenStoreTest.Recorder(), OPS);
        s.save(URL);
        Path file = dir.resolve("secrets/webhook.crater.ops");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(s.load()).contains(URL);
        assertThat(StoredSecret.fileOnly(new OrreryHome(dir), SecretSlot.named("webhook.crater.other")).load()).isEmpty();
        assertThat(TokenStores.fileStore(new OrreryHome(dir)).load()).isEmpty(); // the DigitalOcean token is another secret
        assertThat(StoredSecret.fileOnly(new OrreryHome(dir), SecretSlot.ACME_ACCOUNT).load()).isEmpty(); // and so is the ACME key
        s.delete();
        assertThat(s.load()).isEmpty();
    }

    @Test
    void theKeyringKeepsItUnderItsOwnServiceWithTheValueOnStandardInput() throws IOException {
        TokenStoreTest.Recorder runner = new TokenStoreTest.Recorder();
        on("Linux", p -> p.equals("secret-tool"), runner, OPS).save(URL);
        assertThat(runner.argv.get(0)).containsSequence("service", "webhook.crater.ops").noneMatch(a -> a.contains("SECRET"));
        assertThat(runner.stdin.get(0)).isEqualTo(URL);
        assertThat(Files.exists(dir.resolve("secrets/webhook.crater.ops"))).isFalse();

        TokenStoreTest.Recorder mac = new TokenStoreTest.Recorder();
        on("Mac OS X", p -> p.equals("security"), mac, OPS).save(URL);
        assertThat(mac.argv.get(0)).containsExactly("security", "-i");
        assertThat(mac.stdin.get(0)).contains("-s dev.orrery.webhook.crater.ops");
    }

    @Test
    void badNamesAndValuesAreRefusedWithoutEchoingTheValue() {
        assertThatThrownBy(() -> SecretSlot.named("../token")).hasMessageContaining("secret's name");
        assertThatThrownBy(() -> SecretSlot.named(".hidden")).hasMessageContaining("secret's name");
        StoredSecret s = StoredSecret.fileOnly(new OrreryHome(dir), SecretSlot.named("webhook.a.b"));
        assertThatThrownBy(() -> s.save("https://x.example/a b")).isInstanceOf(IOException.class)
                .hasMessageNotContaining("x.example").hasMessageContaining("Orrery webhook.a.b");
    }
}
