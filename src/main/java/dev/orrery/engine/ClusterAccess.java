package dev.orrery.engine;

import dev.orrery.deploy.BalancerControl;
import dev.orrery.deploy.BalancerControls;
import dev.orrery.deploy.HostProvider;
import dev.orrery.deploy.RolloutOptions;
import dev.orrery.model.Cluster;
import dev.orrery.model.Server;
import dev.orrery.proxy.BalancerLayout;
import dev.orrery.remote.Host;
import dev.orrery.remote.HostResolver;
import dev.orrery.remote.LocalHost;
import dev.orrery.remote.SshHosts;
import dev.orrery.sandbox.Sandbox;
import dev.orrery.sandbox.SandboxBalancer;
import dev.orrery.sandbox.SandboxCluster;
import dev.orrery.sandbox.SandboxPaths;
import dev.orrery.store.OrreryHome;

import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * How the engine reaches a cluster's servers, decided here and nowhere else: a droplet over the
 * pooled SSH connections with the distribution's paths; a sandbox server (provider
 * {@code sandbox}) as a process on this machine, with the sandbox's own folders. So the window's
 * Push, Deploy and Configuration act on the sandbox's real nginx and processes, not on port 22.
 */
final class ClusterAccess implements HostResolver {
    private final OrreryHome home;
    private final Supplier<SshHosts> ssh;
    private final Supplier<dev.orrery.cloud.DigitalOceanClient> cloud;

    /** @param cloud the DigitalOcean client, asked for only by a cluster whose balancer is DigitalOcean's */
    ClusterAccess(OrreryHome home, Supplier<SshHosts> ssh, Supplier<dev.orrery.cloud.DigitalOceanClient> cloud) {
        this.home = home;
        this.ssh = ssh;
        this.cloud = cloud;
    }

    static boolean local(Server s) {
        return SandboxCluster.PROVIDER.equals(s.provider());
    }

    @Override
    public Host hostFor(Server server) {
        return local(server) ? new LocalHost(server.name()) : ssh.get().hostFor(server);
    }

    HostProvider hostProvider() {
        return HostProvider.pooled(this::hostFor);
    }

    SandboxPaths sandboxPaths() {
        return SandboxPaths.of(home);
    }

    BalancerLayout balancerLayout(Cluster c) {
        return Sandbox.isSandbox(c) ? new SandboxBalancer(sandboxPaths()).layout() : BalancerLayout.droplet(c.balancer().kind());
    }

    RolloutOptions rolloutOptions(Cluster c) {
        return Sandbox.isSandbox(c) ? Sandbox.rolloutOptions(sandboxPaths()) : RolloutOptions.defaults();
    }

    /** The sandbox's deploys share its own lock (the sandbox menu's deploy and Cluster ▸ Deploy… exclude each other). */
    Path locksDir(Cluster c) {
        return Sandbox.isSandbox(c) ? sandboxPaths().locksDir() : home.locksDir();
    }

    BalancerControl balancerControl(Cluster c) {
        return BalancerControls.forCluster(c, this::hostFor, cloud);
    }
}
