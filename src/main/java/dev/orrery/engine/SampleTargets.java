package dev.orrery.engine;

import dev.orrery.deploy.AppLayout;
import dev.orrery.metrics.DigitalOceanSource;
import dev.orrery.metrics.MetricsSampler;
import dev.orrery.metrics.Sample;
import dev.orrery.metrics.SampleCommand;
import dev.orrery.metrics.SampleTarget;
import dev.orrery.model.Cluster;
import dev.orrery.model.Monitoring;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.model.ServerState;
import dev.orrery.remote.LocalHost;
import dev.orrery.remote.OrreryKnownHosts;
import dev.orrery.remote.SshHosts;
import dev.orrery.sandbox.SandboxCluster;
import dev.orrery.sandbox.SandboxPaths;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which servers of a cluster are sampled, and how: every server with an address that is not
 * being made or failed (balancer, app servers, database). The sandbox's servers are this machine
 * ({@link LocalHost}), each app server with its own pid file; a droplet is read from DigitalOcean's
 * Monitoring API when the cluster asks for it and the droplet reports there; every other server
 * over its pooled SSH connection, if its host key is already trusted (a background sampler never
 * asks about a key: the first deploy, push or {@code orrery ssh-check} does).
 */
final class SampleTargets {

    /** The plan: SSH/local targets, droplets for the Monitoring API, and servers left out with the reason. */
    record Plan(List<SampleTarget> targets, List<DigitalOceanSource.Droplet> droplets, List<MetricsSampler.Status> left) {
    }

    private SampleTargets() {
    }

    static Plan of(Cluster c, SshHosts hosts, OrreryKnownHosts known, SandboxPaths sandbox, Set<String> withoutAgent) {
        List<SampleTarget> targets = new ArrayList<>();
        List<DigitalOceanSource.Droplet> droplets = new ArrayList<>();
        List<MetricsSampler.Status> left = new ArrayList<>();
        boolean viaApi = c.monitoringSettings().source() == Monitoring.Source.DIGITALOCEAN;
        for (Server s : c.servers()) {
            if (s.publicAddress() == null || s.publicAddress().isEmpty() || s.state() == ServerState.PROVISIONING || s.state() == ServerState.FAILED) {
                continue;
            }
            boolean app = s.role() == Role.APP;
            if (SandboxCluster.PROVIDER.equals(s.provider())) {
                AppLayout layout = new AppLayout(sandbox.serverBase(s.name()).toString(), c.app().name(), true);
                targets.add(new SampleTarget(s.name(), new LocalHost(s.name()), app ? SampleCommand.app(layout) : SampleCommand.system(),
                        Sample.Source.LOCAL));
                continue;
            }
            if (viaApi && "digitalocean".equals(s.provider()) && s.dropletId() != null && s.dropletId().matches("\\d{1,19}")
                    && !withoutAgent.contains(s.name())) {
                droplets.add(new DigitalOceanSource.Droplet(s.name(), Long.parseLong(s.dropletId())));
                continue;
            }
            if (known.knownTypes(s.publicAddress(), s.sshPort()).isEmpty()) {
                left.add(new MetricsSampler.Status(s.name(), Sample.Source.SSH, 0,
                        "not sampled: its host key is not trusted yet (run `orrery ssh-check` or deploy once)", 0, 0));
                continue;
            }
            targets.add(new SampleTarget(s.name(), hosts.hostFor(s),
                    app ? SampleCommand.app(AppLayout.of(c.app().name())) : SampleCommand.system(), Sample.Source.SSH));
        }
        return new Plan(targets, droplets, left);
    }
}
