package dev.orrery.health;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The real clock: the Engine's scheduler for delays. Timestamps are wall-clock milliseconds
 * made monotonic from {@link System#nanoTime()}, so a clock step (NTP) never reorders the
 * history or breaks the interval arithmetic.
 */
public final class ExecutorProbeClock implements ProbeClock {
    private final ScheduledExecutorService scheduler;
    private final long originMillis = System.currentTimeMillis();
    private final long originNanos = System.nanoTime();

    public ExecutorProbeClock(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public long nowMillis() {
        return originMillis + (System.nanoTime() - originNanos) / 1_000_000;
    }

    @Override
    public Scheduled schedule(Runnable task, long delayMs) {
        ScheduledFuture<?> f = scheduler.schedule(task, Math.max(0, delayMs), TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
    }
}
