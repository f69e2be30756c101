package dev.orrery.health;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** Records state changes with the moment they arrived, and waits (polling, bounded) for one. */
final class ChangeLog implements HealthListener {
    private record Seen(StateChange change, long nanos) { }

    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(HealthEvent event) {
        if (event instanceof StateChange c) {
            seen.add(new Seen(c, System.nanoTime()));
        }
    }

    /** ms from {@code sinceNanos} to the first change of {@code server} to {@code to} at or after it. */
    long await(String server, HealthState to, long sinceNanos, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (System.nanoTime() < deadline) {
            for (Seen s : seen) {
                if (s.change().server().equals(server) && s.change().to() == to && s.nanos() >= sinceNanos) {
                    return TimeUnit.NANOSECONDS.toMillis(s.nanos() - sinceNanos);
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("timed out after " + timeoutMs + " ms waiting for " + server + " to be " + to.word()
                + "; changes seen: " + seen.stream().map(s -> s.change().server() + "→" + s.change().to().word()).toList());
    }
}
