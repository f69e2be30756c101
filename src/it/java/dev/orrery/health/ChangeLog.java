package dev.orrery.health;

import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Records state changes with the moment they arrived, and waits for one. The figure returned is
 * measured from the arrival time, not from when the poll noticed it; the wait's limit is a safety net.
 */
final class ChangeLog implements HealthListener {
    private record Seen(StateChange change, long nanos) { }

    private record Probe(String server, long nanos) { }

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final List<Probe> probes = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(HealthEvent event) {
        if (event instanceof StateChange c) {
            seen.add(new Seen(c, System.nanoTime()));
        } else if (event instanceof HealthSample s) {
            probes.add(new Probe(s.server(), System.nanoTime()));
        }
    }

    /**
     * How many probes of {@code server} finished after {@code sinceNanos} up to and including the one
     * that changed it to {@code to}: the health engine's promise counted in probes, which a slow
     * machine delays but does not change.
     */
    long probesUntil(String server, HealthState to, long sinceNanos) {
        long changed = first(server, to, sinceNanos).orElseThrow().nanos();
        return probes.stream().filter(p -> p.server().equals(server) && p.nanos() >= sinceNanos && p.nanos() <= changed).count();
    }

    /** ms from {@code sinceNanos} to the first change of {@code server} to {@code to} at or after it. */
    long await(String server, HealthState to, long sinceNanos) {
        AtomicReference<Seen> found = new AtomicReference<>();
        Awaitility.await(server + " to be " + to.word()).atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(10))
                .untilAsserted(() -> found.set(first(server, to, sinceNanos).orElseThrow(() -> new AssertionError(
                        "waiting for " + server + " to be " + to.word() + "; changes seen: "
                                + seen.stream().map(s -> s.change().server() + "→" + s.change().to().word()).toList()))));
        return TimeUnit.NANOSECONDS.toMillis(found.get().nanos() - sinceNanos);
    }

    private Optional<Seen> first(String server, HealthState to, long sinceNanos) {
        return seen.stream().filter(s -> s.change().server().equals(server) && s.change().to() == to && s.nanos() >= sinceNanos)
                .findFirst();
    }
}
