package dev.orrery.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Item 8 of issue 13, the one place: what the command line prints has its control characters escaped. */
class TerminalSafeStreamTest {

    private static String through(byte[]... writes) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream s = TerminalSafeStream.wrap(new PrintStream(sink, true, StandardCharsets.UTF_8));
        for (byte[] w : writes) {
            s.write(w, 0, w.length);
        }
        s.flush();
        return sink.toString(StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void c0AndC1ControlsAreEscapedAndTextIsKept() {
        assertThat(through(utf8("title\u001b]0;PWNED\u0007 csi\u009b2J del\u007f tab\tok\n")))
                .isEqualTo("title\\u001b]0;PWNED\\u0007 csi\\u009b2J del\\u007f tab\tok\n");
        assertThat(through(utf8("caf\u00e9 \u0430pp \u2603\n"))).isEqualTo("caf\u00e9 \u0430pp \u2603\n");
    }

    @Test
    void aCarriageReturnIsKeptOnlyBeforeALineFeed() {
        assertThat(through(utf8("line\r\nover\rwrite\n"))).isEqualTo("line\r\nover\\u000dwrite\n");
        assertThat(through(utf8("a\r"), utf8("\nb\r"), utf8("c\n"))).isEqualTo("a\r\nb\\u000dc\n");
    }

    @Test
    void bidiOverridesThatReorderTheLineAreEscaped() {
        assertThat(through(utf8("safe\u202egnp.exe\n"))).isEqualTo("safe\\u202egnp.exe\n");
    }

    @Test
    void aCharacterSplitAcrossWritesIsDecodedWhole() {
        byte[] csi = utf8("\u009b");
        byte[] e = utf8("\u00e9");
        assertThat(through(new byte[]{csi[0]}, new byte[]{csi[1]}, new byte[]{e[0]}, new byte[]{e[1], '\n'})).isEqualTo("\\u009b\u00e9\n");
    }
}
