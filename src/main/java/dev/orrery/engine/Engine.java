package dev.orrery.engine;

import dev.orrery.task.CancelledException;
import dev.orrery.task.Progress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs Orrery's background work. It owns the executors everything else borrows — one pool for
 * jobs and blocking I/O, one scheduler for periodic work such as health probes — so there are
 * no stray threads, and closing the engine stops them all.
 *
 * <pre>{@code
 * try (Engine engine = new Engine()) {
 *     JobHandle<Void> h = engine.submit(job);
 *     h.result().join();
 * }
 * }</pre>
 */
public final class Engine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

    private final ExecutorService io = Executors.newCachedThreadPool(new NamedThreads("orrery-io"));
    private final ScheduledExecutorService scheduler = newScheduler();
    private final List<JobListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();

    /**
     * Two threads. A cancelled task leaves the queue at once: watchdogs (a sample's 30-s answer
     * timeout, cancelled when the answer comes ten times a second with a hundred servers) would
     * otherwise pile up and each wake a thread when due, for nothing.
     */
    private static ScheduledExecutorService newScheduler() {
        java.util.concurrent.ScheduledThreadPoolExecutor s = new java.util.concurrent.ScheduledThreadPoolExecutor(2, new NamedThreads("orrery-scheduler"));
        s.setRemoveOnCancelPolicy(true);
        return s;
    }

    /** Blocking work: SSH, HTTP, disk. */
    public ExecutorService io() {
        return io;
    }

    /** Periodic work: probes, polls. Tasks here must not block; they hand blocking work to {@link #io()}. */
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    public void addListener(JobListener listener) {
        listeners.add(listener);
    }

    public void removeListener(JobListener listener) {
        listeners.remove(listener);
    }

    public <T> JobHandle<T> submit(Job<T> job) {
        JobHandle<T> handle = new JobHandle<>(ids.incrementAndGet(), job.title());
        io.execute(() -> runJob(job, handle));
        return handle;
    }

    private <T> void runJob(Job<T> job, JobHandle<T> handle) {
        long id = handle.id();
        emit(new JobEvent.Started(id, job.title(), job.cluster(), job.kind()));
        Progress progress = new Progress() {
            private volatile String stepsServer;
            private volatile boolean stepsMayBeDown;

            @Override
            public void step(String name) {
                LOG.info("[job {}] {}", id, name);
                emit(new JobEvent.Step(id, name));
                String server = stepsServer;
                if (server != null) {
                    emit(new JobEvent.ServerStep(id, server, name, stepsMayBeDown));
                }
            }

            @Override
            public void stepsAreAbout(String server, boolean mayBeDown) {
                stepsMayBeDown = mayBeDown;
                stepsServer = server;
            }

            @Override
            public void serverStep(String server, String step, boolean mayBeDown) {
                step(server + " · " + step);
                emit(new JobEvent.ServerStep(id, server, step, mayBeDown));
            }

            @Override
            public void release(String releaseId, String bundleFile) {
                emit(new JobEvent.ReleaseNamed(id, releaseId, bundleFile));
            }

            @Override
            public void transferred(long sent, long releaseBytes, int servers) {
                emit(new JobEvent.Transferred(id, sent, releaseBytes, servers));
            }

            @Override
            public void serverDone(String server, String result) {
                emit(new JobEvent.ServerDone(id, server, result));
            }

            @Override
            public void fraction(double done) {
                emit(new JobEvent.Fraction(id, Math.max(0, Math.min(1, done))));
            }

            @Override
            public void log(String line) {
                LOG.debug("[job {}] {}", id, line);
                emit(new JobEvent.Log(id, line));
            }

            @Override
            public boolean cancelled() {
                return handle.cancelRequested();
            }
        };
        try {
            T value = job.run(progress);
            emit(new JobEvent.Finished(id, false, null));
            handle.result().complete(value);
        } catch (CancelledException e) {
            emit(new JobEvent.Finished(id, true, null));
            handle.result().completeExceptionally(e);
        } catch (Throwable e) {
            // The failure reaches the face through the job's result and Finished event, which say it
            // once, in words; a second line here named only the exception class. Details for debugging.
            LOG.debug("[job {}] {} failed", id, job.title(), e);
            emit(new JobEvent.Finished(id, false, e));
            handle.result().completeExceptionally(e);
        }
    }

    private void emit(JobEvent event) {
        for (JobListener l : listeners) {
            try {
                l.onEvent(event);
            } catch (RuntimeException e) {
                LOG.warn("job listener failed on {}", event, e);
            }
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        io.shutdownNow();
        try {
            io.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
