package dev.orrery.remote;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Quoting proven against the real /bin/sh: each hostile value, quoted by {@link Shell}, is given
 * to {@code printf '%s'} and must come back byte for byte — nothing expanded, nothing run.
 */
class ShellQuoteTest {
    static final List<String> HOSTILE = List.of(
            "$(rm -rf /)", "'; reboot; '", "`reboot`", "line1\nline2", "tab\there", "\"double\"", "'single'", "it's",
            "", " ", "  leading and trailing  ", "$HOME", "${PATH}", "\\", "\\'", "a\\nb", "*", "?", "[a-z]", "~", "~root",
            "-n", "--", "#comment", "a;b|c&d", "<in >out 2>&1", "!", "!!", "ünïcødé ✓ 日本語 🚀", "\r\n", "=", "a=b c",
            "'\"'\"'", "$'\\x41'", "\u00a0nbsp");

    static byte[] throughSh(String shellLine) throws Exception {
        Process p = new ProcessBuilder("/bin/sh", "-c", shellLine).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = p.getInputStream()) {
            in.transferTo(out);
        }
        assertThat(p.waitFor()).as("sh exit for: " + shellLine).isZero();
        return out.toByteArray();
    }

    @Test
    void hostileValuesArriveAsLiteralBytes() throws Exception {
        for (String v : HOSTILE) {
            byte[] got = throughSh("printf '%s' " + Shell.quote(v));
            assertThat(got).as("value %s quoted as %s", v, Shell.quote(v)).isEqualTo(v.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void allValuesAsArgumentsOfOneCommandStaySeparate() throws Exception {
        // %s| after each: argument boundaries are visible, so an empty value or a space cannot merge or split arguments
        Command c = Command.of("printf", withFirst("%s|", HOSTILE));
        String expected = String.join("|", HOSTILE) + "|";
        assertThat(throughSh(c.line())).isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void safeWordsStayReadableAndEverythingElseIsSingleQuoted() {
        assertThat(Shell.quote("/srv/app/releases/2024-05-01_12.00")).isEqualTo("/srv/app/releases/2024-05-01_12.00");
        assertThat(Shell.quote("user@host:22")).isEqualTo("user@host:22");
        assertThat(Shell.quote("")).isEqualTo("''");
        assertThat(Shell.quote("a b")).isEqualTo("'a b'");
        assertThat(Shell.quote("it's")).isEqualTo("'it'\\''s'");
        assertThat(Shell.quote("$(x)")).isEqualTo("'$(x)'");
    }

    @Test
    void nulCannotBeQuoted() {
        assertThatThrownBy(() -> Shell.quote("a\0b")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NUL");
    }

    private static String[] withFirst(String first, List<String> rest) {
        String[] a = new String[rest.size() + 1];
        a[0] = first;
        for (int i = 0; i < rest.size(); i++) {
            a[i + 1] = rest.get(i);
        }
        return a;
    }
}
