package dev.orrery.model;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Items 3, 8 and 11 of issue 13, as the validator says them. */
class InputSafetyRulesTest {

    private static List<Problem> problems(Cluster c) {
        return ClusterValidator.validate(c);
    }

    @Test
    void theSameHttpAndHttpsPortIsRefused() {
        Cluster c = Fixtures.seedCluster();
        Balancer b = c.balancer();
        Cluster same = c.withBalancer(new Balancer(b.kind(), b.stickiness(), b.healthCheck(),
                new Tls("crater.io", "/etc/ssl/c.pem", "/etc/ssl/k.pem"), 8443, 8443, b.drained()));
        assertThat(problems(same)).extracting(Problem::toString)
                .contains("balancer.httpsPort: is the same port as balancer.httpPort (8443); HTTP and HTTPS each need a port of their own");
        assertThat(problems(c)).isEmpty();
    }

    @Test
    void aLookAlikeLetterIsNamedByItsCodePoint() {
        String cyrillic = "\u0430pp-1"; // looks like "app-1"
        assertThat(Rules.name(cyrillic)).hasValueSatisfying(m -> assertThat(m)
                .contains("U+0430 CYRILLIC SMALL LETTER A at position 1")
                .contains("\\u0430pp-1")
                .doesNotContain("\u0430"));
        assertThat(Rules.hostname("cr\u0430ter.io")).hasValueSatisfying(m -> assertThat(m).contains("U+0430 CYRILLIC SMALL LETTER A at position 3"));
        assertThat(Rules.address("10.0.1.1\u200b")).hasValueSatisfying(m -> assertThat(m).contains("U+200B ZERO WIDTH SPACE at position 9"));
    }

    @Test
    void aControlCharacterInARefusedValueIsShownEscaped() {
        assertThat(Rules.name("app\u001b[2J")).hasValueSatisfying(m -> assertThat(m).contains("U+001B").contains("\\u001b[2J").doesNotContain("\u001b"));
        assertThat(Rules.releaseId("r\u009b1")).hasValueSatisfying(m -> assertThat(m).contains("U+009B").doesNotContain("\u009b"));
    }

    @Test
    void anOverlongEnvKeyIsBlamedOnItsLengthNotItsCharacters() {
        String key = "K".repeat(129);
        assertThat(Rules.envKey(key)).contains("is 129 characters long; at most 128 are allowed here");
        assertThat(Rules.envKey("K".repeat(128))).isEmpty();
        Cluster c = Fixtures.seedCluster();
        Cluster withKey = c.withApp(c.app().withEnvironment(Map.of(key, "v")));
        assertThat(problems(withKey)).extracting(Problem::message).anySatisfy(m -> assertThat(m).contains("is 129 characters long"));
    }

    @Test
    void overlongNamesSayTheirLength() {
        assertThat(Rules.name("a".repeat(64))).contains("is 64 characters long; at most 63 are allowed here");
        assertThat(Rules.unixUser("u".repeat(33))).contains("is 33 characters long; at most 32 are allowed here");
    }
}
