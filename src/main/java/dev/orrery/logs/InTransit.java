package dev.orrery.logs;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * The lines a collector was handed but has not stored yet, numbered as they are handed over, so
 * a flush knows exactly which lines came before it, even those still waiting for room in the
 * queue (a request put in the queue could overtake them, and would wait for room itself).
 */
final class InTransit {
    /** A flush: done once no line numbered {@code upTo} or lower is still in transit. */
    private record Waiter(long upTo, CompletableFuture<Void> done) {
    }

    private long handed;
    private boolean closed;
    private final TreeSet<Long> pending = new TreeSet<>();
    private final List<Waiter> waiters = new ArrayList<>();

    /** Numbers a line being handed over; pass the number to {@link #settled} once it is stored or dropped. */
    synchronized long handOver() {
        pending.add(++handed);
        return handed;
    }

    /** Completes once every line numbered before this call is settled, or at {@link #close}; never blocks. */
    synchronized CompletableFuture<Void> flush() {
        if (pending.isEmpty() || closed) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        waiters.add(new Waiter(handed, done));
        return done;
    }

    /** These lines are stored (or dropped): completes every flush that waited only for them and older ones. */
    void settled(List<Long> seqs) {
        List<CompletableFuture<Void>> done = new ArrayList<>();
        synchronized (this) {
            pending.removeAll(seqs);
            long oldest = pending.isEmpty() ? Long.MAX_VALUE : pending.first();
            for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
                Waiter w = it.next();
                if (w.upTo() < oldest) {
                    done.add(w.done());
                    it.remove();
                }
            }
        }
        done.forEach(f -> f.complete(null)); // outside the lock: what runs on completion may flush again
    }

    /** Nothing more will be stored: every flush, waiting or to come, completes. */
    void close() {
        List<Waiter> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(waiters);
            waiters.clear();
        }
        all.forEach(w -> w.done().complete(null));
    }
}
