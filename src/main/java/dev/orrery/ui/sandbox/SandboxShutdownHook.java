package dev.orrery.ui.sandbox;

import dev.orrery.engine.JobHandle;
import dev.orrery.sandbox.SandboxReaper;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Killed rather than closed (SIGTERM, logout): JavaFX never calls stop(), so the sandbox's
 * processes are stopped from a shutdown hook — by their pid files, without waiting for a job that
 * may hold the sandbox. Anything still left is found by the next start.
 */
final class SandboxShutdownHook {

    private SandboxShutdownHook() {
    }

    static void install(BooleanSupplier running, Supplier<JobHandle<?>> current, Path sandboxRoot) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (running.getAsBoolean()) {
                JobHandle<?> job = current.get();
                if (job != null) {
                    // a start still running would otherwise start processes after the sweep
                    job.cancel();
                    try {
                        job.result().get(10, TimeUnit.SECONDS);
                    } catch (Exception ignored) {
                        // cancelled, failed or slow: sweep anyway
                    }
                }
                new SandboxReaper(sandboxRoot).reap(Duration.ofSeconds(5));
            }
        }, "orrery-sandbox-stop"));
    }
}
