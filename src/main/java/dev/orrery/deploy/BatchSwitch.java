package dev.orrery.deploy;

import dev.orrery.task.Progress;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/** One batch of phase two ({@link Batches}): its servers switched at once, each through {@link ServerSwitch}. */
final class BatchSwitch {
    private final Executor executor;

    BatchSwitch(Executor executor) {
        this.executor = executor;
    }

    /**
     * The servers of a batch that switched, and the first failure (in server order) or null. A
     * failing server has gone back to its release ({@link ServerSwitch}); the others are on the new one.
     */
    record Result(List<ServerTarget> switched, Exception failure) {
    }

    /** Switches one batch, its servers at once, and waits for every one of them to finish. */
    Result run(ServerSwitch switcher, List<ServerTarget> batch, String id, boolean canary, Progress progress) throws Exception {
        if (batch.size() == 1) {
            switchOne(switcher, batch.get(0), id, canary, progress);
            return new Result(batch, null);
        }
        List<java.util.concurrent.CompletableFuture<Void>> running = new ArrayList<>();
        for (ServerTarget t : batch) {
            running.add(java.util.concurrent.CompletableFuture.runAsync(() -> {
                try {
                    switchOne(switcher, t, id, false, progress);
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            }, executor));
        }
        List<ServerTarget> ok = new ArrayList<>();
        Throwable first = null;
        for (int i = 0; i < batch.size(); i++) {
            try {
                running.get(i).get();
                ok.add(batch.get(i));
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable cause = e.getCause() instanceof java.util.concurrent.CompletionException c && c.getCause() != null ? c.getCause() : e.getCause();
                if (first == null) {
                    first = cause;
                }
            }
        }
        if (first instanceof Error e) {
            throw e;
        }
        return new Result(ok, (Exception) first);
    }

    private void switchOne(ServerSwitch switcher, ServerTarget t, String id, boolean canary, Progress progress) throws Exception {
        if (id.equals(t.previous)) {
            progress.log(t.name() + ": already on " + id);
            return;
        }
        progress.log(t.name() + (canary ? " (canary)" : "") + ": " + (t.previous != null ? t.previous : "nothing") + " → " + id);
        switcher.run(t, id, progress);
    }

}
