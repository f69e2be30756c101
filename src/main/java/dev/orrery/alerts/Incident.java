package dev.orrery.alerts;

/**
 * One rule's state for one subject (a server, or the cluster): the same rise/fall idea as the
 * health checks. The condition must hold without a break for {@code forMs} before the rule
 * fires (rise), and must be clear without a break for {@code clearMs} before it resolves (fall);
 * between "holds" and "clear" lies a band (a percent rule's last {@value dev.orrery.model.AlertRule#HYSTERESIS_POINTS}
 * points under its threshold) that neither fires nor clears. So a value hovering at the
 * threshold is one incident with one firing and one resolved message, never a flap.
 *
 * <p>An observation holds until the next one or until it goes stale ({@code validUntilMs}):
 * a server that stops answering leaves its rules where they were instead of firing or
 * resolving on old data. Not thread-safe: the {@link AlertEvaluator} calls it under its lock.
 */
final class Incident {

    /** What an observation says about the rule's condition. */
    enum Level { BREACH, BAND, CLEAR }

    enum State { OK, PENDING, FIRING, RESOLVING }

    /** What {@link #evaluate} decided. */
    enum Change { NONE, FIRED, RESOLVED }

    private long forMs;
    private long clearMs;
    private State state = State.OK;
    private Level level;
    private long validUntil;
    private long since = -1;
    private long firedAt = -1;
    private double value = Double.NaN;
    private String detail = "";

    Incident(long forMs, long clearMs) {
        this.forMs = forMs;
        this.clearMs = clearMs;
    }

    /** Restores an incident that was firing when Orrery last stopped: no second firing message for it. */
    static Incident firingSince(long forMs, long clearMs, long firedAt) {
        Incident i = new Incident(forMs, clearMs);
        i.state = State.FIRING;
        i.firedAt = firedAt;
        return i;
    }

    /** Records an observation made at {@code atMs}, holding until {@code validUntilMs}, and evaluates. */
    Change observe(Level next, long atMs, long validUntilMs, double observed, String words) {
        boolean firingSide = state == State.FIRING || state == State.RESOLVING;
        // the run of the condition (or of its absence) starts with the first observation of it
        if (firingSide ? next != Level.CLEAR : next != Level.BREACH) {
            since = -1;
        } else if (since < 0 || level != next) {
            since = atMs;
        }
        level = next;
        validUntil = validUntilMs;
        value = observed;
        detail = words;
        return evaluate(atMs);
    }

    /** Time passes: a condition that still holds may now have held long enough. */
    Change evaluate(long nowMs) {
        boolean fresh = level != null && nowMs <= validUntil;
        switch (state) {
            case OK, PENDING -> {
                if (fresh && level == Level.BREACH && since >= 0) {
                    if (nowMs - since >= forMs) {
                        state = State.FIRING;
                        firedAt = nowMs;
                        since = -1;
                        return Change.FIRED;
                    }
                    state = State.PENDING;
                } else if (fresh) {
                    state = State.OK;
                }
            }
            case FIRING, RESOLVING -> {
                if (fresh && level == Level.CLEAR && since >= 0) {
                    if (nowMs - since >= clearMs) {
                        state = State.OK;
                        since = -1;
                        return Change.RESOLVED;
                    }
                    state = State.RESOLVING;
                } else if (fresh) {
                    state = State.FIRING;
                }
            }
        }
        return Change.NONE;
    }

    /** The rule's durations were edited: the incident goes on with the new ones. */
    void retime(long newForMs, long newClearMs) {
        forMs = newForMs;
        clearMs = newClearMs;
    }

    /** Ends a firing incident whatever the condition (its rule was turned off, its server removed). */
    boolean forceResolve() {
        if (state == State.FIRING || state == State.RESOLVING) {
            state = State.OK;
            since = -1;
            return true;
        }
        state = State.OK;
        since = -1;
        return false;
    }

    State state() {
        return state;
    }

    boolean firing() {
        return state == State.FIRING || state == State.RESOLVING;
    }

    long firedAt() {
        return firedAt;
    }

    double value() {
        return value;
    }

    String detail() {
        return detail;
    }
}
