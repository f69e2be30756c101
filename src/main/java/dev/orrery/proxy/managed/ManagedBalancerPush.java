package dev.orrery.proxy.managed;

import dev.orrery.cloud.LoadBalancer;
import dev.orrery.cloud.LoadBalancers;
import dev.orrery.cloud.Tags;
import dev.orrery.model.Cluster;
import dev.orrery.model.ClusterValidator;
import dev.orrery.model.Rules;
import dev.orrery.model.Server;
import dev.orrery.task.Progress;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The "balancer configuration" push for a DigitalOcean Load Balancer: make sure the cluster's
 * tag exists and is on every app droplet in rotation (and off the drained ones), then create the
 * balancer, or replace the settings of the one Orrery made before (found by its name). Nothing
 * is deleted. A failure leaves the balancer as it was: the update is one call, whole or not at all.
 */
public final class ManagedBalancerPush {
    private final LoadBalancers lbs;
    private final Tags tags;

    public ManagedBalancerPush(LoadBalancers lbs, Tags tags) {
        this.lbs = lbs;
        this.tags = tags;
    }

    public LoadBalancer push(Cluster cluster, Progress progress) {
        ClusterValidator.requireValid(cluster);
        ManagedSettings ms = ManagedSettings.of(cluster);
        ms.notes().forEach(progress::log);
        String tag = ms.settings().tag();
        progress.step("Tag the app droplets " + tag);
        tags.create(tag);
        List<Long> in = new ArrayList<>();
        List<Long> out = new ArrayList<>();
        for (Server s : cluster.appServers()) {
            Optional<Long> id = dropletId(s);
            if (id.isEmpty()) {
                progress.log(s.name() + " has no DigitalOcean droplet id: a managed balancer reaches only droplets, so it is left out");
                continue;
            }
            (cluster.balancer().isDrained(s.name()) ? out : in).add(id.get());
        }
        if (!in.isEmpty()) {
            tags.tag(tag, in);
        }
        if (!out.isEmpty()) {
            tags.untag(tag, out);
            progress.log("drained, so not tagged: " + out);
        }
        progress.step("Create or update the load balancer " + ms.settings().name());
        Optional<LoadBalancer> existing = lbs.findByName(ms.settings().name());
        LoadBalancer lb;
        if (existing.isPresent()) {
            lb = lbs.update(existing.get().id(), ms.settings());
            progress.log("updated load balancer " + lb.id() + " (" + lb.status() + ")");
        } else {
            lb = lbs.create(ms.settings());
            progress.log("created load balancer " + lb.id() + " (" + lb.status() + "; DigitalOcean takes a few minutes to make it active)");
        }
        return lb;
    }

    /** The server's droplet id, when it has a well-formed one. */
    public static Optional<Long> dropletId(Server s) {
        if (s.dropletId() == null || Rules.dropletId(s.dropletId()).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(s.dropletId()));
    }
}
