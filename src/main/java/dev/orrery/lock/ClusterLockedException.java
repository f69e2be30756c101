package dev.orrery.lock;

/** Someone else holds the cluster's lock: the message names them and what to do. */
public class ClusterLockedException extends Exception {
    private final transient LockState state;

    public ClusterLockedException(String message, LockState state) {
        super(message);
        this.state = state;
    }

    /** What the lock said, or null when it could not be read. */
    public LockState state() {
        return state;
    }
}
