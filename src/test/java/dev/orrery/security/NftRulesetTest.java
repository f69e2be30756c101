package dev.orrery.security;

import dev.orrery.model.Cluster;
import dev.orrery.model.Role;
import dev.orrery.model.Rules;
import dev.orrery.model.Server;
import dev.orrery.store.ClusterStore;
import dev.orrery.testing.RequiresCommands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The example cluster's firewall rules: what each server accepts, and that real {@code nft -c}
 * accepts the rendered files (checked in a fresh network namespace, so nothing on this machine
 * changes; needs root, as the build runs here and in CI).
 */
@RequiresCommands({"nft", "unshare"})
public class NftRulesetTest {
    @TempDir
    Path dir;

    private final Cluster crater = load();

    private static Cluster load() {
        try {
            return ClusterStore.load(Path.of("assets/examples/crater.json"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void appServersTakeTheAppPortFromTheBalancerOnlyAndBalancersTakeWebTraffic() {
        List<HostFirewall> rules = HostFirewall.forCluster(crater, List.of("203.0.113.7", "2001:db8::/32"));
        assertThat(rules).extracting(HostFirewall::server).containsExactly("lb-1", "app-1", "app-2", "app-3"); // db-1 is not Orrery's to close
        String app = NftRuleset.render(rules.get(1));
        assertThat(app).contains("policy drop;")
                .contains("ip saddr { 203.0.113.7 } tcp dport 22 accept")
                .contains("ip6 saddr { 2001:db8::/32 } tcp dport 22 accept")
                .contains("ip saddr { 10.0.1.10, 198.51.100.10 } tcp dport 3000 accept")
                .contains("tcp dport 3000 reject with tcp reset")
                .doesNotContain("dport { 80");
        String lb = NftRuleset.render(rules.get(0));
        assertThat(lb).contains("tcp dport { 80, 443 } accept").doesNotContain("3000");
    }

    @Test
    void realNftAcceptsEveryRenderedFile() throws Exception {
        for (HostFirewall f : HostFirewall.forCluster(crater, List.of("203.0.113.7", "10.0.0.0/8", "2001:db8::1"))) {
            Path file = Files.writeString(dir.resolve(f.server() + ".nft"), NftRuleset.render(f));
            Process p = new ProcessBuilder("unshare", "--net", "nft", "-c", "-f", file.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor()).as(f.server() + ": " + out).isZero();
        }
        Path none = Files.writeString(dir.resolve("none.nft"), NftRuleset.none());
        Process p = new ProcessBuilder("unshare", "--net", "nft", "-c", "-f", none.toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor()).isZero();
    }

    /** crater with a second balancer (lb-2, 10.0.1.11) and failover: keepalived's unicast VRRP between 10.0.1.10 and 10.0.1.11. */
    public static Cluster pair(Cluster c) {
        Server lb2 = Server.of("lb-2", Role.BALANCER, "198.51.100.12").withAddresses("198.51.100.12", "10.0.1.11")
                .withProvider("digitalocean", "3164445", "nyc3", "s-1vcpu-1gb");
        return c.withServer(lb2).withBalancer(c.balancer().withFailover(dev.orrery.model.Failover.of("198.51.100.50")));
    }

    @Test
    void aFailoverPairTakesVrrpFromItsPeersPrivateAddressOnlyAndNothingElseChanges() throws Exception {
        List<String> from = List.of("203.0.113.7");
        List<HostFirewall> rules = HostFirewall.forCluster(pair(crater), from);
        HostFirewall lb1 = rules.stream().filter(f -> f.server().equals("lb-1")).findFirst().orElseThrow();
        HostFirewall lb2 = rules.stream().filter(f -> f.server().equals("lb-2")).findFirst().orElseThrow();
        assertThat(lb1.vrrpFrom()).containsExactly("10.0.1.11");
        assertThat(lb2.vrrpFrom()).containsExactly("10.0.1.10");
        assertThat(NftRuleset.render(lb1)).contains("    ip saddr { 10.0.1.11 } ip protocol 112 counter accept\n")
                .doesNotContain("10.0.1.10").doesNotContain("198.51.100.12");
        assertThat(NftRuleset.render(lb2)).contains("    ip saddr { 10.0.1.10 } ip protocol 112 counter accept\n");
        // every other line is the single balancer's, and app servers get no VRRP at all
        HostFirewall single = HostFirewall.forCluster(crater, from).get(0);
        assertThat(NftRuleset.render(lb1).lines().filter(l -> !l.contains("protocol 112")).toList())
                .isEqualTo(NftRuleset.render(single).lines().toList());
        assertThat(rules).filteredOn(f -> f.role() == Role.APP).allSatisfy(f -> {
            assertThat(f.vrrpFrom()).isEmpty();
            assertThat(NftRuleset.render(f)).doesNotContain("protocol 112");
            assertThat(f.appFrom()).contains("10.0.1.10", "10.0.1.11");
        });
        assertThat(NftRuleset.render(single)).doesNotContain("protocol 112");
        assertThat(OpenPorts.of(List.of(lb1), CloudFirewallPlan.none("crater")))
                .anySatisfy(o -> assertThat(o.port() + " " + o.from()).isEqualTo("vrrp (ip proto 112) failover peer 10.0.1.11"));
        Path file = Files.writeString(dir.resolve("lb-1.nft"), NftRuleset.render(lb1));
        Process p = new ProcessBuilder("unshare", "--net", "nft", "-c", "-f", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
    }

    @Test
    void aFailoverPeerWithoutAPrivateAddressIsRefused() {
        Cluster c = pair(crater);
        Cluster noPrivate = c.replaceServer("lb-2", c.server("lb-2").orElseThrow().withAddresses("198.51.100.12", null));
        assertThatThrownBy(() -> HostFirewall.forCluster(noPrivate, List.of("203.0.113.7")))
                .hasMessageContaining("lb-2 has no private IP address");
        assertThatThrownBy(() -> new HostFirewall("lb-1", Role.BALANCER, 22, List.of("203.0.113.7"), 0, List.of(), List.of(80),
                List.of("10.0.1.11 } accept"))).hasMessageContaining("not an IPv4 address");
    }

    @Test
    void theCloudFirewallPlanWarnsThatItCannotAllowVrrp() {
        CloudFirewallPlan plan = CloudFirewallPlan.forCluster(pair(crater), List.of("203.0.113.7"));
        assertThat(plan.warnings()).singleElement().asString().contains("IP protocol 112").contains("--layer host");
        assertThat(plan.firewalls()).allSatisfy(w -> assertThat(w.firewall().inbound())
                .allSatisfy(r -> assertThat(r.protocol()).isIn("tcp", "udp", "icmp")));
        assertThat(CloudFirewallPlan.forCluster(crater, List.of("203.0.113.7")).warnings()).isEmpty();
    }

    @Test
    void hostileOrOddSourcesAreRefusedBeforeAnythingIsRendered() {
        for (String bad : List.of("10.0.0.0/8; flush ruleset", "example.com", "10.0.0.0/33", "::/129", "10.0.0.1/", "", "10.0.0.0/8 }")) {
            assertThatThrownBy(() -> HostFirewall.forCluster(crater, List.of(bad)))
                    .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--ssh-from");
        }
        assertThatThrownBy(() -> HostFirewall.forCluster(crater, List.of())).hasMessageContaining("list at least the one Orrery connects from");
    }

    @Test
    void aBalancerKnownOnlyByNameOrNoBalancerIsRefused() {
        Server lb = crater.server("lb-1").orElseThrow();
        Cluster named = crater.replaceServer("lb-1", lb.withAddresses("lb.example.com", null));
        assertThatThrownBy(() -> HostFirewall.forCluster(named, List.of("203.0.113.7"))).hasMessageContaining("is a host name");
        Cluster none = crater.withoutServer("lb-1");
        assertThatThrownBy(() -> HostFirewall.forCluster(none, List.of("203.0.113.7"))).hasMessageContaining("no balancer");
        assertThat(HostFirewall.forCluster(crater, List.of("203.0.113.7"))).filteredOn(f -> f.role() == Role.APP)
                .allSatisfy(f -> assertThat(f.appFrom()).containsExactly("10.0.1.10", "198.51.100.10"));
    }

    @Test
    void cidrRule() {
        for (String ok : List.of("203.0.113.7", "10.0.0.0/8", "0.0.0.0/0", "2001:db8::/32", "::1", "::/0")) {
            assertThat(Rules.cidr(ok)).as(ok).isEmpty();
        }
        for (String bad : List.of("10.0.0.256", "10.0.0.0/8/8", "10.0.0.0/-1", "a/8", "10.0.0.0 /8", "10.0.0.0/08x")) {
            assertThat(Rules.cidr(bad)).as(bad).isPresent();
        }
    }
}
