package dev.orrery.logs;

import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class StartCharsTest {
    static String starts(String regex) {
        boolean[] can = StartChars.of(Pattern.compile(regex));
        if (can == null) {
            return null;
        }
        StringBuilder s = new StringBuilder();
        for (char c = 0; c < 128; c++) {
            if (can[c]) {
                s.append(c);
            }
        }
        return s.toString();
    }

    static String controls() {
        StringBuilder s = new StringBuilder();
        for (char c = 0; c < ' '; c++) {
            s.append(c);
        }
        return s.toString();
    }

    @Test
    void theCharactersEveryMatchStartsWith() {
        assertThat(starts("\\b5\\d\\d \\d+ \"")).isEqualTo("5");
        assertThat(starts("\\bq[xz]{3}\\d")).isEqualTo("q");
        assertThat(starts("\\d{3} ms")).isEqualTo("0123456789");
        assertThat(starts("[A-F]+x")).isEqualTo("ABCDEF");
        assertThat(starts("(?i)e[a-z]+")).isEqualTo("Ee");
        assertThat(starts("\\.js:\\d+")).isEqualTo(".");
        assertThat(starts("\\Qab*\\E")).isEqualTo("a");
        assertThat(starts("x+y")).isEqualTo("x");
        assertThat(starts("x{2,}y")).isEqualTo("x");
        assertThat(starts("\\s+at ")).isEqualTo("\t\n\u000b\f\r ");
        assertThat(starts("\\p{Upper}\\w+Error$")).isEqualTo("ABCDEFGHIJKLMNOPQRSTUVWXYZ");
        assertThat(starts("(?:ab|cd)?x")).isNull();
    }

    @Test
    void nothingWhereTryingOnlyThoseWouldNotBeFind() {
        assertThat(starts("^E\\d+")).isNull(); // ^ would match at every tried position
        assertThat(starts("x|y")).isNull();
        assertThat(starts("(?<=a)b")).isNull();
        assertThat(starts("b(?=a)")).isNull();
        assertThat(starts("b(?!a)")).isNull();
        assertThat(starts("\\Gb")).isNull();
        assertThat(starts("\\Ab")).isNull();
        assertThat(starts("x?y")).isNull();
        assertThat(starts("x*y")).isNull();
        assertThat(starts("x{0,2}y")).isNull();
        assertThat(starts("(ab)c")).isNull();
        assertThat(starts(".x")).isNull();
        assertThat(starts("\\w+x")).isNull(); // 63 characters: not worth trying one by one
        assertThat(starts("\\1x")).isNull();
        assertThat(starts("(?s)x")).isNull();
        assertThat(StartChars.of(Pattern.compile("ab", Pattern.LITERAL))).isNull();
        assertThat(StartChars.of(Pattern.compile("ab", Pattern.COMMENTS))).isNull();
        assertThat(StartChars.of(Pattern.compile("é", Pattern.CANON_EQ))).isNull();
    }

    @Test
    void aCaretInsideAClassOrEscapedIsNoAnchorButOneOutsideIs() {
        assertThat(starts("[^ -z]x")).isEqualTo(controls() + "{|}~\u007f");
        assertThat(starts("a\\^b")).isEqualTo("a"); // an escaped ^ is plain text
        assertThat(starts("a\\[^b")).isNull();
        assertThat(starts("[]^]x")).isEqualTo("]^");
    }
}
