package dev.orrery.sandbox;

import dev.orrery.model.AppSpec;
import dev.orrery.model.Balancer;
import dev.orrery.model.Cluster;
import dev.orrery.model.ClusterValidator;
import dev.orrery.model.HealthCheck;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.model.ServerState;

import java.nio.file.Path;
import java.util.Map;

/**
 * The sandbox cluster as a model: a balancer on 127.0.0.1 (when nginx is installed) and app
 * servers on their own loopback addresses, all with provider {@code sandbox}, running the sample
 * app with health path {@code /health}.
 */
public final class SandboxCluster {
    public static final String NAME = "sandbox";
    public static final String APP = "sample";
    public static final String PROVIDER = "sandbox";
    public static final String HEALTH_PATH = "/health";
    public static final int APP_PORT = 3000;
    public static final int INITIAL_APP_SERVERS = 2;

    private SandboxCluster() {
    }

    /**
     * A new sandbox cluster. {@code balancerPort} is the free port nginx will listen on, or 0 for
     * a cluster without a balancer (nginx not installed). {@code javaHome} puts Orrery's own Java
     * first on the app's PATH: the release's start script runs {@code java -jar}.
     */
    public static Cluster create(int balancerPort, Path javaHome) {
        return create(balancerPort, javaHome, SandboxAddresses.PREFIX);
    }

    /** As {@link #create(int, Path)}, with the app servers in the loopback block {@code prefix} ("127.66.0."). */
    public static Cluster create(int balancerPort, Path javaHome, String prefix) {
        HealthCheck check = new HealthCheck(HEALTH_PATH, HealthCheck.DEFAULT.intervalMs(), HealthCheck.DEFAULT.rise(),
                HealthCheck.DEFAULT.fall(), HealthCheck.DEFAULT.timeoutMs());
        Balancer defaults = Balancer.defaults().withHealthCheck(check);
        Balancer balancer = new Balancer(defaults.kind(), defaults.stickiness(), check, null,
                balancerPort > 0 ? balancerPort : 80, defaults.httpsPort(), null);
        AppSpec app = new AppSpec(APP, APP_PORT, Map.of("PATH", javaHome.resolve("bin") + ":/usr/local/bin:/usr/bin:/bin"), null);
        Cluster cluster = new Cluster(NAME, app, balancer, null);
        if (balancerPort > 0) {
            cluster = withBalancer(cluster, balancerPort);
        }
        for (int i = 0; i < INITIAL_APP_SERVERS; i++) {
            cluster = cluster.withServer(sandboxServer(cluster.suggestName(Role.APP), Role.APP, SandboxAddresses.next(cluster, prefix)));
        }
        var problems = ClusterValidator.validate(cluster);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the sandbox cluster is invalid: " + problems);
        }
        return cluster;
    }

    /** Adds the balancer server (nginx on 127.0.0.1:{@code port}) to a cluster made without one. */
    public static Cluster withBalancer(Cluster cluster, int port) {
        Balancer b = cluster.balancer();
        Cluster c = cluster.withBalancer(new Balancer(b.kind(), b.stickiness(), b.healthCheck(), b.tls(), port, b.httpsPort(), b.drained(), b.kept(), b.failover()));
        return c.withServer(sandboxServer(c.suggestName(Role.BALANCER), Role.BALANCER, "127.0.0.1").withState(ServerState.READY));
    }

    /** The next app server: the next free name and loopback address (in the cluster's block), not yet started. */
    public static Server newAppServer(Cluster cluster) {
        return sandboxServer(cluster.suggestName(Role.APP), Role.APP, SandboxAddresses.next(cluster, SandboxAddresses.prefixOf(cluster)));
    }

    static Server sandboxServer(String name, Role role, String address) {
        return Server.of(name, role, address).withProvider(PROVIDER, null, "local", null);
    }
}
