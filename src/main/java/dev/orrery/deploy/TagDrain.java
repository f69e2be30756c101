package dev.orrery.deploy;

import dev.orrery.cloud.LoadBalancer;
import dev.orrery.cloud.LoadBalancers;
import dev.orrery.cloud.Sleeper;
import dev.orrery.cloud.Tags;
import dev.orrery.model.Cluster;
import dev.orrery.model.ManagedBalancer;
import dev.orrery.model.Rules;
import dev.orrery.model.Server;
import dev.orrery.task.Progress;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Drains an app droplet from a DigitalOcean Load Balancer by taking the cluster's tag off it
 * (the balancer follows the tag), and puts it back by tagging it again. DigitalOcean reports no
 * per-droplet count of open requests, so "idle" is: the balancer no longer lists the droplet,
 * then a grace time for requests already sent to it to finish (the balancer's own HTTP idle
 * timeout is 60 s; a Meteor method call is far shorter), all within the rollout's limit.
 */
public final class TagDrain implements BalancerControl {
    /** Polling the balancer: often enough to notice, far below DigitalOcean's rate limit. */
    static final Duration POLL = Duration.ofSeconds(2);

    private final LoadBalancers lbs;
    private final Tags tags;
    private final String name;
    private final String tag;
    private final Duration grace;
    private final Sleeper sleeper;
    private final Clock clock;

    public TagDrain(LoadBalancers lbs, Tags tags, Cluster cluster, Duration grace, Sleeper sleeper, Clock clock) {
        ManagedBalancer m = cluster.balancer().managed();
        if (m == null) {
            throw new IllegalArgumentException(cluster.name() + " has no DigitalOcean Load Balancer settings");
        }
        this.lbs = lbs;
        this.tags = tags;
        this.name = ManagedBalancer.nameFor(cluster.name());
        this.tag = m.tagFor(cluster.name());
        this.grace = grace;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    @Override
    public String describe() {
        return "DigitalOcean Load Balancer " + name + " (by the tag " + tag + ")";
    }

    @Override
    public void drain(Server server, Progress progress) {
        tags.untag(tag, List.of(droplet(server)));
        progress.log(server.name() + ": tag " + tag + " taken off; the load balancer stops sending it new requests");
    }

    @Override
    public String awaitIdle(Server server, Duration max, Progress progress) throws Exception {
        long id = droplet(server);
        Instant start = clock.instant();
        Instant deadline = start.plus(max);
        boolean gone = waitUntil(id, false, deadline, progress);
        if (!gone) {
            return "the load balancer still listed droplet " + id + " after " + max.toSeconds() + " s";
        }
        Duration left = Duration.between(clock.instant(), deadline);
        Duration wait = left.compareTo(grace) < 0 ? (left.isNegative() ? Duration.ZERO : left) : grace;
        if (!wait.isZero()) {
            sleeper.sleep(wait);
        }
        return "out of the load balancer after " + Duration.between(start, clock.instant()).toSeconds() + " s, then "
                + wait.toSeconds() + " s for in-flight requests (DigitalOcean reports no per-droplet request count)";
    }

    @Override
    public void undrain(Server server, Progress progress) throws Exception {
        long id = droplet(server);
        tags.tag(tag, List.of(id));
        // Tagged is not yet balanced: wait (bounded) until the balancer lists it, so the next server is drained only then.
        boolean back = waitUntil(id, true, clock.instant().plus(Duration.ofMinutes(2)), progress);
        progress.log(server.name() + ": tag " + tag + " put back" + (back ? "; the load balancer lists it again"
                : "; the load balancer did not list it within 2 min, check it in the DigitalOcean panel"));
    }

    private boolean waitUntil(long id, boolean listed, Instant deadline, Progress progress) throws InterruptedException {
        while (true) {
            progress.checkCancelled();
            LoadBalancer lb = lbs.findByName(name).orElseThrow(() -> new IllegalStateException(
                    "the DigitalOcean Load Balancer " + name + " does not exist: push the balancer first (orrery balancer managed push)"));
            if (lb.dropletIds().contains(id) == listed) {
                return true;
            }
            if (!clock.instant().isBefore(deadline)) {
                return false;
            }
            sleeper.sleep(POLL);
        }
    }

    private static long droplet(Server s) {
        Rules.dropletId(s.dropletId()).ifPresent(m -> {
            throw new IllegalStateException(s.name() + "'s droplet id " + m + ": a DigitalOcean Load Balancer drains droplets by tag");
        });
        return Long.parseLong(s.dropletId());
    }
}
