package dev.orrery.ui.edit;

import dev.orrery.model.AppSpec;
import dev.orrery.model.Balancer;
import dev.orrery.model.Cluster;
import dev.orrery.model.Server;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One edit the user made, kept as what it changed rather than as a copy of the whole cluster:
 * the servers it added, changed or deleted (by name, with their places in the list), the
 * servers it drained or undrained, and the app or other balancer settings it touched. Undo puts
 * back the "before" side on the cluster as it is <em>now</em>, so work a job recorded since on
 * other servers (a release, a provisioned droplet) survives an undo. If the edit's own servers
 * changed since, undo refuses with {@link Conflict} rather than overwrite that. No JavaFX.
 */
public final class ClusterEdit {

    /** The cluster moved on since the edit in a way that undo (or redo) would overwrite. */
    public static final class Conflict extends Exception {
        public Conflict(String message) {
            super(message);
        }
    }

    /** One server's side of the edit: null when it did not exist on that side. */
    record ServerChange(Server before, int beforeIndex, Server after, int afterIndex) {
        ServerChange flip() {
            return new ServerChange(after, afterIndex, before, beforeIndex);
        }
    }

    private final String what;
    private final List<ServerChange> servers;
    private final Set<String> drainedBefore;
    private final Set<String> drainedAfter;
    private final Balancer otherBefore;
    private final Balancer otherAfter;
    private final AppSpec appBefore;
    private final AppSpec appAfter;

    private ClusterEdit(String what, List<ServerChange> servers, Set<String> drainedBefore, Set<String> drainedAfter,
                        Balancer otherBefore, Balancer otherAfter, AppSpec appBefore, AppSpec appAfter) {
        this.what = what;
        this.servers = List.copyOf(servers);
        this.drainedBefore = drainedBefore;
        this.drainedAfter = drainedAfter;
        this.otherBefore = otherBefore;
        this.otherAfter = otherAfter;
        this.appBefore = appBefore;
        this.appAfter = appAfter;
    }

    /** The edit that turns {@code before} into {@code after}; {@code what} names it ("Deleted app-3"). */
    public static ClusterEdit between(Cluster before, Cluster after, String what) {
        Map<String, Integer> was = indexes(before);
        Map<String, Integer> now = indexes(after);
        Set<String> names = new LinkedHashSet<>(was.keySet());
        names.addAll(now.keySet());
        List<ServerChange> changes = new ArrayList<>();
        for (String n : names) {
            Server b = was.containsKey(n) ? before.servers().get(was.get(n)) : null;
            Server a = now.containsKey(n) ? after.servers().get(now.get(n)) : null;
            int bi = was.getOrDefault(n, -1);
            int ai = now.getOrDefault(n, -1);
            if (!Objects.equals(b, a) || bi != ai && b != null && a != null && moved(before, after, n)) {
                changes.add(new ServerChange(b, bi, a, ai));
            }
        }
        return new ClusterEdit(what, changes,
                new LinkedHashSet<>(before.balancer().drained()), new LinkedHashSet<>(after.balancer().drained()),
                withoutDrained(before.balancer()), withoutDrained(after.balancer()), before.app(), after.app());
    }

    public String what() {
        return what;
    }

    /** True when the edit changed nothing (nothing to undo). */
    public boolean isEmpty() {
        return servers.isEmpty() && drainedBefore.equals(drainedAfter) && otherBefore.equals(otherAfter)
                && Objects.equals(appBefore, appAfter);
    }

    /** {@code current} with this edit taken back. */
    public Cluster undo(Cluster current) throws Conflict {
        return apply(current, servers.stream().map(ServerChange::flip).toList(), drainedAfter, drainedBefore,
                otherAfter, otherBefore, appAfter, appBefore, "undo");
    }

    /** {@code current} with this edit made again (after an undo). */
    public Cluster redo(Cluster current) throws Conflict {
        return apply(current, servers, drainedBefore, drainedAfter, otherBefore, otherAfter, appBefore, appAfter, "redo");
    }

    /**
     * Moves {@code current} from the "from" side of each change to its "to" side. Each change's
     * "from" server must be what {@code current} holds under its name, and a server to put back
     * must not have been re-made meanwhile; otherwise nothing is changed.
     */
    private Cluster apply(Cluster current, List<ServerChange> changes, Set<String> drainedFrom, Set<String> drainedTo,
                          Balancer otherFrom, Balancer otherTo, AppSpec appFrom, AppSpec appTo, String verb) throws Conflict {
        Map<String, Integer> at = indexes(current);
        Set<String> leaving = changes.stream().filter(c -> c.before() != null).map(c -> c.before().name()).collect(Collectors.toSet());
        for (ServerChange c : changes) {
            if (c.before() != null) {
                Integer i = at.get(c.before().name());
                if (i == null) {
                    throw new Conflict("Cannot " + verb + " \"" + what + "\": " + c.before().name() + " is no longer in the cluster.");
                }
                if (!current.servers().get(i).equals(c.before())) {
                    throw new Conflict("Cannot " + verb + " \"" + what + "\": " + c.before().name() + " was changed since.");
                }
            }
            if (c.after() != null && at.containsKey(c.after().name()) && !leaving.contains(c.after().name())) {
                throw new Conflict("Cannot " + verb + " \"" + what + "\": a server called " + c.after().name() + " exists again.");
            }
        }
        if (!withoutDrained(current.balancer()).equals(otherFrom) && !otherFrom.equals(otherTo)) {
            throw new Conflict("Cannot " + verb + " \"" + what + "\": the balancer's settings were changed since.");
        }
        if (!Objects.equals(current.app(), appFrom) && !Objects.equals(appFrom, appTo)) {
            throw new Conflict("Cannot " + verb + " \"" + what + "\": the app's settings were changed since.");
        }
        List<Server> list = new ArrayList<>(current.servers());
        list.removeIf(s -> leaving.contains(s.name()));
        changes.stream().filter(c -> c.after() != null).sorted(Comparator.comparingInt(ServerChange::afterIndex))
                .forEach(c -> list.add(Math.min(Math.max(0, c.afterIndex()), list.size()), c.after()));
        // Drained names: take out what this edit drained, put back what it undrained; others stay.
        Set<String> drained = new LinkedHashSet<>(current.balancer().drained());
        drainedFrom.stream().filter(n -> !drainedTo.contains(n)).forEach(drained::remove);
        drainedTo.stream().filter(n -> !drainedFrom.contains(n)).forEach(drained::add);
        Balancer base = otherFrom.equals(otherTo) ? current.balancer() : otherTo;
        Balancer balancer = base.withDrainedList(List.copyOf(drained));
        AppSpec app = Objects.equals(appFrom, appTo) ? current.app() : appTo;
        return new Cluster(current.name(), app, balancer, list, current.monitoring(), current.firewall());
    }

    /**
     * A server that only changed place because others were added or removed before it did not
     * move; one whose order among the servers both sides have changed did.
     */
    private static boolean moved(Cluster before, Cluster after, String name) {
        Set<String> both = before.servers().stream().map(Server::name).collect(Collectors.toSet());
        both.retainAll(after.servers().stream().map(Server::name).collect(Collectors.toSet()));
        return rank(before, both, name) != rank(after, both, name);
    }

    private static int rank(Cluster c, Set<String> among, String name) {
        int r = 0;
        for (Server s : c.servers()) {
            if (s.name().equals(name)) {
                return r;
            }
            if (among.contains(s.name())) {
                r++;
            }
        }
        return -1;
    }

    private static Map<String, Integer> indexes(Cluster c) {
        Map<String, Integer> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < c.servers().size(); i++) {
            m.put(c.servers().get(i).name(), i);
        }
        return m;
    }

    private static Balancer withoutDrained(Balancer b) {
        return b.withDrainedList(List.of());
    }

    @Override
    public String toString() {
        return what + " " + servers.stream().map(c -> (c.before() == null ? "+" : c.after() == null ? "-" : "~")
                + (c.before() != null ? c.before().name() : c.after().name())).collect(Collectors.joining(",", "[", "]"));
    }
}
