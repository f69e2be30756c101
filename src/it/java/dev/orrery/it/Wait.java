package dev.orrery.it;

import java.util.function.BooleanSupplier;

/** Polls a condition instead of sleeping a fixed time: quick on a fast machine, patient on a slow one. */
public final class Wait {
    private Wait() {
    }

    /** Polls every 50 ms until {@code condition} holds; throws naming {@code what} after {@code timeoutMillis}. */
    public static void until(String what, long timeoutMillis, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + timeoutMillis + " ms waiting for " + what);
            }
            Sys.sleep(50);
        }
    }
}
