package dev.orrery.store.history;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes to the {@link HistoryDb} off the caller's thread, in batches: producers (samplers,
 * probe listeners, the FX thread) only enqueue; every {@code flushMs} one task on the io pool
 * runs everything queued in ONE transaction. So a thousand samples a second cost one commit a
 * flush, and a {@code kill -9} loses at most what was queued since the last commit (under a
 * second with the default 250 ms). A failed batch is logged and counted, never retried blindly
 * (the next batch goes on), and never reaches the producer.
 *
 * <pre>{@code
 * HistoryWriter w = new HistoryWriter(db, engine.scheduler(), engine.io(), 250);
 * w.submit(c -> insertSample(c, s));   // returns at once
 * w.close();                           // flushes what is left
 * }</pre>
 */
public final class HistoryWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryWriter.class);

    private final HistoryDb db;
    private final Executor io;
    private final ConcurrentLinkedQueue<HistoryDb.SqlWork<?>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean flushing = new AtomicBoolean();
    private final Object drainLock = new Object();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final ScheduledFuture<?> tick;
    private volatile String lastError;
    private volatile boolean closed;

    /**
     * @param scheduler only books the flushes (never blocks); @param io runs them (the disk)
     * @param flushMs   how often queued work is committed: the most a crash can lose
     */
    public HistoryWriter(HistoryDb db, ScheduledExecutorService scheduler, Executor io, long flushMs) {
        this.db = db;
        this.io = io;
        this.tick = scheduler.scheduleWithFixedDelay(this::kick, flushMs, flushMs, TimeUnit.MILLISECONDS);
    }

    public HistoryDb db() {
        return db;
    }

    /** Queues {@code work}; it runs in the next batch's transaction. Never blocks. */
    public void submit(HistoryDb.SqlWork<?> work) {
        if (!closed) {
            queue.add(work);
        }
    }

    /** Items written, failed batches' items, and the last failure in words (null: none). */
    public long written() {
        return written.get();
    }

    public long failed() {
        return failed.get();
    }

    public String lastError() {
        return lastError;
    }

    public int waiting() {
        return queue.size();
    }

    private void kick() {
        if (!queue.isEmpty() && flushing.compareAndSet(false, true)) {
            try {
                io.execute(this::drainAndRelease);
            } catch (RuntimeException shutDown) {
                flushing.set(false);
            }
        }
    }

    private void drainAndRelease() {
        try {
            synchronized (drainLock) {
                drain();
            }
        } finally {
            flushing.set(false);
        }
    }

    /** Runs everything queued now in one transaction (on the calling thread). */
    private void drain() {
        List<HistoryDb.SqlWork<?>> batch = new ArrayList<>();
        HistoryDb.SqlWork<?> w;
        while ((w = queue.poll()) != null) {
            batch.add(w);
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            db.write(c -> {
                for (HistoryDb.SqlWork<?> work : batch) {
                    work.run(c);
                }
                return null;
            });
            written.addAndGet(batch.size());
        } catch (SQLException | RuntimeException e) {
            failed.addAndGet(batch.size());
            lastError = e.getMessage();
            LOG.warn("could not write {} items to the history store: {}", batch.size(), e.getMessage());
        }
    }

    /** Commits what is queued now; completes when it is on disk (or failed). */
    public CompletableFuture<Void> flush() {
        return CompletableFuture.runAsync(() -> {
            synchronized (drainLock) {
                drain();
            }
        }, io);
    }

    /** Stops the ticks and writes what is left, on the calling thread. */
    @Override
    public void close() {
        closed = true;
        tick.cancel(false);
        synchronized (drainLock) {
            drain();
        }
    }
}
