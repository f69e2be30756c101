package dev.orrery.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RulesTest {

    /** Values that would break out of an nginx directive or a shell line. */
    @ParameterizedTest
    @ValueSource(strings = {"app;reboot", "app{", "app}", "a'b", "a\"b", "a\nb", "$(rm -rf /)", "a`id`", "a b", "a|b", "a&b", "a>b", "a\\b", "a$x"})
    void injectionAttemptsAreRefusedEverywhereTheyCouldLand(String hostile) {
        assertThat(Rules.name(hostile)).isPresent();
        assertThat(Rules.address(hostile)).isPresent();
        assertThat(Rules.hostname(hostile)).isPresent();
        assertThat(Rules.filePath("/etc/" + hostile)).isPresent();
        assertThat(Rules.healthPath("/" + hostile)).isPresent();
        assertThat(Rules.unixUser(hostile)).isPresent();
        assertThat(Rules.keyReference(hostile)).isPresent();
        assertThat(Rules.envKey(hostile)).isPresent();
        assertThat(Rules.token(hostile)).isPresent();
        assertThat(Rules.releaseId(hostile)).isPresent();
    }

    @Test
    void messagesSayWhy() {
        assertThat(Rules.name("web;reboot")).hasValueSatisfying(m -> assertThat(m).contains("';'"));
        assertThat(Rules.address("10.0.0.1 { }")).hasValueSatisfying(m -> assertThat(m).contains("white space"));
        assertThat(Rules.address("x\ny")).hasValueSatisfying(m -> assertThat(m).contains("line break"));
        assertThat(Rules.hostname("$(reboot)")).hasValueSatisfying(m -> assertThat(m).contains("command substitution"));
        assertThat(Rules.name("Web")).hasValueSatisfying(m -> assertThat(m).contains("lower-case").contains("\"Web\""));
        assertThat(Rules.name("")).contains("is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"app-1", "a", "lb", "db-10", "x1"})
    void goodNames(String v) {
        assertThat(Rules.name(v)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-app", "app-", "APP", "app_1", "a.b"})
    void badNames(String v) {
        assertThat(Rules.name(v)).isPresent();
    }

    @Test
    void nameLengthIsADnsLabel() {
        assertThat(Rules.name("a".repeat(63))).isEmpty();
        assertThat(Rules.name("a".repeat(64))).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.1.73", "255.255.255.255", "0.0.0.0", "::1", "fe80::1", "2001:db8::8a2e:370:7334", "crater.io", "db.crater.internal", "localhost", "::ffff:10.0.0.1"})
    void goodAddresses(String v) {
        assertThat(Rules.address(v)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"256.1.1.1", "10.0.1", "1.2.3.4.5", "01.2.3.4", "-bad.io", "bad-.io", "a..b", ":::", "10.0.0.1:80", "host/x"})
    void badAddresses(String v) {
        assertThat(Rules.address(v)).isPresent();
    }

    @Test
    void ports() {
        assertThat(Rules.port(1)).isEmpty();
        assertThat(Rules.port(65535)).isEmpty();
        assertThat(Rules.port(0)).isPresent();
        assertThat(Rules.port(65536)).isPresent();
        assertThat(Rules.port(-1)).isPresent();
    }

    @Test
    void environmentKeys() {
        assertThat(Rules.envKey("MONGO_URL")).isEmpty();
        assertThat(Rules.envKey("_x1")).isEmpty();
        assertThat(Rules.envKey("1X")).isPresent();
        assertThat(Rules.envKey("A-B")).isPresent();
        assertThat(Rules.envKey("A=B")).isPresent();
    }

    @Test
    void environmentValuesMayHoldAnyTextButNul() {
        // They are quoted where written, so JSON, quotes and shell syntax are fine.
        assertThat(Rules.envValue("{\"public\":{\"x\":\"$(rm -rf /)\"}}")).isEmpty();
        assertThat(Rules.envValue("'; reboot; '")).isEmpty();
        assertThat(Rules.envValue("line1\nline2")).isEmpty();
        assertThat(Rules.envValue("")).isEmpty();
        assertThat(Rules.envValue("a\0b")).hasValueSatisfying(m -> assertThat(m).contains("NUL"));
        assertThat(Rules.envValue("a\rb")).hasValueSatisfying(m -> assertThat(m).contains("U+000D"));
        assertThat(Rules.envValue(null)).isPresent();
    }

    @Test
    void filePathsAreAbsoluteAndPlain() {
        assertThat(Rules.filePath("/etc/ssl/crater/fullchain.pem")).isEmpty();
        assertThat(Rules.filePath("etc/ssl/x.pem")).isPresent();
        assertThat(Rules.filePath("/etc/../root/.ssh/id_rsa")).isPresent();
        assertThat(Rules.filePath("/etc/ssl/x.pem;")).isPresent();
    }

    @Test
    void healthPaths() {
        assertThat(Rules.healthPath("/")).isEmpty();
        assertThat(Rules.healthPath("/health?full=1")).isEmpty();
        assertThat(Rules.healthPath("health")).isPresent();
        assertThat(Rules.healthPath("/h\r\nHost: evil")).isPresent();
    }

    @Test
    void unixUsersAndKeys() {
        assertThat(Rules.unixUser("root")).isEmpty();
        assertThat(Rules.unixUser("deploy_1")).isEmpty();
        assertThat(Rules.unixUser("Root")).isPresent();
        assertThat(Rules.keyReference("agent")).isEmpty();
        assertThat(Rules.keyReference("~/.ssh/id_ed25519")).isEmpty();
        assertThat(Rules.keyReference(null)).isEmpty();
        assertThat(Rules.keyReference("/keys/my key")).isPresent();
    }
}
