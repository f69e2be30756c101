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
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The cluster's lock kept on the cluster itself ({@link LockSite}: the balancer), so every
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
    private final LockCommands commands;
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
        this.commands = new LockCommands(lockDir);
        this.heartbeatMillis = heartbeatMillis;
        this.hosts = hosts;
        this.release = release;
        this.scheduler = scheduler;
        this.io = io;
        this.dataFolder = dataFolder;
        this.holds = holds;
        this.fallback = fallback;
    }

    @Override
    public Held acquire(Cluster cluster, String kind, String operation) throws Exception {
        Optional<Server> site = LockSite.of(cluster);
        if (site.isEmpty()) {
            return fallback.acquire(cluster, kind, operation);
        }
        String where = site.get().name() + ":" + commands.dir(cluster.name());
        synchronized (holds) {
            Held joined = holds.join(cluster.name(), kind);
            if (joined != null) {
                return joined;
            }
            LockHolder me = LockHolder.me(dataFolder, kind, operation);
            String out = exec(site.get(), commands.take(cluster.name(), Json.mapper().writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(me)));
            if (!out.contains(LockCommands.TAKEN)) {
                LockState state = parse(out, where);
                throw new ClusterLockedException(lockedMessage(cluster.name(), state), state);
            }
            Server lockServer = site.get();
            LocalHolds.Shared shared = holds.taken(cluster.name(), me, where, () -> give(cluster.name(), lockServer, me));
            shared.beat = scheduler.scheduleWithFixedDelay(() -> io.execute(() -> beat(cluster, site.get(), shared)),
                    heartbeatMillis, heartbeatMillis, TimeUnit.MILLISECONDS);
            return holds.handle(shared);
        }
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
            String out = exec(site, commands.heartbeat(cluster.name(), shared.holder.token()));
            if (out.contains(LockCommands.LOST) && !shared.lost) {
                shared.lost = true;
                LOG.warn("the lock of {} was cleared or taken by someone else while {} ran", cluster.name(), shared.holder.operation());
            }
        } catch (Exception e) {
            LOG.info("heartbeat of the lock of {} failed (will try again): {}", cluster.name(), e.toString());
        }
    }

    /** Gives the lock back on its server (called when the last handle closes). */
    private void give(String cluster, Server site, LockHolder holder) {
        try {
            exec(site, commands.release(cluster, holder.token()));
        } catch (Exception e) {
            LOG.warn("could not give back the lock of {} on {} ({}): it stays until its heartbeat goes stale and someone clears it",
                    cluster, site.name(), e.toString());
        }
    }

    @Override
    public Optional<LockState> read(Cluster cluster) throws Exception {
        Optional<Server> site = LockSite.of(cluster);
        if (site.isEmpty()) {
            return fallback.read(cluster);
        }
        String out = exec(site.get(), commands.read(cluster.name()));
        if (out.contains(LockCommands.FREE)) {
            return Optional.empty();
        }
        return Optional.of(parse(out, site.get().name() + ":" + commands.dir(cluster.name())));
    }

    @Override
    public Optional<LockState> clear(Cluster cluster) throws Exception {
        Optional<Server> site = LockSite.of(cluster);
        if (site.isEmpty()) {
            return fallback.clear(cluster);
        }
        String out = exec(site.get(), commands.clear(cluster.name()));
        if (out.contains(LockCommands.FREE)) {
            return Optional.empty();
        }
        return Optional.of(parse(out, site.get().name() + ":" + commands.dir(cluster.name())));
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
