package dev.orrery.engine;

import dev.orrery.engine.state.LockInfo;
import dev.orrery.model.Cluster;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads who holds a cluster's lock, for {@code orrery status}, {@code orrery lock show} and the
 * live state. One small interface so where the lock lives can change without its readers
 * changing: {@link Orrery#lockReader()} reads the lock on the cluster's own balancer
 * ({@link dev.orrery.lock.ServerClusterLock}); {@link #deployLockFiles} reads the older lock
 * file in a data folder. Blocks (SSH or disk): never on the FX thread.
 */
@FunctionalInterface
public interface LockReader {

    /** The holder, or empty when the lock is free. Throws when where the lock lives cannot be read. */
    Optional<LockInfo> read(Cluster cluster) throws IOException;

    /** The lock files {@code CLUSTER.deploy.lock} in {@code locksDir}. */
    static LockReader deployLockFiles(Path locksDir) {
        return new DeployLockFiles(locksDir);
    }
}
