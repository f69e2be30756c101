package dev.orrery.cli;

import dev.orrery.store.OrreryHome;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The terminal's answer to "trust this host key?". */
class TerminalHostKeyPromptTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private CliContext ctx(String input) {
        return new CliContext(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8),
                new BufferedReader(new StringReader(input)), new OrreryHome(Path.of("/nonexistent-orrery-home")));
    }

    @Test
    void showsTheFingerprintAndTrustsOnlyYes() {
        assertThat(new TerminalHostKeyPrompt(ctx("yes\n"), false).acceptUnknown("app-1 (203.0.113.7)", "ssh-ed25519", "SHA256:abc")).isTrue();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("app-1 (203.0.113.7)").contains("ssh-ed25519 key fingerprint is SHA256:abc");
        assertThat(new TerminalHostKeyPrompt(ctx("no\n"), false).acceptUnknown("h", "ssh-rsa", "SHA256:x")).isFalse();
        assertThat(new TerminalHostKeyPrompt(ctx("\n"), false).acceptUnknown("h", "ssh-rsa", "SHA256:x")).isFalse();
    }

    @Test
    void withoutInputItRefusesAndNamesTheFlag() {
        assertThat(new TerminalHostKeyPrompt(ctx(""), false).acceptUnknown("h", "ssh-ed25519", "SHA256:x")).isFalse();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--accept-new-host-keys").contains("refused");
    }

    @Test
    void acceptNewTrustsWithoutReadingInput() {
        assertThat(new TerminalHostKeyPrompt(ctx(""), true).acceptUnknown("h", "ssh-ed25519", "SHA256:x")).isTrue();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Trusting the new ssh-ed25519 host key of h: SHA256:x");
    }
}
