package dev.orrery.health;

import java.util.PriorityQueue;

/** A clock that moves only when a test says so; due tasks run on the test's thread. */
public final class ManualProbeClock implements ProbeClock {
    private record Task(long due, long seq, Runnable run, boolean[] cancelled) { }

    private final PriorityQueue<Task> queue = new PriorityQueue<>((a, b) ->
            a.due != b.due ? Long.compare(a.due, b.due) : Long.compare(a.seq, b.seq));
    private long now;
    private long seq;

    public ManualProbeClock(long startMs) {
        this.now = startMs;
    }

    @Override
    public synchronized long nowMillis() {
        return now;
    }

    @Override
    public synchronized Scheduled schedule(Runnable task, long delayMs) {
        boolean[] cancelled = {false};
        queue.add(new Task(now + Math.max(0, delayMs), seq++, task, cancelled));
        return () -> cancelled[0] = true;
    }

    /** Moves time forward, running every task that falls due, in order, at its own time. */
    public void advance(long ms) {
        long end;
        synchronized (this) {
            end = now + ms;
        }
        while (true) {
            Task t;
            synchronized (this) {
                t = queue.peek();
                if (t == null || t.due > end) {
                    now = end;
                    return;
                }
                queue.poll();
                now = Math.max(now, t.due);
            }
            if (!t.cancelled[0]) {
                t.run.run();
            }
        }
    }

    public synchronized int pending() {
        return (int) queue.stream().filter(t -> !t.cancelled[0]).count();
    }
}
