package dev.orrery.ha;

import dev.orrery.cloud.CloudException;
import dev.orrery.cloud.FakeApiFixture;
import dev.orrery.cloud.ReservedIps;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.ClusterValidator;
import dev.orrery.model.InvalidClusterException;
import dev.orrery.task.Progress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Creating, adopting and assigning the reserved IP, against the fake API held to the spec. */
class ReservedIpClaimTest {
    private final FakeApiFixture api = new FakeApiFixture();
    private final ReservedIps ips = api.client().reservedIps();
    private final long lb1 = api.fake.droplet("lb-1", List.of()).id();
    private final long lb2 = api.fake.droplet("lb-2", List.of()).id();
    private final long other = api.fake.droplet("web", List.of()).id();

    ReservedIpClaimTest() throws IOException {
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private Cluster cluster(String reservedIp) {
        Cluster c = FailoverClusters.crater(BalancerKind.NGINX, "eth1");
        c = c.replaceServer("lb-1", c.server("lb-1").orElseThrow().withProvider("digitalocean", String.valueOf(lb1), "nyc3", "s-1vcpu-1gb"));
        c = c.replaceServer("lb-2", c.server("lb-2").orElseThrow().withProvider("digitalocean", String.valueOf(lb2), "nyc3", "s-1vcpu-1gb"));
        return c.withBalancer(c.balancer().withFailover(c.balancer().failover().withReservedIp(reservedIp)));
    }

    @Test
    void noAddressInTheFileCreatesOneOnTheFirstBalancer() {
        Cluster c = cluster(null);
        assertThat(ClusterValidator.validate(c)).as("a failover without its address yet is a valid file").isEmpty();
        assertThatThrownBy(() -> KeepalivedRenderer.requireRenderable(c)).isInstanceOf(InvalidClusterException.class)
                .hasMessageContaining("failover setup");

        ReservedIpClaim.Result r = ReservedIpClaim.claim(ips, c, Progress.NONE);

        assertThat(r.how()).isEqualTo("created");
        assertThat(r.holder()).isEqualTo(lb1);
        assertThat(api.fake.reservedIps().holder(r.ip())).isEqualTo(lb1);
        assertThat(api.fake.count("POST /v2/reserved_ips")).isEqualTo(1);
    }

    @Test
    void anAddressAlreadyOnABalancerIsAdoptedNotCreatedTwice() {
        api.fake.reservedIps().add("203.0.113.77", "nyc3", lb2);
        ReservedIpClaim.Result r = ReservedIpClaim.claim(ips, cluster(null), Progress.NONE);

        assertThat(r).isEqualTo(new ReservedIpClaim.Result("203.0.113.77", lb2, "adopted"));
        assertThat(api.fake.count("POST /v2/reserved_ips")).isZero();
    }

    @Test
    void aNamedAddressHeldByNobodyIsAssignedToTheFirstBalancer() {
        api.fake.reservedIps().add("203.0.113.10", "nyc3", 0);
        ReservedIpClaim.Result r = ReservedIpClaim.claim(ips, cluster("203.0.113.10"), Progress.NONE);

        assertThat(r).isEqualTo(new ReservedIpClaim.Result("203.0.113.10", lb1, "assigned"));
        assertThat(api.fake.reservedIps().moves()).containsExactly("203.0.113.10→" + lb1);
    }

    @Test
    void aNamedAddressOnABalancerIsAdoptedWhereItIs() {
        api.fake.reservedIps().add("203.0.113.10", "nyc3", lb2);
        assertThat(ReservedIpClaim.claim(ips, cluster("203.0.113.10"), Progress.NONE))
                .isEqualTo(new ReservedIpClaim.Result("203.0.113.10", lb2, "adopted"));
        assertThat(api.fake.reservedIps().moves()).isEmpty();
    }

    @Test
    void anAddressOnAnotherDropletOrMissingIsRefusedAndNothingMoves() {
        api.fake.reservedIps().add("203.0.113.10", "nyc3", other);
        assertThatThrownBy(() -> ReservedIpClaim.claim(ips, cluster("203.0.113.10"), Progress.NONE))
                .isInstanceOf(CloudException.class).hasMessageContaining("neither balancer");
        assertThatThrownBy(() -> ReservedIpClaim.claim(ips, cluster("203.0.113.99"), Progress.NONE))
                .isInstanceOf(CloudException.class).hasMessageContaining("has no reserved IP 203.0.113.99");
        assertThat(api.fake.reservedIps().moves()).isEmpty();
        assertThat(api.fake.reservedIps().holder("203.0.113.10")).isEqualTo(other);
    }
}
