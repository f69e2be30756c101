package dev.orrery.health;

/** A server's shown state changed (from {@link HealthState#CHECKING} too). */
public record StateChange(String server, HealthState from, HealthState to, long timeMs, String reason)
        implements HealthEvent {

    /** Went down after having been up: what the "act on it" option and notifications react to. */
    public boolean wentDown() {
        return from == HealthState.UP && to == HealthState.DOWN;
    }

    /** Came back up after having been seen down. */
    public boolean cameBack() {
        return from == HealthState.DOWN && to == HealthState.UP;
    }
}
