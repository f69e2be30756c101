package dev.orrery.health;

/**
 * Time and delayed tasks for the monitor: the seam that lets the rise/fall logic and the
 * scheduling be tested with a manual clock instead of sleeping. The real one is
 * {@link ExecutorProbeClock} on the Engine's scheduler.
 */
public interface ProbeClock {

    /** Milliseconds on a clock that only moves forward (wall-clock-like, for timestamps). */
    long nowMillis();

    /** Runs {@code task} once after {@code delayMs}. Tasks must not block. */
    Scheduled schedule(Runnable task, long delayMs);

    /** A task that can still be cancelled. */
    interface Scheduled {
        void cancel();
    }
}
