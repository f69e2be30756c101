package dev.orrery.model;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterValidatorTest {

    @Test
    void theSeedClusterIsValid() {
        assertThat(ClusterValidator.validate(Fixtures.seedCluster())).isEmpty();
    }

    @Test
    void namesTheFieldOfAHostileServerName() {
        Cluster c = Fixtures.seedCluster();
        c = c.replaceServer("app-2", c.server("app-2").orElseThrow().withName("app-2;reboot"));
        assertThat(ClusterValidator.validate(c))
                .extracting(Problem::field).containsExactly("servers[2].name");
    }

    @Test
    void namesTheFieldOfAHostileAddressAndTlsName() {
        Cluster c = Fixtures.seedCluster();
        c = c.replaceServer("app-1", c.server("app-1").orElseThrow().withAddresses("1.2.3.4", "10.0.0.1 down; server evil"));
        Balancer b = c.balancer();
        c = c.withBalancer(new Balancer(b.kind(), b.stickiness(), b.healthCheck(),
                new Tls("crater.io}", "/etc/ssl/a.pem", "/etc/ssl/k.pem"), 80, 443, List.of()));
        assertThat(ClusterValidator.validate(c)).extracting(Problem::field)
                .containsExactlyInAnyOrder("servers[1].privateAddress", "balancer.tls.serverName");
    }

    @Test
    void duplicateNamesAndTwoBalancersAreRefused() {
        Cluster c = Fixtures.seedCluster()
                .withServer(Server.of("app-1", Role.APP, "10.0.0.9"))
                .withServer(Server.of("lb-2", Role.BALANCER, "10.0.0.8"));
        assertThat(ClusterValidator.validate(c)).extracting(Problem::field)
                .contains("servers[4].name", "servers");
    }

    @Test
    void environmentKeysAndValuesAreChecked() {
        Cluster c = Fixtures.seedCluster();
        c = c.withApp(c.app().withEnvironment(Map.of("BAD-KEY", "x", "GOOD", "nul\0here")));
        assertThat(ClusterValidator.validate(c)).extracting(Problem::field)
                .containsExactlyInAnyOrder("app.environment", "app.environment.GOOD");
    }

    @Test
    void healthCheckBoundsAreChecked() {
        Cluster c = Fixtures.seedCluster();
        c = c.withBalancer(c.balancer().withHealthCheck(new HealthCheck("/", 0, 2, 0, 1000)));
        assertThat(ClusterValidator.validate(c)).extracting(Problem::field)
                .containsExactlyInAnyOrder("balancer.healthCheck.intervalMs", "balancer.healthCheck.fall");
    }

    @Test
    void drainedMustNameAnAppServer() {
        Cluster c = Fixtures.seedCluster();
        c = c.withBalancer(c.balancer().withDrained("db-1", true));
        assertThat(ClusterValidator.validate(c)).extracting(Problem::field).containsExactly("balancer.drained");
    }

    @Test
    void requireValidListsEveryProblem() {
        Cluster c = Fixtures.seedCluster();
        Cluster bad = c.replaceServer("app-1", c.server("app-1").orElseThrow().withName("A").withSsh("r oot", 0, null));
        assertThatThrownBy(() -> ClusterValidator.requireValid(bad))
                .isInstanceOf(InvalidClusterException.class)
                .hasMessageContaining("servers[1].name")
                .hasMessageContaining("servers[1].sshUser")
                .hasMessageContaining("servers[1].sshPort");
    }

    @Test
    void suggestedNamesSkipTakenOnes() {
        Cluster c = Fixtures.seedCluster();
        assertThat(c.suggestName(Role.APP)).isEqualTo("app-3");
        assertThat(c.suggestName(Role.BALANCER)).isEqualTo("lb-2");
        assertThat(c.withoutServer("app-1").suggestName(Role.APP)).isEqualTo("app-1");
    }

    @Test
    void onlyAServerBeingMadeOrFailedMayLackAnAddress() {
        Server pending = Server.of("app-9", Role.APP, null).withAddresses(null, null).withProvider("digitalocean", "123", "nyc3", "s-1vcpu-1gb");
        assertThat(ClusterValidator.validateServer(pending.withState(ServerState.PROVISIONING))).isEmpty();
        assertThat(ClusterValidator.validateServer(pending.withState(ServerState.FAILED))).isEmpty();
        assertThat(ClusterValidator.validateServer(pending.withState(ServerState.READY)))
                .extracting(Problem::field).containsExactly("server.publicAddress");
    }

    @Test
    void forwardedCountFollowsTheTopology() {
        Cluster c = Fixtures.seedCluster();
        assertThat(c.forwardedCount()).isEqualTo(1);
        assertThat(c.withoutServer("lb-1").forwardedCount()).isZero();
    }
}
