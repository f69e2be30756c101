package dev.orrery.engine;

import dev.orrery.engine.state.JobKind;

import dev.orrery.model.Cluster;
import dev.orrery.model.InvalidClusterException;
import dev.orrery.model.Problem;
import dev.orrery.model.Server;
import dev.orrery.proxy.BalancerLayout;
import dev.orrery.proxy.ProxyConfig;
import dev.orrery.proxy.ProxyPush;
import dev.orrery.proxy.ProxyRenderer;
import dev.orrery.remote.Host;
import dev.orrery.remote.HostResolver;
import dev.orrery.task.Progress;

import java.util.List;

/**
 * Pushes the cluster's balancer configuration to its balancer host as a background job
 * (render → upload → validate → swap → reload → check, restoring the previous on failure).
 * The result is the configuration now live; a failure carries the balancer's own message.
 */
public final class PushProxyJob implements Job<ProxyConfig> {
    private final Cluster cluster;
    private final Host host;
    private final BalancerLayout layout;

    public PushProxyJob(Cluster cluster, Host host, BalancerLayout layout) {
        this.cluster = cluster;
        this.host = host;
        this.layout = layout;
    }

    /** The cluster's balancer server through the resolver, with the distribution's paths. Refuses an invalid cluster at once. */
    public static PushProxyJob forCluster(Cluster cluster, HostResolver hosts) {
        BalancerLayout layout = BalancerLayout.droplet(cluster.balancer().kind());
        ProxyRenderer.requireRenderable(cluster, layout);
        Server lb = cluster.balancerServer().orElseThrow(() -> new InvalidClusterException(
                List.of(new Problem("servers", "has no load balancer server to push the configuration to"))));
        return new PushProxyJob(cluster, hosts.hostFor(lb), layout);
    }

    @Override
    public String title() {
        return "Push " + cluster.balancer().kind().name().toLowerCase() + " configuration to " + host.name();
    }

    @Override
    public String cluster() {
        return cluster.name();
    }

    @Override
    public JobKind kind() {
        return JobKind.PUSH;
    }

    @Override
    public ProxyConfig run(Progress progress) throws Exception {
        return new ProxyPush(host, layout).push(cluster, progress);
    }
}
