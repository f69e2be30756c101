package dev.orrery.engine.state;

import dev.orrery.health.BalancerView;
import dev.orrery.health.HealthState;
import dev.orrery.model.Role;
import dev.orrery.model.ServerState;

import java.util.Map;
import java.util.TreeMap;

/**
 * Everything live that is known about one server, as {@link LiveClusterState} holds it. Pure
 * data: {@link ServerLook#of} turns it into what is shown.
 *
 * @param lifecycle     the state the cluster file records
 * @param drained       the balancer's configuration keeps it out of rotation on purpose
 * @param probed        Orrery's health probes watch this server
 * @param health        the probes' verdict, null before any evidence (or when not probed)
 * @param healthDetail  the last probe's result in words ("200 in 4 ms"), null before one
 * @param balancer      the balancer's own view of it, null when the balancer has none
 * @param activity      the running job's step on this server, null when no job works on it
 * @param settleUntilMs until then, a down probe is the tail of planned work that just ended
 *                      (a restarted app that the probes have not yet seen rise); 0 for none
 * @param release       the full release id the server runs, null before the first deploy
 * @param releaseLabel  the short label for it (the bundle's version or a short id)
 * @param facts         local facts shown instead of SSH fields (sandbox: pid, listen, log)
 */
public record ServerLive(String name, Role role, ServerState lifecycle, boolean drained, boolean probed,
                         HealthState health, String healthDetail, BalancerView.Entry balancer,
                         ServerActivity activity, long settleUntilMs, String release, String releaseLabel,
                         Map<String, String> facts) {

    public ServerLive {
        facts = facts == null ? Map.of() : java.util.Collections.unmodifiableSortedMap(new TreeMap<>(facts));
    }

    public static ServerLive of(String name, Role role, ServerState lifecycle) {
        return new ServerLive(name, role, lifecycle, false, false, null, null, null, null, 0, null, null, Map.of());
    }

    public ServerLive withLifecycle(ServerState v, boolean isDrained, boolean isProbed, String rel, String label) {
        return new ServerLive(name, role, v, isDrained, isProbed, isProbed ? health : null, isProbed ? healthDetail : null,
                balancer, activity, settleUntilMs, rel, label, facts);
    }

    public ServerLive withHealth(HealthState v, String detail) {
        return new ServerLive(name, role, lifecycle, drained, probed, v, detail, balancer, activity, settleUntilMs, release, releaseLabel, facts);
    }

    public ServerLive withBalancer(BalancerView.Entry v) {
        return new ServerLive(name, role, lifecycle, drained, probed, health, healthDetail, v, activity, settleUntilMs, release, releaseLabel, facts);
    }

    public ServerLive withActivity(ServerActivity v, long settleUntil) {
        return new ServerLive(name, role, lifecycle, drained, probed, health, healthDetail, balancer, v, settleUntil, release, releaseLabel, facts);
    }

    public ServerLive withFacts(Map<String, String> v) {
        return new ServerLive(name, role, lifecycle, drained, probed, health, healthDetail, balancer, activity, settleUntilMs, release, releaseLabel, v);
    }

    public ServerLive withRelease(String rel, String label) {
        return new ServerLive(name, role, lifecycle, drained, probed, health, healthDetail, balancer, activity, settleUntilMs, rel, label, facts);
    }
}
