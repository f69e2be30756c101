package dev.orrery.ha;

import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.ClusterValidator;
import dev.orrery.model.Failover;
import dev.orrery.model.Problem;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.store.ClusterStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A second balancer exists only with failover; failover needs what keepalived and the API need, field by field. */
class FailoverModelTest {

    @Test
    void twoBalancersWithFailoverAreValid() {
        assertThat(ClusterValidator.validate(FailoverClusters.crater(BalancerKind.NGINX, "eth1"))).isEmpty();
    }

    @Test
    void aSecondBalancerWithoutFailoverIsRefused() {
        Cluster c = FailoverClusters.crater(BalancerKind.NGINX, "eth1");
        c = c.withBalancer(c.balancer().withFailover(null));
        assertThat(ClusterValidator.validate(c)).extracting(Problem::field).containsExactly("servers");
        assertThat(ClusterValidator.validate(c).get(0).message()).contains("balancer.failover");
    }

    @Test
    void failoverNeedsTwoBalancersWithPrivateIpv4AndDropletIds() {
        Cluster c = FailoverClusters.crater(BalancerKind.NGINX, "eth1");
        assertThat(fields(c.withoutServer("lb-2"))).containsExactly("balancer.failover");
        Cluster noPrivate = c.replaceServer("lb-2", c.server("lb-2").orElseThrow().withAddresses("198.51.100.3", null));
        assertThat(fields(noPrivate)).containsExactly("servers[1].privateAddress");
        Cluster hostName = c.replaceServer("lb-2", c.server("lb-2").orElseThrow().withAddresses("198.51.100.3", "lb-2.internal"));
        assertThat(fields(hostName)).containsExactly("servers[1].privateAddress");
        Cluster manual = c.replaceServer("lb-1", c.server("lb-1").orElseThrow().withProvider("manual", null, null, null));
        assertThat(fields(manual)).containsExactly("servers[0].dropletId");
        Cluster three = c.withServer(FailoverClusters.balancer("lb-3", "198.51.100.4", "10.0.1.4", "3164446"));
        assertThat(fields(three)).containsExactly("balancer.failover");
    }

    @Test
    void hostileFailoverValuesAreRefusedByField() {
        Cluster c = FailoverClusters.crater(BalancerKind.NGINX, "eth1");
        assertThat(fields(c.withBalancer(c.balancer().withFailover(new Failover("203.0.113.10\nnotify /bin/sh", 51, "eth1")))))
                .containsExactly("balancer.failover.reservedIp");
        assertThat(fields(c.withBalancer(c.balancer().withFailover(new Failover("203.0.113.10", 256, "eth1")))))
                .containsExactly("balancer.failover.virtualRouterId");
        assertThat(fields(c.withBalancer(c.balancer().withFailover(new Failover("203.0.113.10", 51, "eth1 }")))))
                .containsExactly("balancer.failover.networkInterface");
        assertThat(fields(c.withBalancer(c.balancer().withFailover(new Failover("10.0.1.2", 51, "eth1")))))
                .containsExactly("balancer.failover.reservedIp");
        Server evil = c.server("lb-2").orElseThrow().withProvider("digitalocean", "1;reboot", "nyc3", "s-1vcpu-1gb");
        assertThat(fields(c.replaceServer("lb-2", evil))).contains("servers[1].dropletId");
        Server evilPeer = c.server("lb-2").orElseThrow().withAddresses("198.51.100.3", "10.0.1.3\"; }");
        assertThat(fields(c.replaceServer("lb-2", evilPeer))).contains("servers[1].privateAddress");
    }

    @Test
    void anOlderFileHasNoFailoverAndSavingOneBalancerWritesNone(@TempDir Path dir) throws Exception {
        Path file = Path.of("assets/examples/crater.json"); // written before failover existed
        assertThat(Files.readString(file)).doesNotContain("failover");
        Cluster old = ClusterStore.load(file);
        assertThat(old.balancer().failover()).isNull();
        assertThat(old.balancerServers()).hasSize(1);
        Path again = dir.resolve("again.json");
        ClusterStore.save(again, old);
        assertThat(Files.readString(again)).doesNotContain("failover");

        Cluster ha = FailoverClusters.crater(BalancerKind.HAPROXY, "eth1");
        Path haFile = dir.resolve("ha.json");
        ClusterStore.save(haFile, ha);
        Cluster back = ClusterStore.load(haFile);
        assertThat(back.balancer().failover()).isEqualTo(new Failover("203.0.113.10", 51, "eth1"));
        assertThat(back.byRole(Role.BALANCER)).hasSize(2);
    }

    private static List<String> fields(Cluster c) {
        return ClusterValidator.validate(c).stream().map(Problem::field).toList();
    }
}
