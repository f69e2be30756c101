package dev.orrery.health;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/** Polls a {@link BalancerViewSource} on the io pool every few seconds, one fetch at a time. */
final class BalancerViewPoller {
    private final ProbeClock clock;
    private final Executor io;
    private final Consumer<HealthEvent> publish;
    private final AtomicBoolean inFlight = new AtomicBoolean();
    private BalancerViewSource source;
    private long pollMs;
    private boolean running;
    private int generation;
    private ProbeClock.Scheduled handle;
    private volatile BalancerView latest;

    BalancerViewPoller(ProbeClock clock, Executor io, Consumer<HealthEvent> publish) {
        this.clock = clock;
        this.io = io;
        this.publish = publish;
    }

    synchronized void setSource(BalancerViewSource s, long everyMs) {
        this.source = s;
        this.pollMs = Math.max(250, everyMs);
        this.latest = null;
        if (running) {
            stop();
            start();
        }
    }

    BalancerView latest() {
        return latest;
    }

    synchronized void start() {
        running = true;
        if (source != null) {
            int gen = ++generation;
            handle = clock.schedule(() -> tick(gen), 0);
        }
    }

    synchronized void stop() {
        running = false;
        generation++;
        if (handle != null) {
            handle.cancel();
            handle = null;
        }
    }

    private void tick(int gen) {
        BalancerViewSource s;
        synchronized (this) {
            if (gen != generation || source == null) {
                return;
            }
            s = source;
            handle = clock.schedule(() -> tick(gen), pollMs);
        }
        if (inFlight.compareAndSet(false, true)) {
            try {
                io.execute(() -> fetch(s));
            } catch (RuntimeException e) {
                inFlight.set(false);
            }
        }
    }

    private void fetch(BalancerViewSource s) {
        BalancerView v;
        try {
            v = s.fetch();
        } catch (Exception e) {
            v = BalancerView.failed(s.describe(), clock.nowMillis(), e.getMessage() != null ? e.getMessage() : e.toString());
        } finally {
            inFlight.set(false);
        }
        latest = v;
        publish.accept(new BalancerViewUpdate(v));
    }
}
