package dev.orrery.lock;

import dev.orrery.model.Cluster;

import java.util.Optional;

/**
 * One operation that changes a live cluster at a time — deploy, rollback, provision,
 * decommission, a balancer push or switch — across every workstation and data folder.
 * {@link ServerClusterLock} keeps it on the cluster's own servers; {@link LocalClusterLock} in a
 * data folder (the sandbox, whose servers are this machine).
 *
 * <pre>{@code
 * try (ClusterLock.Held held = lock.acquire(cluster, "deploy", "deploy of " + id)) {
 *     …                       // refused with ClusterLockedException naming the holder
 *     if (held.lost()) …      // somebody cleared it meanwhile
 * }
 * }</pre>
 */
public interface ClusterLock {

    /**
     * Takes the lock for {@code kind} of work, or refuses naming who holds it. Work of the same
     * kind from this process shares a lock it already holds.
     */
    Held acquire(Cluster cluster, String kind, String operation) throws ClusterLockedException, Exception;

    /** Who holds it now, if anyone. */
    Optional<LockState> read(Cluster cluster) throws Exception;

    /** Removes it, whoever holds it (only ever on a person's request); returns what it said. */
    Optional<LockState> clear(Cluster cluster) throws Exception;

    /** A taken lock; closing gives it back (only if it is still ours). */
    interface Held extends AutoCloseable {
        /** True once a heartbeat found the lock cleared or taken by someone else. */
        boolean lost();

        /** Where it lives, for messages. */
        String where();

        @Override
        void close();
    }
}
