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
class NftRulesetTest {
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
