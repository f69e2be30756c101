package dev.orrery.deploy;

import dev.orrery.remote.UploadListener;
import dev.orrery.task.CancelledException;
import dev.orrery.task.Progress;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Phase one across servers: at most {@code parallel} at once, all of them finished before phase two
 * starts. If any fails, the first failure (in server order) is reported with its server; nothing
 * live has changed anywhere.
 */
final class ParallelInstall {
    private final ReleaseInstaller installer;
    private final Executor executor;
    private final Semaphore slots;

    ParallelInstall(ReleaseInstaller installer, Executor executor, int parallel) {
        this.installer = installer;
        this.executor = executor;
        this.slots = new Semaphore(Math.max(1, parallel));
    }

    interface Work {
        void run(ReleaseInstaller installer, ServerTarget target, UploadListener uploaded) throws Exception;
    }

    void run(List<ServerTarget> targets, Progress progress, Work work, long bytesPerServer) throws Exception {
        ConcurrentHashMap<String, Long> sent = new ConcurrentHashMap<>();
        AtomicLong lastReport = new AtomicLong();
        long total = Math.max(1, bytesPerServer * targets.size());
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        for (ServerTarget t : targets) {
            futures.add(CompletableFuture.runAsync(() -> {
                try {
                    slots.acquire();
                    try {
                        if (progress.cancelled()) {
                            throw new CancelledException();
                        }
                        work.run(installer, t, (bytes, all) -> {
                            sent.put(t.name(), bytes);
                            long now = System.nanoTime();
                            if (now - lastReport.get() > 100_000_000L) {
                                lastReport.set(now);
                                progress.fraction(0.4 * sent.values().stream().mapToLong(Long::longValue).sum() / total);
                            }
                        });
                    } finally {
                        slots.release();
                    }
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new StepFailure(t, e);
                }
            }, executor));
        }
        Throwable first = null;
        for (CompletableFuture<Void> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (first == null) {
                    first = e.getCause();
                }
            }
        }
        if (first instanceof CancelledException c) {
            progress.log("cancelled during upload; nothing live changed on any server");
            throw c;
        }
        if (first instanceof StepFailure f) {
            throw new DeployFailedException(f.target.name(), RolloutStep.INSTALL, ServerSwitch.reason(f.getCause())
                    + ". Nothing live changed on any server; the rollout did not start", List.of(), f.getCause());
        }
        if (first != null) {
            throw new DeployFailedException("?", RolloutStep.INSTALL, ServerSwitch.reason(first), List.of(), first);
        }
        progress.fraction(0.4);
    }

    private static final class StepFailure extends RuntimeException {
        final transient ServerTarget target;

        StepFailure(ServerTarget target, Exception cause) {
            super(cause);
            this.target = target;
        }
    }
}
