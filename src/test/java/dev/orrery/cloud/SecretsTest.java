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

/** Named secrets (webhook URLs) are kept like the DigitalOcean token, each under its own name. */
class SecretsTest {
    private static final String URL = "https://hooks.slack.com/services/T000/B000/XXXXSECRET";

    @TempDir
    Path dir;

    @Test
    void withoutAKeychainASecretIsAnOwnerOnlyFileOfItsOwn() throws IOException {
        Secrets s = new Secrets(new OrreryHome(dir), "Linux", p -> false, new TokenStoreTest.Recorder());
        s.save("webhook.crater.ops", URL);
        Path file = dir.resolve("secrets/webhook.crater.ops");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(s.load("webhook.crater.ops")).contains(URL);
        assertThat(s.load("webhook.crater.other")).isEmpty();
        assertThat(TokenStores.fileStore(new OrreryHome(dir)).load()).isEmpty(); // the DigitalOcean token is another secret
        s.delete("webhook.crater.ops");
        assertThat(s.load("webhook.crater.ops")).isEmpty();
    }

    @Test
    void theKeyringKeepsItUnderItsOwnServiceWithTheValueOnStandardInput() throws IOException {
        TokenStoreTest.Recorder runner = new TokenStoreTest.Recorder();
        Secrets s = new Secrets(new OrreryHome(dir), "Linux", p -> p.equals("secret-tool"), runner);
        s.save("webhook.crater.ops", URL);
        assertThat(runner.argv.get(0)).containsSequence("service", "webhook.crater.ops").noneMatch(a -> a.contains("SECRET"));
        assertThat(runner.stdin.get(0)).isEqualTo(URL);
        assertThat(Files.exists(dir.resolve("secrets/webhook.crater.ops"))).isFalse();

        TokenStoreTest.Recorder mac = new TokenStoreTest.Recorder();
        new Secrets(new OrreryHome(dir), "Mac OS X", p -> p.equals("security"), mac).save("webhook.crater.ops", URL);
        assertThat(mac.argv.get(0)).containsExactly("security", "-i");
        assertThat(mac.stdin.get(0)).contains("-s dev.orrery.webhook.crater.ops");
    }

    @Test
    void badNamesAndValuesAreRefusedWithoutEchoingTheValue() {
        Secrets s = Secrets.filesOnly(new OrreryHome(dir));
        assertThatThrownBy(() -> s.save("../token", URL)).hasMessageContaining("secret's name");
        assertThatThrownBy(() -> s.save("webhook.a.b", "https://x.example/a b")).isInstanceOf(IOException.class)
                .hasMessageNotContaining("x.example");
    }
}
