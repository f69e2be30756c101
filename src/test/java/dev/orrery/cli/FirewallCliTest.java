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

    @Test
    void planSaysWhatIsOpenWhereOnBothLayers() {
        CliRun r = run("firewall", "plan", "assets/examples/crater.json", "--ssh-from", "203.0.113.7");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("app-1\\s+3000\\s+balancer 10\\.0\\.1\\.10, 198\\.51\\.100\\.10 \\| balancer tag orrery:crater:balancer\\s+host\\+cloud")
                .containsPattern("lb-1\\s+443\\s+anyone\\s+host\\+cloud")
                .containsPattern("app-2\\s+22\\s+203\\.0\\.113\\.7\\s+host\\+cloud")
                .contains("Cloud Firewall orrery-crater-app: droplets tagged orrery:crater:app (app-1, app-2, app-3)")
                .contains("Cloud Firewall orrery-crater-balancer").doesNotContain("db-1");
        CliRun hostOnly = run("firewall", "plan", "assets/examples/crater.json", "--ssh-from", "203.0.113.7", "--layer", "host");
        assertThat(hostOnly.out()).doesNotContain("Cloud Firewall").doesNotContain("cloud");
        assertThat(run("firewall", "plan", "assets/examples/crater.json", "--ssh-from", "203.0.113.7", "--layer", "sky").exit()).isEqualTo(2);
    }

    @Test
    void planForAFailoverPairAllowsVrrpFromThePeerAndWarnsThatTheCloudLayerCannot() throws Exception {
        Path file = home.resolve("pair.json");
        dev.orrery.store.ClusterStore.save(file, dev.orrery.security.NftRulesetTest.pair(
                dev.orrery.store.ClusterStore.load(Path.of("assets/examples/crater.json"))));
        CliRun r = run("firewall", "plan", file.toString(), "--ssh-from", "203.0.113.7");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("lb-1\\s+vrrp \\(ip proto 112\\)\\s+failover peer 10\\.0\\.1\\.11\\s+host")
                .containsPattern("lb-2\\s+vrrp \\(ip proto 112\\)\\s+failover peer 10\\.0\\.1\\.10\\s+host")
                .contains("ip saddr { 10.0.1.11 } ip protocol 112 counter accept")
                .contains("warning: balancer.failover: a DigitalOcean Cloud Firewall can allow only TCP, UDP and ICMP");
        CliRun hostOnly = run("firewall", "plan", file.toString(), "--ssh-from", "203.0.113.7", "--layer", "host");
        assertThat(hostOnly.out()).contains("ip protocol 112").doesNotContain("warning:");
    }

    @Test
    void theAllowListIsKeptInTheClusterFileAndUsedFromThere() throws Exception {
        Path file = home.resolve("crater.json");
        java.nio.file.Files.copy(Path.of("assets/examples/crater.json"), file);
        CliRun saved = run("firewall", "plan", file.toString(), "--ssh-from", "203.0.113.7", "--ssh-from", "10.0.0.0/8", "--save");
        assertThat(saved.exit()).as(saved.err()).isZero();
        assertThat(dev.orrery.store.ClusterFile.read(file).sshFrom()).containsExactly("203.0.113.7", "10.0.0.0/8");
        CliRun fromFile = run("firewall", "plan", file.toString());
        assertThat(fromFile.exit()).as(fromFile.err()).isZero();
        assertThat(fromFile.out()).contains("ip saddr { 203.0.113.7, 10.0.0.0/8 } tcp dport 22 accept");

        assertThat(run("firewall", "plan", file.toString(), "--save").exit()).as("--save without --ssh-from").isEqualTo(2);
        String text = java.nio.file.Files.readString(file).replace("\"10.0.0.0/8\"", "\"10.0.0.0/8; flush ruleset\"");
        java.nio.file.Files.writeString(file, text);
        CliRun bad = run("firewall", "plan", file.toString());
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains("firewall.sshFrom[1]").contains("';'");
    }
}
