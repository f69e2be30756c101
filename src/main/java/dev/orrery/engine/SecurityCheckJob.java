package dev.orrery.engine;

import dev.orrery.cloud.DigitalOceanClient;
import dev.orrery.model.Cluster;
import dev.orrery.model.Server;
import dev.orrery.remote.HostResolver;
import dev.orrery.security.CloudFirewallPlan;
import dev.orrery.security.SecurityCheck;
import dev.orrery.security.ServerSecurity;
import dev.orrery.task.Progress;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Reads what {@link SecurityCheck} says of every server of a cluster, one server after the other
 * (so host-key questions come one at a time), the Cloud Firewalls first when the cluster has
 * droplets. A server that cannot be reached is a row saying why, not a failed job.
 */
public final class SecurityCheckJob implements Job<List<ServerSecurity>> {
    private final Cluster cluster;
    private final HostResolver hosts;
    private final Callable<DigitalOceanClient> cloud;
    private final SecurityCheck check = new SecurityCheck(Duration.ofSeconds(3));

    SecurityCheckJob(Cluster cluster, HostResolver hosts, Callable<DigitalOceanClient> cloud) {
        this.cluster = cluster;
        this.hosts = hosts;
        this.cloud = cloud;
    }

    @Override
    public String title() {
        return "Security check of " + cluster.name();
    }

    @Override
    public String cluster() {
        return cluster.name();
    }

    @Override
    public List<ServerSecurity> run(Progress progress) throws Exception {
        Map<String, String> cloudState = Map.of();
        if (cluster.servers().stream().anyMatch(CloudFirewallPlan::isDroplet)) {
            progress.step("Cloud Firewalls");
            try {
                cloudState = SecurityCheck.cloudFirewalls(cloud.call(), cluster);
            } catch (Exception e) {
                // the rest still says what it can
                cloudState = SecurityCheck.cloudUnknown(cluster, e.getMessage());
                progress.log("Cloud Firewalls unknown: " + e.getMessage());
            }
        }
        List<ServerSecurity> out = new ArrayList<>();
        for (Server s : cluster.servers()) {
            progress.checkCancelled();
            progress.step(s.name());
            out.add(check.check(cluster, s, hosts.hostFor(s), cloudState));
        }
        return out;
    }
}
