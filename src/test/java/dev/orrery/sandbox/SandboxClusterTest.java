package dev.orrery.sandbox;

import dev.orrery.model.Cluster;
import dev.orrery.model.ClusterValidator;
import dev.orrery.model.Release;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.proxy.BalancerFeatures;
import dev.orrery.proxy.BalancerLayout;
import dev.orrery.proxy.ProxyRenderer;
import dev.orrery.model.BalancerKind;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SandboxClusterTest {
    final Path javaHome = Path.of("/opt/orrery/runtime");

    @Test
    void aBalancerOnLoopbackAndTwoAppServersOnTheirOwnAddressesRunningTheSampleApp() {
        Cluster c = SandboxCluster.create(41000, javaHome);

        assertThat(ClusterValidator.validate(c)).isEmpty();
        assertThat(c.name()).isEqualTo("sandbox");
        assertThat(c.balancerServer()).get().extracting(Server::internalAddress).isEqualTo("127.0.0.1");
        assertThat(c.balancer().httpPort()).isEqualTo(41000);
        assertThat(c.balancer().healthCheck().path()).isEqualTo("/health");
        assertThat(c.appServers()).extracting(Server::name).containsExactly("app-1", "app-2");
        assertThat(c.appServers()).extracting(Server::internalAddress).containsExactly("127.66.0.2", "127.66.0.3");
        assertThat(c.servers()).allMatch(s -> s.provider().equals("sandbox"));
        assertThat(c.app().name()).isEqualTo("sample");
        assertThat(c.app().environment().get("PATH")).startsWith("/opt/orrery/runtime/bin:");
    }

    @Test
    void itRendersForNginxListeningOnLoopbackWithEachServerOnTheAppPort() {
        Cluster c = SandboxCluster.create(41000, javaHome);
        BalancerLayout layout = BalancerLayout.under("/tmp/sb/balancer", BalancerKind.NGINX).listeningOn("127.0.0.1");
        String conf = new String(ProxyRenderer.render(c, layout, BalancerFeatures.STOCK).bytes(), StandardCharsets.UTF_8);
        assertThat(conf).contains("listen 127.0.0.1:41000").contains("server 127.66.0.2:3000").contains("server 127.66.0.3:3000");
    }

    @Test
    void withoutNginxThereIsNoBalancerServerUntilOneIsAdded() {
        Cluster c = SandboxCluster.create(0, javaHome);
        assertThat(c.balancerServer()).isEmpty();
        assertThat(c.forwardedCount()).isZero();

        Cluster withLb = SandboxCluster.withBalancer(c, 42000);
        assertThat(withLb.balancerServer()).get().extracting(Server::role).isEqualTo(Role.BALANCER);
        assertThat(withLb.balancer().httpPort()).isEqualTo(42000);
        assertThat(ClusterValidator.validate(withLb)).isEmpty();
    }

    @Test
    void aNewServerTakesTheNextFreeNameAndAddressReusingOnesLeftByARemovedServer() {
        Cluster c = SandboxCluster.create(41000, javaHome);
        Server third = SandboxCluster.newAppServer(c);
        assertThat(third.name()).isEqualTo("app-3");
        assertThat(third.internalAddress()).isEqualTo("127.66.0.4");

        Cluster without1 = c.withoutServer("app-1");
        Server again = SandboxCluster.newAppServer(without1);
        assertThat(again.name()).isEqualTo("app-1");
        assertThat(again.internalAddress()).isEqualTo("127.66.0.2");
    }

    @Test
    void anotherAddressBlockIsKeptForServersAddedLaterAndABadBlockIsRefused() {
        Cluster c = SandboxCluster.create(41000, javaHome, "127.66.9.");
        assertThat(c.appServers()).extracting(Server::internalAddress).containsExactly("127.66.9.2", "127.66.9.3");
        assertThat(SandboxCluster.newAppServer(c).internalAddress()).isEqualTo("127.66.9.4");
        assertThatThrownBy(() -> SandboxCluster.create(41000, javaHome, "10.0.0.")).hasMessageContaining("loopback");
        assertThatThrownBy(() -> SandboxCluster.create(41000, javaHome, "127.66.0.1")).hasMessageContaining("loopback");
    }

    @Test
    void theNextVersionFollowsTheLiveReleasesBundleName() {
        Cluster c = SandboxCluster.create(41000, javaHome);
        assertThat(Sandbox.currentVersion(c)).isZero();
        Cluster v3 = c.withApp(c.app().withRelease(new Release("20261128-010203-abcdef12", Release.Kind.JAR, "sample-v3.jar", "ab", Instant.EPOCH)));
        assertThat(Sandbox.currentVersion(v3)).isEqualTo(3);
    }

    @Test
    void aSandboxDirectoryWithASpaceIsRefusedWithTheWayOut() {
        assertThatThrownBy(() -> new SandboxPaths(Path.of("/Users/a/Library/Application Support/Orrery/sandbox")))
                .hasMessageContaining("ORRERY_HOME");
    }
}
