package dev.orrery.cloud;

import dev.orrery.store.OrreryHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenStoreTest {
    private static final String SECRET = "dop_v1_0123456789abcdef";

    @TempDir
    Path dir;

    @Test
    void theFileIsOwnerOnlyAndRoundTrips() throws IOException {
        FileTokenStore store = TokenStores.fileStore(new OrreryHome(dir));
        assertThat(store.load()).isEmpty();
        store.save(new ApiToken(SECRET));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file().getParent()))).isEqualTo("rwx------");
        assertThat(store.load()).contains(new ApiToken(SECRET));
        try (var files = Files.list(store.file().getParent())) {
            assertThat(files).containsExactly(store.file()); // no temp file left behind
        }
        store.delete();
        assertThat(store.load()).isEmpty();
    }

    @Test
    void aTokenFileOthersCanReadIsRefusedWithoutShowingTheToken() throws IOException {
        FileTokenStore store = TokenStores.fileStore(new OrreryHome(dir));
        store.save(new ApiToken(SECRET));
        Files.setPosixFilePermissions(store.file(), PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(store::load).isInstanceOf(IOException.class)
                .hasMessageContaining("can be read by others").hasMessageContaining("chmod 600")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    }

    @Test
    void theEnvironmentComesFirst() throws IOException {
        FileTokenStore store = TokenStores.fileStore(new OrreryHome(dir));
        store.save(new ApiToken("dop_v1_fromfile"));
        assertThat(TokenStore.resolve(Map.of("DIGITALOCEAN_TOKEN", SECRET), store)).contains(new ApiToken(SECRET));
        assertThat(TokenStore.resolve(Map.of(), store)).contains(new ApiToken("dop_v1_fromfile"));
    }

    @Test
    void secretToolGetsTheTokenOnStandardInputNeverAsAnArgument() throws IOException {
        Recorder runner = new Recorder();
        runner.answer = new ProcessRunner.Result(0, "", "");
        new SecretToolTokenStore(runner).save(new ApiToken(SECRET));
        assertThat(runner.argv.get(0)).startsWith("secret-tool", "store").doesNotContain(SECRET)
                .containsSubsequence("application", "orrery", "service", "digitalocean");
        assertThat(runner.stdin.get(0)).isEqualTo(SECRET);

        runner.answer = new ProcessRunner.Result(0, SECRET + "\n", "");
        assertThat(new SecretToolTokenStore(runner).load()).contains(new ApiToken(SECRET));
        runner.answer = new ProcessRunner.Result(1, "", "");
        assertThat(new SecretToolTokenStore(runner).load()).isEmpty();
    }

    @Test
    void theMacKeychainGetsTheTokenThroughSecurityInteractive() throws IOException {
        Recorder runner = new Recorder();
        runner.answer = new ProcessRunner.Result(0, "", "");
        new MacKeychainTokenStore(runner).save(new ApiToken(SECRET));
        assertThat(runner.argv.get(0)).containsExactly("security", "-i");
        assertThat(runner.stdin.get(0)).startsWith("add-generic-password -U -a orrery -s dev.orrery.digitalocean").contains("-w \"" + SECRET + "\"");
        runner.answer = new ProcessRunner.Result(44, "", "The specified item could not be found in the keychain.");
        assertThat(new MacKeychainTokenStore(runner).load()).isEmpty();
    }

    @Test
    void eachSystemGetsItsStore() {
        OrreryHome home = new OrreryHome(dir);
        assertThat(TokenStores.choose(home, "Linux", p -> true, new Recorder()).describe()).isEqualTo("the login keyring (secret-tool)");
        assertThat(TokenStores.choose(home, "Linux", p -> false, new Recorder())).isInstanceOf(FileTokenStore.class);
        assertThat(TokenStores.choose(home, "Mac OS X", p -> p.equals("security"), new Recorder()).describe()).isEqualTo("the macOS login keychain");
        assertThat(TokenStores.choose(home, "Windows 11", p -> true, new Recorder())).isInstanceOf(FileTokenStore.class);
    }

    @Test
    void withNoKeyringRunningTheTokenGoesToTheFile() throws IOException {
        Recorder runner = new Recorder();
        runner.answer = new ProcessRunner.Result(1, "", "Cannot autolaunch D-Bus without X11 $DISPLAY");
        TokenStore store = TokenStores.choose(new OrreryHome(dir), "Linux", p -> true, runner);
        store.save(new ApiToken(SECRET));
        assertThat(store.describe()).contains("digitalocean-token").contains("secret-tool) is not available");
        assertThat(Files.readString(TokenStores.fileStore(new OrreryHome(dir)).file()).strip()).isEqualTo(SECRET);
        assertThat(store.load()).contains(new ApiToken(SECRET));
    }

    @Test
    void aWorkingKeyringLeavesNoCopyInTheFile() throws IOException {
        FileTokenStore file = TokenStores.fileStore(new OrreryHome(dir));
        file.save(new ApiToken("dop_v1_oldcopy"));
        Recorder runner = new Recorder();
        TokenStores.choose(new OrreryHome(dir), "Linux", p -> true, runner).save(new ApiToken(SECRET));
        assertThat(runner.stdin.get(0)).isEqualTo(SECRET);
        assertThat(file.load()).isEmpty();
    }

    @Test
    void aTokenDoesNotShowInToStringOrInItsOwnErrors() {
        assertThat(new ApiToken(SECRET).toString()).doesNotContain(SECRET);
        assertThatThrownBy(() -> new ApiToken("dop_v1 secret")).hasMessageNotContaining("secret").hasMessageContaining("a space at position 7");
    }

    static final class Recorder implements ProcessRunner {
        final List<List<String>> argv = new ArrayList<>();
        final List<String> stdin = new ArrayList<>();
        Result answer = new Result(0, "", "");

        @Override
        public Result run(List<String> args, String in, Duration timeout) {
            argv.add(List.copyOf(args));
            stdin.add(in);
            return answer;
        }
    }
}
