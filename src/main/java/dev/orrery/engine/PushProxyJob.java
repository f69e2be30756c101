package dev.orrery.engine;

import dev.orrery.engine.state.JobKind;

import dev.orrery.model.Cluster;
import dev.orrery.model.InvalidClusterException;
import dev.orrery.model.Problem;
import dev.orrery.model.Server;
import dev.orrery.proxy.BalancerLayout;
import dev.orrery.proxy.ProxyConfig;
import dev.orrery.proxy.ProxyPush;
import dev.orrery.proxy.ProxyPushException;
import dev.orrery.proxy.ProxyRenderer;
import dev.orrery.remote.Host;
import dev.orrery.remote.HostResolver;
import dev.orrery.task.Progress;

import java.util.List;

/**
 * Pushes the cluster's balancer configuration to its balancer host as a background job
 * (render → upload → validate → swap → reload → check, restoring the previous on failure).
 * The result is the configuration now live; a failure carries the balancer's own message.
 *
 * <p>With failover (two balancers) the same configuration goes to both, one at a time: the
 * second balancer (the standby while both are healthy) first, then the first. Each push is
 * complete (answering with the new configuration) before the next begins, so one balancer always
 * serves; a push that fails stops the job, and the balancers not yet reached keep serving their
 * previous configuration.
 */
public final class PushProxyJob implements Job<ProxyConfig> {
    /** One balancer to push to: its host and where its balancer keeps its files. */
    public record Target(Host host, BalancerLayout layout) {
    }

    private final Cluster cluster;
    private final List<Target> targets;

    public PushProxyJob(Cluster cluster, Host host, BalancerLayout layout) {
        this(cluster, List.of(host), layout);
    }

    /** Pushes to each host in this order, all with the same layout (droplets). */
    public PushProxyJob(Cluster cluster, List<Host> hosts, BalancerLayout layout) {
        this(cluster, hosts.stream().map(h -> new Target(h, layout)).toList());
    }

    /** Pushes to each target in this order. */
    public PushProxyJob(Cluster cluster, List<Target> targets) {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("no balancer host to push to");
        }
        this.cluster = cluster;
        this.targets = List.copyOf(targets);
    }

    /** The balancers in push order: the standby (the second) first, the one normally live last. */
    public static List<Server> pushOrder(Cluster cluster) {
        List<Server> lbs = new java.util.ArrayList<>(cluster.balancerServers());
        java.util.Collections.reverse(lbs);
        if (lbs.isEmpty()) {
            throw new InvalidClusterException(List.of(new Problem("servers", "has no load balancer server to push the configuration to")));
        }
        return lbs;
    }

    /** The cluster's balancer server through the resolver, with the distribution's paths. Refuses an invalid cluster at once. */
    public static PushProxyJob forCluster(Cluster cluster, HostResolver hosts) {
        BalancerLayout layout = BalancerLayout.droplet(cluster.balancer().kind());
        ProxyRenderer.requireRenderable(cluster, layout);
        return new PushProxyJob(cluster, pushOrder(cluster).stream().map(hosts::hostFor).toList(), layout);
    }

    @Override
    public String title() {
        return "Push " + cluster.balancer().kind().name().toLowerCase() + " configuration to "
                + String.join(" then ", targets.stream().map(t -> t.host().name()).toList());
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
        ProxyConfig live = null;
        for (int i = 0; i < targets.size(); i++) {
            Host host = targets.get(i).host();
            if (targets.size() > 1) {
                progress.checkCancelled();
                progress.serverStep(host.name(), "push", false);
            }
            try {
                live = new ProxyPush(host, targets.get(i).layout()).push(cluster, progress);
            } catch (ProxyPushException | RuntimeException e) {
                if (i > 0) {
                    progress.log(String.join(", ", targets.subList(0, i).stream().map(t -> t.host().name()).toList())
                            + " already serve(s) the new configuration; " + host.name() + " and any after it keep the previous one");
                }
                throw e;
            }
            if (targets.size() > 1) {
                progress.serverDone(host.name(), "configuration live");
            }
        }
        return live;
    }
}
