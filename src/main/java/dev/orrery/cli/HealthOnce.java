package dev.orrery.cli;

import dev.orrery.health.HealthListener;
import dev.orrery.health.HealthMonitor;
import dev.orrery.health.HealthState;
import dev.orrery.health.HealthTargets;
import dev.orrery.health.ServerHealth;
import dev.orrery.model.Cluster;
import dev.orrery.model.HealthCheck;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Probes a cluster's app servers until every state is decided, or until a deadline: the shorter
 * of {@code --timeout} and the worst case the check settings allow (rise + fall probes). Shared by
 * {@code health --once} and {@code status}.
 */
final class HealthOnce {
    /**
     * @param rows        each probed server's health when the wait ended
     * @param route       how the probes reached the servers, in words
     * @param timedOut    {@code --timeout} ended the wait with servers still undecided
     */
    record Result(List<ServerHealth> rows, String route, long nowMs, boolean timedOut, Duration waited) {
        List<String> undecided() {
            return rows.stream().filter(h -> h.state() == HealthState.CHECKING).map(ServerHealth::name).toList();
        }

        long up() {
            return rows.stream().filter(h -> h.state() == HealthState.UP).count();
        }
    }

    private HealthOnce() {
    }

    /** Worst case for every state to be decided: rise + fall probes, each at most one period apart. */
    static long decidedWithinMs(HealthCheck hc) {
        long period = (long) hc.intervalMs() * Math.max(1, (hc.timeoutMs() + hc.intervalMs() - 1) / hc.intervalMs());
        return (hc.rise() + hc.fall() + 1L) * period + hc.timeoutMs() + 2000;
    }

    /**
     * @param also  gets every probe event as it happens (the live state, for {@code status}); may be null
     * @param started called once the route is chosen, before the wait (the header line)
     */
    static Result run(CliContext ctx, Cluster cluster, HealthTargets.Route route, Duration timeout, HealthListener also,
                      java.util.function.BiConsumer<HealthMonitor, String> started) throws InterruptedException {
        HealthCheck hc = cluster.balancer().healthCheck();
        long t0 = System.nanoTime();
        long byTimeout = t0 + timeout.toNanos();
        long deadline = Math.min(byTimeout, t0 + TimeUnit.MILLISECONDS.toNanos(decidedWithinMs(hc)));
        HealthTargets.Monitored monitored = ctx.orrery().monitor(cluster, route);
        try (HealthMonitor monitor = monitored.monitor()) {
            if (also != null) {
                monitor.addListener(also);
            }
            // Listeners hear each event in the order they were added: once this one has heard a
            // server decided, so has the live state above (the monitor's own table may know a moment
            // earlier, before its events are out).
            Decisions decided = new Decisions(monitor.serverNames());
            monitor.addListener(decided);
            String how;
            try {
                how = monitored.route().get(Math.max(1, byTimeout - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return new Result(monitor.snapshot(), "not chosen", monitor.nowMillis(), true, Duration.ofNanos(System.nanoTime() - t0));
            } catch (ExecutionException e) {
                how = "direct (" + e.getCause().getMessage() + ")";
            }
            started.accept(monitor, how);
            monitor.start();
            decided.await(deadline);
            List<ServerHealth> snap = monitor.snapshot();
            boolean timedOut = System.nanoTime() >= byTimeout && !decided.all();
            return new Result(snap, how, monitor.nowMillis(), timedOut, Duration.ofNanos(System.nanoTime() - t0));
        }
    }

    /** Which servers' states are decided, as their events arrive; {@link #await} wakes when all are. */
    private static final class Decisions implements HealthListener {
        private final java.util.Set<String> open;

        Decisions(List<String> servers) {
            this.open = new java.util.HashSet<>(servers);
        }

        @Override
        public synchronized void onEvent(dev.orrery.health.HealthEvent event) {
            if (event instanceof dev.orrery.health.HealthSample h && h.state() != HealthState.CHECKING && open.remove(h.server()) && open.isEmpty()) {
                notifyAll();
            }
        }

        synchronized boolean all() {
            return open.isEmpty();
        }

        synchronized void await(long deadlineNanos) throws InterruptedException {
            while (!open.isEmpty()) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
    }

    /** The line that says the wait was cut short, or null when it was not. */
    static String timeoutMessage(Result r, Duration timeout) {
        if (!r.timedOut()) {
            return null;
        }
        List<String> open = r.undecided();
        return "gave up after " + DurationConverter.words(timeout) + " (--timeout) with "
                + (open.isEmpty() ? "the probe route still being chosen" : String.join(", ", open) + " still undecided")
                + "; pass a longer --timeout to wait for a verdict";
    }
}
