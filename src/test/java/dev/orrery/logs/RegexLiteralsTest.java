package dev.orrery.logs;

import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class RegexLiteralsTest {
    static String lit(String regex) {
        return RegexLiterals.required(Pattern.compile(regex)).orElse(null);
    }

    @Test
    void theLongestPlainTextEveryMatchNeeds() {
        assertThat(lit("upstream timed out.*app-2")).isEqualTo("upstream timed out");
        assertThat(lit("Exception in callback")).isEqualTo("Exception in callback");
        assertThat(lit("(?i)no live upstreams")).isEqualTo("no live upstreams");
        assertThat(lit("10\\.0\\.1\\.5:3000")).isEqualTo("10.0.1.5:3000");
        assertThat(lit("\\Qa.b*c\\E and more")).isEqualTo("a.b*c and more");
        assertThat(lit("GET /api/[a-z]+ 5\\d\\d")).isEqualTo("GET /api/");
        assertThat(lit("colou?r scheme")).isEqualTo("r scheme");
        assertThat(lit("ab+cdef")).isEqualTo("cdef");
        assertThat(lit("x{2,3}yyyy")).isEqualTo("yyyy");
        assertThat(lit("(foo|bar) baz quux")).isEqualTo(" baz quux");
    }

    @Test
    void nothingWhenNothingIsCertain() {
        assertThat(lit("foo|bar")).isNull();
        assertThat(lit("^E\\d+")).isNull();
        assertThat(lit("[abc]+")).isNull();
        assertThat(lit("(?x) a b")).isNull();
        assertThat(lit("(?i)café")).isNull(); // LIKE folds ASCII case only
        assertThat(RegexLiterals.required(Pattern.compile("a.b", Pattern.COMMENTS))).isEmpty();
        assertThat(RegexLiterals.required(Pattern.compile("a.b", Pattern.LITERAL))).contains("a.b");
    }
}
