package dev.orrery.lock;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.function.BiConsumer;

/**
 * The cluster locks this process holds, shared by every lock object of one engine. Work of the
 * kind a lock was taken for joins it (three servers provisioned at once are one operation);
 * other work is refused, naming this process's own operation. The last handle to close gives the
 * lock back. A listener hears of every change (the live cluster state shows the holder).
 */
public final class LocalHolds {

    static final class Shared {
        final String cluster;
        final LockHolder holder;
        final String where;
        final Runnable giveBack;
        int count = 1;
        volatile boolean lost;
        volatile boolean released;
        ScheduledFuture<?> beat;

        Shared(String cluster, LockHolder holder, String where, Runnable giveBack) {
            this.cluster = cluster;
            this.holder = holder;
            this.where = where;
            this.giveBack = giveBack;
        }
    }

    private final Map<String, Shared> held = new HashMap<>();
    private final BiConsumer<String, LockState> listener;

    /** @param listener told (cluster, state) when this process takes a lock, and (cluster, null) when it gives it back */
    public LocalHolds(BiConsumer<String, LockState> listener) {
        this.listener = listener;
    }

    public LocalHolds() {
        this((c, s) -> { });
    }

    /** A handle on the lock this process holds for the same kind of work, or null when it holds none; refuses other work. */
    synchronized ClusterLock.Held join(String cluster, String kind) throws ClusterLockedException {
        Shared s = held.get(cluster);
        if (s == null) {
            return null;
        }
        if (!s.holder.kind().equals(kind)) {
            LockState state = new LockState(s.holder, 0, false, s.where);
            throw new ClusterLockedException("cluster " + cluster + " is locked by this Orrery: " + state.describe()
                    + "; wait for it to finish", state);
        }
        s.count++;
        return handle(s);
    }

    synchronized Shared taken(String cluster, LockHolder holder, String where, Runnable giveBack) {
        Shared s = new Shared(cluster, holder, where, giveBack);
        held.put(cluster, s);
        listener.accept(cluster, new LockState(holder, 0, false, where));
        return s;
    }

    ClusterLock.Held handle(Shared s) {
        return new ClusterLock.Held() {
            private boolean closed;

            @Override
            public boolean lost() {
                return s.lost;
            }

            @Override
            public String where() {
                return s.where;
            }

            @Override
            public void close() {
                synchronized (LocalHolds.this) {
                    if (closed) {
                        return;
                    }
                    closed = true;
                    if (--s.count > 0) {
                        return;
                    }
                    s.released = true;
                    if (s.beat != null) {
                        s.beat.cancel(false);
                    }
                    held.remove(s.cluster, s);
                }
                s.giveBack.run();
                listener.accept(s.cluster, null);
            }
        };
    }

    /** What this process holds on {@code cluster}, if anything. */
    public synchronized java.util.Optional<LockState> holding(String cluster) {
        Shared s = held.get(cluster);
        return s == null ? java.util.Optional.empty() : java.util.Optional.of(new LockState(s.holder, 0, false, s.where));
    }
}
