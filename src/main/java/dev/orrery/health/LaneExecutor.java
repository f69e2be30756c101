package dev.orrery.health;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs tasks on a shared pool with at most {@code lanes} of them at once. The Engine's io pool
 * is a cached pool: handed 1300 short probe callbacks a second on a busy machine, it starts a
 * new thread whenever none is free (the benchmark saw ~980 threads at 1000 servers). Through
 * a few lanes the same work reuses a few io threads, and nothing here ever blocks.
 */
public final class LaneExecutor implements Executor {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LaneExecutor.class);
    private final Executor pool;
    private final int lanes;
    private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger running = new AtomicInteger();

    public LaneExecutor(Executor pool, int lanes) {
        if (lanes < 1) {
            throw new IllegalArgumentException("lanes must be at least 1");
        }
        this.pool = pool;
        this.lanes = lanes;
    }

    @Override
    public void execute(Runnable task) {
        queue.add(task);
        startLaneIfRoom();
    }

    private void startLaneIfRoom() {
        while (true) {
            int r = running.get();
            if (r >= lanes || queue.isEmpty()) {
                return;
            }
            if (running.compareAndSet(r, r + 1)) {
                try {
                    pool.execute(this::drain);
                } catch (RuntimeException e) {
                    running.decrementAndGet();
                    throw e;
                }
                return;
            }
        }
    }

    private void drain() {
        try {
            Runnable t;
            while ((t = queue.poll()) != null) {
                try {
                    t.run();
                } catch (RuntimeException e) {
                    LOG.warn("probe task failed", e);
                }
            }
        } finally {
            running.decrementAndGet();
            // a task may have been queued after the last poll and before the decrement
            startLaneIfRoom();
        }
    }
}
