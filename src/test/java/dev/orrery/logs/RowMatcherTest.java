package dev.orrery.logs;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Matching a text where it lies in a packed chunk answers what {@code find} on the text alone answers. */
class RowMatcherTest {
    static final String[] REGEXES = {
        "\\b5\\d\\d \\d+ \"", "\\bq[xz]{3}\\d", "\\d{3} ms", "[A-F]+x", "(?i)exception in", "\\.js:\\d+", "x+y$", "\\Bar\\b",
        "\\bar\\B", "e\\b", "\\d$", "é+", "(?i)É", "\\p{L}\\p{M}", "a\\s*$", "\\s+at ", "[^ -~]", "ab\\z", "ab\\Z", "c.d", "(a|b)c",
        "^GET", "^$", "x|\\d\\d", "(?<=a)b", "b(?=c)", "b(?!c)", "\\Gab", "(?m)a$", "(?s)a.b", "\\R", "\\ba", "[a-c]{2,}\\b",
        "\\d+(?:ms|s)\\b", "b(?<=\\Wb)", "b(?=\\W)", "b(?=.)", "b(?!\\w)", "\\x1e", "\\x1f", "\\n", "😀", "\\p{So}", "[😀-😎]", "\\Q.*\\E", "(?i)ǅ",
    };
    static final String ALPHABET = "ab c d e x y z q 5 0 1 2 9 . : \" é e\u0301 É ǅ ǆ \t _ - 😀 js ms s GET at \u0300 \n \r\n ";

    static String text(Random r) {
        String[] parts = ALPHABET.split(" ", -1);
        StringBuilder s = new StringBuilder();
        int n = r.nextInt(12);
        for (int i = 0; i < n; i++) {
            s.append(r.nextInt(6) == 0 ? " " : parts[r.nextInt(parts.length)]);
        }
        return s.toString();
    }

    @Test
    void sameAnswerAsFindOnTheTextAloneForEveryRegex() {
        Random r = new Random(16);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            texts.add(text(r));
        }
        StringBuilder packed = new StringBuilder();
        List<int[]> at = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            if (i > 0) {
                packed.append(RegexScan.RECORD); // the texts as the store packs them: separated by RS
            }
            int from = packed.length();
            packed.append(texts.get(i));
            at.add(new int[] {from, packed.length()});
        }
        String chunk = packed.toString();
        int withStartChars = 0;
        for (String regex : REGEXES) {
            Pattern p = Pattern.compile(regex);
            boolean[] start = StartChars.of(p);
            withStartChars += start == null ? 0 : 1;
            for (boolean[] s : new boolean[][] {start, null}) {
                RowMatcher m = new RowMatcher(p, s);
                m.reset(chunk);
                for (int i = 0; i < texts.size(); i++) {
                    boolean expected = p.matcher(texts.get(i)).find();
                    assertThat(m.finds(chunk, at.get(i)[0], at.get(i)[1]))
                            .as("/%s/ on \"%s\" (start characters %s)", regex, texts.get(i), s != null).isEqualTo(expected);
                }
            }
        }
        assertThat(withStartChars).as("regexes tried only at their start characters").isGreaterThan(15);
    }
}
