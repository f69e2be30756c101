package dev.orrery.health;

import dev.orrery.model.Server;

import java.io.IOException;
import java.net.URI;
import java.util.List;

/**
 * Probes through whichever balancer of a failover pair can be reached: the forward goes from the
 * balancer host straight to the app server (nginx or HAProxy play no part), so either balancer
 * sees the app servers alike. It keeps to the one that worked last and moves to the other only
 * when the route through it cannot be opened (the host is down, or SSH to it fails) — so when
 * lb-1 dies and the reserved IP moves to lb-2, the probes follow instead of calling every app
 * server down.
 */
final class EitherBalancerRoute implements ProbeRoute {
    private final List<ProbeRoute> routes;
    private int current;

    /** {@code routes}: one per balancer, the one normally holding the reserved IP first. */
    EitherBalancerRoute(List<ProbeRoute> routes) {
        if (routes.isEmpty()) {
            throw new IllegalArgumentException("no balancer to probe through");
        }
        this.routes = List.copyOf(routes);
    }

    @Override
    public synchronized String describe() {
        return routes.get(current).describe() + (routes.size() > 1 ? ", or the other balancer when it cannot be reached" : "");
    }

    @Override
    public synchronized URI target(Server server, int appPort, String path) throws IOException {
        IOException first = null;
        for (int i = 0; i < routes.size(); i++) {
            int at = (current + i) % routes.size();
            try {
                URI uri = routes.get(at).target(server, appPort, path);
                current = at;
                return uri;
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        throw first;
    }

    @Override
    public synchronized void forget(Server server) {
        routes.forEach(r -> r.forget(server));
    }

    @Override
    public synchronized void close() {
        routes.forEach(ProbeRoute::close);
    }
}
