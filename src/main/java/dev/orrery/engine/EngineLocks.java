package dev.orrery.engine;

import dev.orrery.deploy.LocalClusterLock;
import dev.orrery.engine.state.LiveClusterState;
import dev.orrery.engine.state.LockInfo;
import dev.orrery.lock.ClusterLock;
import dev.orrery.lock.LocalHolds;
import dev.orrery.lock.LockState;
import dev.orrery.lock.ServerClusterLock;
import dev.orrery.model.Cluster;
import dev.orrery.remote.HostKeyPrompt;
import dev.orrery.remote.HostResolver;
import dev.orrery.remote.SshHosts;
import dev.orrery.sandbox.Sandbox;
import dev.orrery.store.OrreryHome;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The cluster locks of one {@link Orrery}: making them (all sharing what this Orrery holds),
 * reading who holds one, and keeping the live state's lock current. {@link Orrery} documents the
 * public calls that reach here.
 */
final class EngineLocks {

    private final Engine engine;
    private final OrreryHome home;
    private final ClusterAccess access;
    private final Function<String, LiveClusterState> live;
    private final Supplier<SshHosts> pooled;
    private final Function<HostKeyPrompt, SshHosts> ownPool;
    private final LocalHolds holds;

    EngineLocks(Engine engine, OrreryHome home, ClusterAccess access, Function<String, LiveClusterState> live,
                Supplier<SshHosts> pooled, Function<HostKeyPrompt, SshHosts> ownPool) {
        this.engine = engine;
        this.home = home;
        this.access = access;
        this.live = live;
        this.pooled = pooled;
        this.ownPool = ownPool;
        this.holds = new LocalHolds((cluster, state) -> live.apply(cluster).setLock(info(state)));
    }

    /** The live state's view of a lock. */
    static LockInfo info(LockState s) {
        if (s == null) {
            return null;
        }
        if (s.holder() == null) {
            return new LockInfo("unknown (unreadable lock at " + s.where() + ")", "?", 0, s.stale());
        }
        return new LockInfo(s.holder().who() + ", data folder " + s.holder().dataFolder(), s.holder().operation(),
                s.holder().since().toEpochMilli(), s.stale());
    }

    Optional<LockInfo> holding(String cluster) {
        return holds.holding(cluster).map(EngineLocks::info);
    }

    ClusterLock clusterLock(HostResolver hosts) {
        return new ServerClusterLock(hosts, h -> { }, engine.scheduler(), engine.io(), home.root(), holds,
                new LocalClusterLock(home.locksDir()));
    }

    LockReader lockReader(HostResolver hosts) {
        ClusterLock lock = clusterLock(hosts);
        return cluster -> {
            try {
                return lock.read(cluster).map(EngineLocks::info);
            } catch (java.io.IOException e) {
                throw e;
            } catch (Exception e) {
                throw new java.io.IOException("cannot read the lock of " + cluster.name() + ": " + e.getMessage(), e);
            }
        };
    }

    LockReader lockReader() {
        LockReader viaBalancer = lockReader(pooled.get());
        // The sandbox's lock is a file in its own folder: its "balancer" is this machine, not an SSH host.
        return cluster -> Sandbox.isSandbox(cluster)
                ? LockReader.deployLockFiles(access.locksDir(cluster)).read(cluster)
                : viaBalancer.read(cluster);
    }

    AutoCloseable watchLock(Cluster cluster, HostResolver hosts, Duration every) {
        LockReader reader = lockReader(hosts);
        ScheduledFuture<?> tick = engine.scheduler().scheduleWithFixedDelay(() -> engine.io().execute(() -> {
            try {
                live.apply(cluster.name()).setLock(reader.read(cluster).orElse(null));
            } catch (Exception e) {
                // unreachable balancer: the last known holder stays shown
            }
        }), 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return () -> tick.cancel(false);
    }

    AutoCloseable watchLock(Cluster cluster, Duration every) {
        SshHosts hosts = ownPool.apply(HostKeyPrompt.REFUSE);
        AutoCloseable watch = watchLock(cluster, hosts, every);
        return () -> {
            watch.close();
            engine.io().execute(hosts::close); // closing SSH may block
        };
    }
}
