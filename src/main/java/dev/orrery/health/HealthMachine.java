package dev.orrery.health;

/**
 * One server's up/down state machine, counting exactly like nginx_upstream_check_module's
 * {@code ngx_http_upstream_check_status_update}: a success adds one to the rise counter and
 * sets the fall counter to 0, a failure the reverse; a down peer comes up when the rise counter
 * reaches {@code rise}, an up peer goes down when the fall counter reaches {@code fall}. The
 * peer starts down, as with {@code default_down=true}. On top of that raw flag it tracks whether
 * the state is decided yet (see {@link HealthState#CHECKING}).
 *
 * <p>Not thread-safe: the monitor calls it under the server's lock.
 */
public final class HealthMachine {
    private final int rise;
    private final int fall;
    private boolean up;
    private boolean decided;
    private int riseCount;
    private int fallCount;
    private long results;

    public HealthMachine(int rise, int fall) {
        if (rise < 1 || fall < 1) {
            throw new IllegalArgumentException("rise and fall must be at least 1 (got rise=" + rise + " fall=" + fall + ")");
        }
        this.rise = rise;
        this.fall = fall;
    }

    /** Records one probe result; returns the state shown afterwards. */
    public HealthState record(boolean success) {
        results++;
        if (success) {
            riseCount = riseCount == Integer.MAX_VALUE ? riseCount : riseCount + 1;
            fallCount = 0;
            if (!up && riseCount >= rise) {
                up = true;
            }
        } else {
            fallCount = fallCount == Integer.MAX_VALUE ? fallCount : fallCount + 1;
            riseCount = 0;
            if (up && fallCount >= fall) {
                up = false;
            }
        }
        if (!decided && (up || fallCount >= fall || results >= (long) rise + fall)) {
            decided = true;
        }
        return state();
    }

    public HealthState state() {
        if (!decided) {
            return HealthState.CHECKING;
        }
        return up ? HealthState.UP : HealthState.DOWN;
    }

    /** The module's raw flag: false until {@code rise} successes, whatever is shown. */
    public boolean moduleUp() {
        return up;
    }

    /** The current rise counter (consecutive successes), as the check-status page shows it. */
    public int riseCount() {
        return riseCount;
    }

    /** The current fall counter (consecutive failures). */
    public int fallCount() {
        return fallCount;
    }

    public int rise() {
        return rise;
    }

    public int fall() {
        return fall;
    }
}
