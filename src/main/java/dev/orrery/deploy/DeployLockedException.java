package dev.orrery.deploy;

import dev.orrery.lock.ClusterLockedException;
import dev.orrery.lock.LockHolder;
import dev.orrery.lock.LockState;

/** Another deploy or rollback of the cluster holds its lock in this data folder ({@link DeployLock}). */
public class DeployLockedException extends ClusterLockedException {
    private final transient DeployLock.Holder holder;

    public DeployLockedException(String cluster, DeployLock.Holder holder, String message) {
        super(message, holder == null ? null : new LockState(new LockHolder(holder.user(), holder.host(), holder.pid(), "this data folder",
                "deploy", holder.operation(), holder.startedAt(), ""), 0, false, "data folder lock of " + cluster));
        this.holder = holder;
    }

    /** Who holds the lock, or null when the lock file could not be read. */
    public DeployLock.Holder holder() {
        return holder;
    }
}
