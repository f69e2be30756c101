package dev.orrery.ui.cloud;

import dev.orrery.engine.CloudWiring;
import dev.orrery.model.Server;
import dev.orrery.provision.Seams;
import dev.orrery.proxy.BalancerLayout;
import dev.orrery.proxy.ProxyPush;
import dev.orrery.remote.HostResolver;

/**
 * The provision seams as the window wires them: SSH readiness and deploy as the engine has them,
 * and the balancer push over the window's SSH pool (so an unknown balancer key is asked about
 * in a dialog).
 */
public final class WindowProvisionSeams {
    private WindowProvisionSeams() {
    }

    public static Seams.ProvisionSeams of(HostResolver hosts) {
        Seams.ProvisionSeams base = CloudWiring.seams();
        return new Seams.ProvisionSeams(base.ssh(), base.check(), base.deployer(), balancer(hosts));
    }

    public static Seams.BalancerPusher balancer(HostResolver hosts) {
        return (cluster, progress) -> {
            Server lb = cluster.balancerServer().orElseThrow();
            new ProxyPush(hosts.hostFor(lb), BalancerLayout.droplet(cluster.balancer().kind())).push(cluster, progress);
        };
    }
}
