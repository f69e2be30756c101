package dev.orrery.lock;

import dev.orrery.model.Cluster;

import java.util.Optional;

/** The fallback lock for clusters without a balancer, in tests whose clusters all have one: using it is a failure. */
final class NoFallbackLock implements ClusterLock {
    @Override
    public Held acquire(Cluster cluster, String kind, String operation) {
        throw new IllegalStateException("fallback");
    }

    @Override
    public Optional<LockState> read(Cluster cluster) {
        return Optional.empty();
    }

    @Override
    public Optional<LockState> clear(Cluster cluster) {
        return Optional.empty();
    }
}
