package dev.orrery.engine;

import dev.orrery.engine.state.LockInfo;
import dev.orrery.model.Cluster;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads who holds a cluster's deploy lock, for {@code orrery status} and the live state. One
 * small interface so where the lock lives can change without its readers changing: today it is
 * the {@link dev.orrery.deploy.DeployLock} file in the data folder ({@link #deployLockFiles});
 * a lock kept on the cluster's own servers gives another implementation, handed out by
 * {@link Orrery#lockReader()}.
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
