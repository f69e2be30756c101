package dev.orrery.cli;

import dev.orrery.engine.Orrery;
import dev.orrery.engine.state.LiveClusterState;
import dev.orrery.engine.state.Look;
import dev.orrery.engine.state.ServerLive;
import dev.orrery.engine.state.ServerLook;
import dev.orrery.model.Cluster;
import dev.orrery.model.Failover;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@code orrery status} says of the balancer beyond the servers' rows: a DigitalOcean Load
 * Balancer's status (the API's {@code GET /v2/load_balancers}) and, for a failover pair, the
 * reserved IP and which balancer holds it (the API and keepalived). Both are read into the
 * cluster's live state by the engine and shown through {@link ServerLook}, as the window shows them.
 *
 * @param managed       the managed load balancer's live state, null for a balancer on a droplet
 * @param reservedIp    the failover pair's reserved IP as read, null without failover or before a read
 * @param configuredIp  the reserved IP the cluster file names, null without failover (or before setup)
 * @param failoverError why the failover state could not be read, or null
 */
record StatusBalancer(ServerLive managed, ServerLook.ReservedIp reservedIp, String configuredIp, String failoverError) {

    /** Reads what applies to {@code cluster} into {@code live} (blocks: API and SSH); a failed read is said, never thrown. */
    static StatusBalancer read(Orrery orrery, Cluster cluster, LiveClusterState live) {
        ServerLive managed = null;
        if (cluster.balancer().managedKind()) {
            orrery.readManagedBalancer(cluster);
            managed = live.managedBalancer().orElse(null);
        }
        Failover f = cluster.balancer().failover();
        String configured = f == null ? null : f.reservedIp();
        String error = null;
        if (f != null && configured == null) {
            error = "no reserved IP yet (orrery balancer failover setup makes or adopts one)";
        } else if (f != null) {
            try {
                orrery.readFailover(cluster, orrery.sshHosts());
            } catch (Exception e) {
                error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            }
        }
        Optional<ServerLook.ReservedIp> held = f == null ? Optional.empty() : ServerLook.reservedIp(live.snapshot().servers());
        return new StatusBalancer(managed, held.orElse(null), configured, error);
    }

    void print(PrintStream out, long nowMs) {
        if (managed != null) {
            Look look = ServerLook.of(managed, nowMs);
            out.println("managed balancer " + managed.name() + ": " + look.word() + " — " + look.detail());
        }
        if (reservedIp != null) {
            out.println("reserved IP " + reservedIp.ip() + ": " + (reservedIp.holder() == null ? "held by no balancer" : "held by "
                    + reservedIp.holder()) + " — " + reservedIp.look().detail());
        } else if (configuredIp != null || failoverError != null) {
            out.println("reserved IP " + (configuredIp == null ? "" : configuredIp + " ") + "unknown (" + failoverError + ")");
        }
    }

    /** The JSON of the managed balancer, null for a balancer on a droplet. */
    JsonShapes.StatusManaged managedJson(long nowMs) {
        if (managed == null) {
            return null;
        }
        Look look = ServerLook.of(managed, nowMs);
        return new JsonShapes.StatusManaged(managed.name(), look.word(), look.badge(), tone(look), look.alarm(),
                managed.facts().get(ServerLook.MANAGED_LB), managed.facts().get(ServerLook.MANAGED_IP), look.detail());
    }

    /** The JSON of the failover pair's reserved IP, null without failover. */
    JsonShapes.StatusReservedIp reservedIpJson() {
        if (reservedIp == null && configuredIp == null && failoverError == null) {
            return null;
        }
        if (reservedIp == null) {
            return new JsonShapes.StatusReservedIp(configuredIp, null, "unknown", "UNKNOWN", "neutral", null, failoverError);
        }
        Look look = reservedIp.look();
        return new JsonShapes.StatusReservedIp(reservedIp.ip(), reservedIp.holder(), look.word(), look.badge(), tone(look), look.detail(),
                failoverError);
    }

    private static String tone(Look look) {
        return look.tone().name().toLowerCase(Locale.ROOT);
    }
}
