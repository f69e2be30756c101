package dev.orrery.engine.state;

/** What {@link LiveClusterState} tells its listeners, in order, on the thread that caused it. */
public sealed interface LiveEvent {

    /** The whole picture was replaced (another cluster, or the first one): redraw from the snapshot. */
    record Reset(LiveSnapshot snapshot) implements LiveEvent { }

    /** One server's state or look changed. {@code was} is null for a server just added. */
    record ServerChanged(ServerLive server, Look was, Look look) implements LiveEvent { }

    /** A server left the cluster. */
    record ServerRemoved(String server) implements LiveEvent { }

    /** A job on the cluster started, moved or finished. */
    record JobChanged(JobInfo job) implements LiveEvent { }

    /** The deploy lock changed hands; {@code lock} is null when free. */
    record LockChanged(LockInfo lock) implements LiveEvent { }

    /**
     * An unplanned outage began ({@code raised}) or ended. Notifications, alert rules and the
     * command line react to this and to nothing else, so a planned stop never alarms anyone.
     */
    record Alarm(String server, boolean raised, String text) implements LiveEvent { }
}
