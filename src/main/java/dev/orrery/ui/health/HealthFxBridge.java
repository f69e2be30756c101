package dev.orrery.ui.health;

import dev.orrery.health.HealthEvent;
import dev.orrery.health.HealthListener;
import dev.orrery.health.HealthSample;
import javafx.animation.AnimationTimer;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Carries health events from the engine's threads to the FX thread in batches. Listeners on
 * engine threads only enqueue (lock-free, never waiting); ONE {@link AnimationTimer} drains at
 * most {@code maxPerPulse} samples per pulse and hands them to the sink as one list. Samples
 * beyond {@code capacity} waiting are dropped and counted (the charts can refill from the
 * engine's history); state changes and balancer views are never dropped — they are rare and
 * they are what the user must not miss.
 *
 * <p>With 200 servers at 750 ms that is ~270 samples a second, four or five a pulse.
 */
public final class HealthFxBridge implements HealthListener {
    private final Queue<HealthSample> samples = new ConcurrentLinkedQueue<>();
    private final Queue<HealthEvent> important = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final int capacity;
    private final int maxPerPulse;
    private final Consumer<Batch> sink;
    private volatile LongConsumer pulseObserver = n -> { };
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            pulse();
        }
    };

    /** What one pulse delivers: samples oldest first, then the state changes and views. */
    public record Batch(List<HealthSample> samples, List<HealthEvent> events) {
    }

    public HealthFxBridge(int capacity, int maxPerPulse, Consumer<Batch> sink) {
        this.capacity = capacity;
        this.maxPerPulse = maxPerPulse;
        this.sink = sink;
    }

    /** On engine threads: enqueue and return. */
    @Override
    public void onEvent(HealthEvent event) {
        if (event instanceof HealthSample s) {
            if (queued.incrementAndGet() > capacity) {
                queued.decrementAndGet();
                dropped.incrementAndGet();
                return;
            }
            samples.add(s);
        } else {
            important.add(event);
        }
    }

    /** FX thread. */
    public void start() {
        timer.start();
    }

    /** FX thread. */
    public void stop() {
        timer.stop();
    }

    private volatile Runnable idle = () -> { };

    /** Runs on each pulse that brought nothing (FX thread): the sink's chance to draw what it held back. */
    public void onIdle(Runnable r) {
        this.idle = r != null ? r : () -> { };
    }

    /** Receives each pulse's duration in nanoseconds (for the FX benchmark). */
    public void setPulseObserver(LongConsumer observer) {
        this.pulseObserver = observer != null ? observer : n -> { };
    }

    public long dropped() {
        return dropped.get();
    }

    public int waiting() {
        return queued.get() + important.size();
    }

    /** One pulse's work; public so a test can drive it without waiting for the timer. FX thread. */
    public void pulse() {
        long t0 = System.nanoTime();
        List<HealthSample> batch = new ArrayList<>(Math.min(maxPerPulse, Math.max(0, queued.get())));
        HealthSample s;
        while (batch.size() < maxPerPulse && (s = samples.poll()) != null) {
            queued.decrementAndGet();
            batch.add(s);
        }
        List<HealthEvent> events = new ArrayList<>();
        HealthEvent e;
        while ((e = important.poll()) != null) {
            events.add(e);
        }
        if (!batch.isEmpty() || !events.isEmpty()) {
            sink.accept(new Batch(batch, events));
        } else {
            idle.run();
        }
        pulseObserver.accept(System.nanoTime() - t0);
    }
}
