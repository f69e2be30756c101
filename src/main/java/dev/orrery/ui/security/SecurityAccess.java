package dev.orrery.ui.security;

import dev.orrery.engine.FirewallJob;
import dev.orrery.engine.Job;
import dev.orrery.engine.Orrery;
import dev.orrery.model.Cluster;
import dev.orrery.security.ServerSecurity;

import java.util.List;

/** What the Security section asks the engine: the jobs it submits (a seam, so its test can answer without servers). */
public interface SecurityAccess {

    /** The checks {@code orrery ssh-check} makes, for every server. */
    Job<List<ServerSecurity>> check(Cluster cluster);

    /** {@code orrery firewall apply} with the cluster file's allow-list, under the cluster's lock. */
    Job<FirewallJob.Result> apply(Cluster cluster);

    static SecurityAccess of(Orrery orrery) {
        return new SecurityAccess() {
            @Override
            public Job<List<ServerSecurity>> check(Cluster cluster) {
                return orrery.securityCheckJob(cluster, orrery.hosts());
            }

            @Override
            public Job<FirewallJob.Result> apply(Cluster cluster) {
                return orrery.firewallJob(cluster);
            }
        };
    }
}
