package dev.orrery.cli;

import dev.orrery.logs.LogLine;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Holds followed lines briefly and lets them out in time order: lines from several servers
 * arrive a little apart, so each waits {@code holdMs} after it arrived before it is printed.
 */
final class ReorderBuffer {
    private record Held(LogLine line, long arrived, long seq) {
    }

    private final long holdMs;
    private final PriorityQueue<Held> queue = new PriorityQueue<>((a, b) -> a.line().time() != b.line().time()
            ? Long.compare(a.line().time(), b.line().time()) : Long.compare(a.seq(), b.seq()));
    private long seq;

    ReorderBuffer(long holdMs) {
        this.holdMs = holdMs;
    }

    synchronized void add(LogLine line) {
        queue.add(new Held(line, System.currentTimeMillis(), seq++));
    }

    /** The lines that arrived before {@code arrivedBefore + holdMs}… in time order: every held line whose wait is over. */
    synchronized List<LogLine> drain(long arrivedBefore) {
        List<LogLine> out = new ArrayList<>();
        // A line may go once nothing that arrived within the hold could still sort before it:
        // take from the head while the head has waited long enough.
        while (!queue.isEmpty() && (arrivedBefore == Long.MAX_VALUE || queue.peek().arrived() <= arrivedBefore)) {
            out.add(queue.poll().line());
        }
        return out;
    }
}
