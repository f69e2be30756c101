package dev.orrery.engine;

import dev.orrery.cloud.ApiToken;
import dev.orrery.cloud.CloudSettings;
import dev.orrery.cloud.DigitalOceanClient;
import dev.orrery.cloud.DigitalOceanProvider;
import dev.orrery.cloud.TokenStore;
import dev.orrery.cloud.TokenStores;
import dev.orrery.deploy.HostProvider;
import dev.orrery.deploy.NewServerInstall;
import dev.orrery.deploy.RolloutOptions;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.InvalidClusterException;
import dev.orrery.model.Problem;
import dev.orrery.model.Release;
import dev.orrery.model.ServerState;
import dev.orrery.task.Progress;
import dev.orrery.model.Server;
import dev.orrery.provision.AppServerCheck;
import dev.orrery.provision.Seams;
import dev.orrery.provision.SshHostKeyReadiness;
import dev.orrery.proxy.BalancerLayout;
import dev.orrery.proxy.ProxyPush;
import dev.orrery.proxy.ProxyRenderer;
import dev.orrery.remote.HostKeyPrompt;
import dev.orrery.remote.HostResolver;
import dev.orrery.remote.SshConnector;
import dev.orrery.store.OrreryHome;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/**
 * Puts the cloud workflows together: the DigitalOcean provider from the settings, the
 * environment and the stored token, and the provision workflow's seams to the other workflows:
 * SSH readiness that records the new droplet's host key ({@link SshHostKeyReadiness}), the app
 * check over SSH ({@link AppServerCheck}), the deploy of the cluster's current release onto the
 * new server alone ({@link NewServerInstall}, the deploy's own installer and switch, from the
 * release's bundle found by {@link ReleaseBundles}, else copied over SSH from an app server that
 * runs the release), and the balancer push ({@link ProxyPush}
 * through the balancer server's host).
 */
public final class CloudWiring {
    private CloudWiring() {
    }

    public static ApiToken token(OrreryHome home, Map<String, String> env) throws IOException {
        return TokenStore.resolve(env, TokenStores.forThisSystem(home)).orElseThrow(() -> new IllegalStateException(
                "no DigitalOcean token: set DIGITALOCEAN_TOKEN, or save one with `orrery token set` (kept in "
                        + TokenStores.forThisSystem(home).describe() + ")"));
    }

    public static DigitalOceanProvider provider(OrreryHome home, Map<String, String> env) throws IOException {
        CloudSettings settings = CloudSettings.load(home);
        return new DigitalOceanProvider(new DigitalOceanClient(settings.config(env), token(home, env)));
    }

    /**
     * What the seams connect through.
     *
     * @param connectorWith  an SSH connector on Orrery's known_hosts with the given prompt for unknown keys
     *                       (the readiness passes accept-new, for the droplet Orrery just made)
     * @param hosts          connections to servers whose keys are known (the check, deploy and push)
     * @param scheduler      the Engine's, for command timeouts
     * @param balancerLayout where the balancer's configuration lives on the balancer server
     * @param deploy         how the release is installed and started
     * @param bundles        where the current release's bundle is looked for
     */
    public record Wiring(Function<HostKeyPrompt, SshConnector> connectorWith, HostResolver hosts, ScheduledExecutorService scheduler,
                         Function<BalancerKind, BalancerLayout> balancerLayout, RolloutOptions deploy, ReleaseBundles bundles) {
    }

    /** The bundle directories the command line looks in: beside the cluster file, then ORRERY_HOME/bundles. */
    public static ReleaseBundles bundlesFor(OrreryHome home, Path clusterFile) {
        Path dir = clusterFile.toAbsolutePath().getParent();
        return new ReleaseBundles(List.of(dir, home.root().resolve("bundles")));
    }

    public static Seams.ProvisionSeams seams(Wiring w) {
        HostProvider pooled = HostProvider.pooled(w.hosts()::hostFor);
        NewServerInstall installer = new NewServerInstall(pooled, w.deploy());
        return new Seams.ProvisionSeams(
                new SshHostKeyReadiness(w.connectorWith(), w.scheduler(), Duration.ofSeconds(2)),
                new AppServerCheck(w.hosts()),
                (cluster, server, release, progress) -> deploy(w.bundles(), installer, cluster, server, release, progress),
                balancer(w.hosts(), w.balancerLayout()));
    }

    /** From the release's bundle on this machine, else copied from an app server running it, else a clear refusal. */
    static void deploy(ReleaseBundles bundles, NewServerInstall installer, Cluster cluster, Server server, Release release,
                       Progress progress) throws Exception {
        Optional<Path> bundle = bundles.find(release);
        if (bundle.isPresent()) {
            progress.log("deploying " + release.id() + " from " + bundle.get());
            installer.install(cluster, server, release, bundle.get(), progress);
            return;
        }
        Server source = cluster.appServers().stream()
                .filter(s -> !s.name().equals(server.name()) && release.id().equals(s.release())
                        && s.state() != ServerState.PROVISIONING && s.state() != ServerState.FAILED)
                .findFirst().orElseThrow(() -> new IllegalStateException(bundles.missing(release)));
        progress.log("the bundle " + release.bundle() + " is not on this machine; copying " + release.id() + " from " + source.name());
        installer.copyFrom(cluster, source, server, release, progress);
    }

    /**
     * Renders, validates and reloads the cluster's balancer configuration on its balancer server —
     * on both of a failover pair, one at a time in {@link PushProxyJob#pushOrder} (the standby
     * first), so a new or removed app server is known to whichever balancer holds the reserved IP.
     */
    public static Seams.BalancerPusher balancer(HostResolver hosts, Function<BalancerKind, BalancerLayout> layouts) {
        return (cluster, progress) -> {
            BalancerLayout layout = layouts.apply(cluster.balancer().kind());
            ProxyRenderer.requireRenderable(cluster, layout);
            balancerServer(cluster);
            for (Server lb : PushProxyJob.pushOrder(cluster)) {
                new ProxyPush(hosts.hostFor(lb), layout).push(cluster, progress);
            }
        };
    }

    private static Server balancerServer(Cluster cluster) {
        return cluster.balancerServer().orElseThrow(() -> new InvalidClusterException(
                List.of(new Problem("servers", "has no load balancer server to push the configuration to"))));
    }
}
