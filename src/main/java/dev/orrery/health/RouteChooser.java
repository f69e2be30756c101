package dev.orrery.health;

import dev.orrery.model.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Picks the probe route that works: direct when any app server answers directly (any HTTP
 * answer counts: the route works even if the app is unhealthy), else through the balancer
 * when a server answers that way, else direct (nothing answers either way: the servers are
 * probably down, and the direct route needs nothing to stay open). Blocking: run it on the io
 * pool. The choice and why go in {@link Choice#reason()}, which Orrery shows.
 */
public final class RouteChooser {
    private static final Logger LOG = LoggerFactory.getLogger(RouteChooser.class);

    public record Choice(ProbeRoute route, String reason) {
    }

    private RouteChooser() {
    }

    /**
     * @param forwarded makes the route through the balancer, or null when the cluster has no
     *                  balancer Orrery can SSH to
     */
    public static Choice choose(List<Server> servers, int appPort, String path, int timeoutMs,
                                Prober prober, Supplier<ProbeRoute> forwarded) {
        ProbeRoute direct = new DirectRoute();
        if (servers.isEmpty()) {
            return new Choice(direct, "direct (no app servers yet)");
        }
        if (answers(direct, servers, appPort, path, timeoutMs, prober)) {
            return new Choice(direct, "direct: the app servers answer from this machine");
        }
        if (forwarded == null) {
            return new Choice(direct, "direct: no app server answered and there is no balancer to go through");
        }
        ProbeRoute through = forwarded.get();
        if (answers(through, servers, appPort, path, timeoutMs, prober)) {
            return new Choice(through, through.describe() + ": the app servers do not answer from this machine");
        }
        through.close();
        return new Choice(direct, "direct: no app server answered either directly or through the balancer");
    }

    private static boolean answers(ProbeRoute route, List<Server> servers, int appPort, String path, int timeoutMs, Prober prober) {
        for (Server s : servers.subList(0, Math.min(3, servers.size()))) {
            try {
                URI uri = route.target(s, appPort, path);
                ProbeResult r = prober.probe(uri, timeoutMs).get(timeoutMs + 5000L, TimeUnit.MILLISECONDS);
                if (r.outcome() == Outcome.OK || r.outcome() == Outcome.BAD_STATUS) {
                    return true;
                }
            } catch (Exception e) {
                LOG.debug("route {} to {} failed: {}", route.describe(), s.name(), e.toString());
            }
        }
        return false;
    }
}
