package dev.orrery.cli;

import dev.orrery.store.OrreryHome;
import dev.orrery.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code orrery firewall plan}: prints the rules and touches no server; bad ranges are command-line errors. */
class FirewallCliTest {
    @TempDir
    Path home;

    private CliRun run(String... args) {
        return CliRun.run(new OrreryHome(home), args);
    }

    @Test
    void planPrintsEachServersRules() {
        CliRun r = run("firewall", "plan", "assets/examples/crater.json", "--ssh-from", "203.0.113.7");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("# Orrery's firewall for lb-1 (balancer)").contains("# Orrery's firewall for app-3 (app)")
                .contains("tcp dport 3000 reject with tcp reset").doesNotContain("db-1");
    }

    @Test
    void planForOneServer() {
        CliRun r = run("firewall", "plan", "assets/examples/crater.json", "--ssh-from", "203.0.113.7", "--server", "app-2");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("app-2").doesNotContain("app-1").doesNotContain("lb-1");
        assertThat(run("firewall", "plan", "assets/examples/crater.json", "--ssh-from", "203.0.113.7", "--server", "db-1").exit()).isEqualTo(2);
    }

    @Test
    void aHostileRangeOrAMissingOneIsABadCommandLine() {
        CliRun bad = run("firewall", "plan", "assets/examples/crater.json", "--ssh-from", "10.0.0.0/8; flush ruleset");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("--ssh-from contains ';'").contains("not allowed");
        CliRun name = run("firewall", "plan", "assets/examples/crater.json", "--ssh-from", "office.example.com");
        assertThat(name.exit()).isEqualTo(2);
        assertThat(name.err()).contains("must be an IP address or range");
        assertThat(run("firewall", "plan", "assets/examples/crater.json").exit()).isEqualTo(2);
        assertThat(run("firewall", "apply", "assets/examples/crater.json", "--ssh-from", "203.0.113.7", "--confirm-within", "5s").exit()).isEqualTo(2);
    }
}
