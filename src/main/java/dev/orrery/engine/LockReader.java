package dev.orrery.engine;

import dev.orrery.engine.state.LockInfo;
import dev.orrery.model.Cluster;

import java.util.Optional;

/**
 * Reads who holds a cluster's lock, where the lock lives (the cluster's balancer; see
 * {@link dev.orrery.lock.ServerClusterLock}). For {@code orrery status}, {@code orrery lock show}
 * and the window. Blocks on SSH: never on the FX thread.
 */
@FunctionalInterface
public interface LockReader {
    Optional<LockInfo> read(Cluster cluster) throws Exception;
}
