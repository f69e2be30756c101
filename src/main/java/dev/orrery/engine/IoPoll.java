package dev.orrery.engine;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A read repeated every period on the engine's io pool (the scheduler only hands it over), that
 * skips a round while the last one still runs: a slow server must not pile reads up.
 */
final class IoPoll {

    private IoPoll() {
    }

    /** Starts {@code read} now and every {@code everyMs}; it handles its own failures. Cancel the result to stop. */
    static ScheduledFuture<?> every(Engine engine, long everyMs, Runnable read) {
        AtomicBoolean busy = new AtomicBoolean();
        return engine.scheduler().scheduleWithFixedDelay(() -> {
            if (busy.compareAndSet(false, true)) {
                engine.io().execute(() -> {
                    try {
                        read.run();
                    } finally {
                        busy.set(false);
                    }
                });
            }
        }, 0, everyMs, TimeUnit.MILLISECONDS);
    }
}
