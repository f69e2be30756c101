package dev.orrery.it;

import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition instead of sleeping a fixed time: quick on a fast machine, patient on a slow one. */
public final class Wait {
    /** Only a safety net for a condition that never comes: a slow machine must not fail a test. */
    public static final Duration SAFETY_NET = Duration.ofMinutes(3);

    private Wait() {
    }

    /** Polls every 50 ms (Awaitility) until {@code condition} holds; fails naming {@code what} after {@link #SAFETY_NET}. */
    public static void until(String what, BooleanSupplier condition) {
        Awaitility.await(what).atMost(SAFETY_NET).pollInterval(Duration.ofMillis(50)).until(condition::getAsBoolean);
    }
}
