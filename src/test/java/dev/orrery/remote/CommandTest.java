package dev.orrery.remote;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Commands as data: the exact text each builder renders. */
class CommandTest {

    @Test
    void programAndArgumentsAreQuotedOneByOne() {
        assertThat(Command.of("mkdir", "-p", "/srv/app/releases/v1").line()).isEqualTo("mkdir -p /srv/app/releases/v1");
        assertThat(Command.of("echo", "a b", "$(x)", "").line()).isEqualTo("echo 'a b' '$(x)' ''");
        assertThat(Command.of("true").line()).isEqualTo("true");
        assertThat(Command.of("ls", List.of("-l", "my dir")).line()).isEqualTo("ls -l 'my dir'");
        assertThat(Command.of("my prog", "x").line()).isEqualTo("'my prog' x");
    }

    @Test
    void combinatorsGroupEachSide() {
        Command mk = Command.of("mkdir", "-p", "/srv/a b");
        Command ln = Command.of("ln", "-sfn", "/srv/a b", "/srv/current");
        assertThat(mk.and(ln).line()).isEqualTo("(mkdir -p '/srv/a b') && (ln -sfn '/srv/a b' /srv/current)");
        assertThat(mk.orElse(Command.of("false")).line()).isEqualTo("(mkdir -p '/srv/a b') || (false)");
        assertThat(mk.then(ln).line()).isEqualTo("mkdir -p '/srv/a b'; ln -sfn '/srv/a b' /srv/current");
        assertThat(Command.of("nginx", "-T").writingTo("/tmp/nginx dump").line()).isEqualTo("(nginx -T) > '/tmp/nginx dump'");
    }

    @Test
    void descriptionsDefaultToTheLineAndCanBeFriendlier() {
        Command c = Command.of("systemctl", "reload", "nginx");
        assertThat(c.description()).isEqualTo("systemctl reload nginx");
        assertThat(c.describedAs("reload nginx").toString()).isEqualTo("reload nginx");
        assertThat(c.describedAs("reload nginx").line()).isEqualTo("systemctl reload nginx");
        assertThat(c.and(Command.of("true")).description()).isEqualTo("systemctl reload nginx && true");
    }

    @Test
    void renderedCombinationsRunAsWrittenInTheRealShell() throws Exception {
        Command c = Command.of("printf", "%s", "one; two").and(Command.of("printf", "[%s]", "$(three)"))
                .orElse(Command.of("printf", "never"));
        assertThat(new String(ShellQuoteTest.throughSh(c.line()))).isEqualTo("one; two[$(three)]");
    }
}
