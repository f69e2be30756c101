package dev.orrery.deploy;

/** Another deploy or rollback of the cluster holds its lock. */
public class DeployLockedException extends Exception {
    private final transient DeployLock.Holder holder;

    public DeployLockedException(String cluster, DeployLock.Holder holder, String message) {
        super(message);
        this.holder = holder;
    }

    /** Who holds the lock, or null when the lock file could not be read. */
    public DeployLock.Holder holder() {
        return holder;
    }
}
