package dev.orrery.lock;

import dev.orrery.model.Cluster;
import dev.orrery.model.Server;
import dev.orrery.remote.ExecResult;
import dev.orrery.remote.Host;
import dev.orrery.remote.HostResolver;
import dev.orrery.remote.LineListener;
import dev.orrery.store.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The cluster's lock kept on the cluster itself ({@link LockSite}: the balancer, or both of a
 * failover pair, taken on each in order and on at least one that answers), so every
 * workstation and every data folder sees it — as Kamal keeps its deploy lock on the hosts.
 * Taking it is one atomic {@code mkdir} over SSH ({@link LockCommands}); the holder refreshes a
 * heartbeat every {@value #HEARTBEAT_SECONDS} s while it works, and a lock whose heartbeat is
 * older than {@value #STALE_AFTER_SECONDS} s is reported as stale — never cleared, except by a
 * person ({@link #clear}). A cluster with no server to keep it falls back to {@code fallback}.
 *
 * <pre>{@code
 * ClusterLock lock = new ServerClusterLock(hosts, h -> {}, scheduler, io, home.root(), holds, new LocalClusterLock(home.locksDir()));
 * try (ClusterLock.Held held = lock.acquire(cluster, "deploy", "deploy of " + id)) { … }
 * }</pre>
 */
public final class ServerClusterLock implements ClusterLock {
    private static final Logger LOG = LoggerFactory.getLogger(ServerClusterLock.class);

    public static final long HEARTBEAT_SECONDS = 10;
    public static final long STALE_AFTER_SECONDS = 60;

    private final HostResolver hosts;
    private final Consumer<Host> release;
    private final ScheduledExecutorService scheduler;
    private final Executor io;
    private final Path dataFolder;
    private final LocalHolds holds;
    private final ClusterLock fallback;
    private final Function<Server, LockCommands> lockDirs;
    private final long heartbeatMillis;

    /**
     * @param hosts      the connection to the lock's server
     * @param release    gives a host back after each command (a no-op for a pool)
     * @param scheduler  ticks the heartbeat (nothing blocks on it)
     * @param io         runs the heartbeat's SSH command
     * @param dataFolder this Orrery's data folder, recorded in the holder
     * @param holds      what this process holds, shared by every lock object of one engine
     * @param fallback   for a cluster with no server to keep the lock on
     */
    public ServerClusterLock(HostResolver hosts, Consumer<Host> release, ScheduledExecutorService scheduler, Executor io,
                             Path dataFolder, LocalHolds holds, ClusterLock fallback) {
        this(hosts, release, scheduler, io, dataFolder, holds, fallback, LockCommands.DIR, HEARTBEAT_SECONDS * 1000);
    }

    /** With the locks in {@code lockDir} on the lock server instead of {@value LockCommands#DIR} (tests on this machine). */
    ServerClusterLock(HostResolver hosts, Consumer<Host> release, ScheduledExecutorService scheduler, Executor io,
                      Path dataFolder, LocalHolds holds, ClusterLock fallback, String lockDir, long heartbeatMillis) {
        this(hosts, release, scheduler, io, dataFolder, holds, fallback, sameDir(lockDir), heartbeatMillis);
    }

    /** With each site's locks in a folder of its own (tests where every "balancer" is this machine). */
    ServerClusterLock(HostResolver hosts, Consumer<Host> release, ScheduledExecutorService scheduler, Executor io,
                      Path dataFolder, LocalHolds holds, ClusterLock fallback, Function<Server, LockCommands> lockDirs, long heartbeatMillis) {
        this.lockDirs = lockDirs;
        this.heartbeatMillis = heartbeatMillis;
        this.hosts = hosts;
        this.release = release;
        this.scheduler = scheduler;
        this.io = io;
        this.dataFolder = dataFolder;
        this.holds = holds;
        this.fallback = fallback;
    }

    private static Function<Server, LockCommands> sameDir(String lockDir) {
        LockCommands c = new LockCommands(lockDir);
        return s -> c;
    }

    @Override
    public Held acquire(Cluster cluster, String kind, String operation) throws Exception {
        List<Server> sites = LockSite.all(cluster);
        if (sites.isEmpty()) {
            return fallback.acquire(cluster, kind, operation);
        }
        synchronized (holds) {
            Held joined = holds.join(cluster.name(), kind);
            if (joined != null) {
                return joined;
            }
            LockHolder me = LockHolder.me(dataFolder, kind, operation);
            String json = Json.mapper().writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(me);
            // Taken on every site in one order, so two workstations never each hold one half. A
            // site that cannot be reached (a failover pair's dead balancer) is skipped as long as
            // another is taken: anyone else who reaches that one is refused there.
            List<Server> taken = new ArrayList<>();
            List<String> skipped = new ArrayList<>();
            Exception firstFailure = null;
            for (Server site : sites) {
                String out;
                try {
                    out = exec(site, commands(site).take(cluster.name(), json));
                } catch (Exception e) {
                    firstFailure = firstFailure == null ? e : firstFailure;
                    skipped.add(site.name());
                    LOG.warn("cannot reach {} to take the lock of {} ({}); taking it on the other balancer", site.name(), cluster.name(), e.toString());
                    continue;
                }
                if (!out.contains(LockCommands.TAKEN)) {
                    taken.forEach(t -> give(cluster.name(), t, me));
                    LockState state = parse(out, where(site, cluster));
                    throw new ClusterLockedException(lockedMessage(cluster.name(), state), state);
                }
                taken.add(site);
            }
            if (taken.isEmpty()) {
                throw firstFailure;
            }
            String where = taken.stream().map(t -> where(t, cluster)).collect(Collectors.joining(", "))
                    + (skipped.isEmpty() ? "" : " (not on " + String.join(", ", skipped) + ": unreachable)");
            LocalHolds.Shared shared = holds.taken(cluster.name(), me, where, () -> taken.forEach(t -> give(cluster.name(), t, me)));
            shared.beat = scheduler.scheduleWithFixedDelay(() -> io.execute(() -> taken.forEach(t -> beat(cluster, t, shared))),
                    heartbeatMillis, heartbeatMillis, TimeUnit.MILLISECONDS);
            return holds.handle(shared);
        }
    }

    private LockCommands commands(Server site) {
        return lockDirs.apply(site);
    }

    private String where(Server site, Cluster cluster) {
        return site.name() + ":" + commands(site).dir(cluster.name());
    }

    /** The message a refused operation prints: who holds the lock, since when, and what to do. */
    public static String lockedMessage(String cluster, LockState state) {
        return "cluster " + cluster + " is locked: " + state.describe() + (state.stale()
                ? "; if nobody is working on " + cluster + ", clear it with `orrery lock clear CLUSTER.json`"
                : "; wait for it to finish (`orrery lock show CLUSTER.json` says who holds it)");
    }

    private void beat(Cluster cluster, Server site, LocalHolds.Shared shared) {
        if (shared.released) {
            return;
        }
        try {
            String out = exec(site, commands(site).heartbeat(cluster.name(), shared.holder.token()));
            if (out.contains(LockCommands.LOST) && !shared.lost) {
                shared.lost = true;
                LOG.warn("the lock of {} was cleared or taken by someone else on {} while {} ran", cluster.name(), site.name(),
                        shared.holder.operation());
            }
        } catch (Exception e) {
            LOG.info("heartbeat of the lock of {} on {} failed (will try again): {}", cluster.name(), site.name(), e.toString());
        }
    }

    /** Gives the lock back on one of its servers (called when the last handle closes). */
    private void give(String cluster, Server site, LockHolder holder) {
        try {
            exec(site, commands(site).release(cluster, holder.token()));
        } catch (Exception e) {
            LOG.warn("could not give back the lock of {} on {} ({}): it stays until its heartbeat goes stale and someone clears it",
                    cluster, site.name(), e.toString());
        }
    }

    /** Who holds it on any of its servers (the first that says so); fails only when no server can be read. */
    @Override
    public Optional<LockState> read(Cluster cluster) throws Exception {
        List<Server> sites = LockSite.all(cluster);
        if (sites.isEmpty()) {
            return fallback.read(cluster);
        }
        return onEach(cluster, sites, site -> commands(site).read(cluster.name()));
    }

    /** Removes it from every server that keeps it; returns what the first that held it said. */
    @Override
    public Optional<LockState> clear(Cluster cluster) throws Exception {
        List<Server> sites = LockSite.all(cluster);
        if (sites.isEmpty()) {
            return fallback.clear(cluster);
        }
        return onEach(cluster, sites, site -> commands(site).clear(cluster.name()));
    }

    private Optional<LockState> onEach(Cluster cluster, List<Server> sites, java.util.function.Function<Server, dev.orrery.remote.Command> command)
            throws Exception {
        Optional<LockState> found = Optional.empty();
        Exception firstFailure = null;
        int read = 0;
        for (Server site : sites) {
            String out;
            try {
                out = exec(site, command.apply(site));
            } catch (Exception e) {
                firstFailure = firstFailure == null ? e : firstFailure;
                continue;
            }
            read++;
            if (!out.contains(LockCommands.FREE) && found.isEmpty()) {
                found = Optional.of(parse(out, where(site, cluster)));
            }
        }
        if (read == 0) {
            throw firstFailure;
        }
        return found;
    }

    private String exec(Server site, dev.orrery.remote.Command command) throws Exception {
        Host h = hosts.hostFor(site);
        try {
            StringBuilder all = new StringBuilder();
            // every line through the listener: the result keeps only the last few
            ExecResult r = h.run(command, line -> all.append(line).append('\n'));
            return all.length() > 0 ? all.toString() : r.output();
        } finally {
            release.accept(h);
        }
    }

    /** Reads the HELD output: the heartbeat's age and the holder's JSON line. */
    static LockState parse(String out, String where) {
        long age = 0;
        LockHolder holder = null;
        for (String line : out.lines().toList()) {
            if (line.startsWith(LockCommands.AGE)) {
                try {
                    age = Math.max(0, Long.parseLong(line.substring(LockCommands.AGE.length()).strip()));
                } catch (NumberFormatException ignored) {
                    // keep 0: the age is advice, the holder is what matters
                }
            } else if (line.startsWith("{")) {
                try {
                    holder = Json.mapper().readValue(line, LockHolder.class);
                } catch (Exception ignored) {
                    holder = null; // half-written: reported as unreadable
                }
            }
        }
        return new LockState(holder, age, age > STALE_AFTER_SECONDS, where);
    }
}
