package dev.orrery.ui.live;

import dev.orrery.engine.state.JobInfo;
import dev.orrery.engine.state.LiveEvent;
import dev.orrery.engine.state.LiveSnapshot;
import dev.orrery.engine.state.LockInfo;
import javafx.animation.AnimationTimer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Carries a {@link dev.orrery.engine.state.LiveClusterState}'s events from the engine's threads
 * to the FX thread, as {@link dev.orrery.ui.health.HealthFxBridge} does for probes: listeners
 * only enqueue; ONE {@link AnimationTimer} drains the queue once per pulse and hands the sink one
 * {@link Batch} in which a server's changes are folded into its latest, so the FX thread's work
 * per pulse is bounded by the number of servers, not by how often they changed. Alarms and job
 * changes are kept in order and never dropped.
 */
public final class LiveFxBridge implements Consumer<LiveEvent> {
    private final Queue<LiveEvent> queue = new ConcurrentLinkedQueue<>();
    private final Consumer<Batch> sink;
    private volatile LongConsumer pulseObserver = n -> { };
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            pulse();
        }
    };

    /**
     * One pulse's news. {@code reset} (or null) comes first: the whole picture replaced; then each
     * changed server's latest, the servers removed, job changes, lock changes and alarms in order.
     */
    public record Batch(LiveSnapshot reset, Map<String, LiveEvent.ServerChanged> changed, Set<String> removed,
                        List<JobInfo> jobs, boolean lockChanged, LockInfo lock, List<LiveEvent.Alarm> alarms) {
        public boolean isEmpty() {
            return reset == null && changed.isEmpty() && removed.isEmpty() && jobs.isEmpty() && !lockChanged && alarms.isEmpty();
        }
    }

    public LiveFxBridge(Consumer<Batch> sink) {
        this.sink = sink;
    }

    /** Any thread: enqueue and return. */
    @Override
    public void accept(LiveEvent event) {
        queue.add(event);
    }

    /** FX thread. */
    public void start() {
        timer.start();
    }

    /** FX thread. */
    public void stop() {
        timer.stop();
        queue.clear();
    }

    /** Drops what waits: it belongs to a cluster no longer shown. */
    public void drop() {
        queue.clear();
    }

    /** Receives each pulse's duration in nanoseconds (for the FX benchmark). */
    public void setPulseObserver(LongConsumer observer) {
        this.pulseObserver = observer != null ? observer : n -> { };
    }

    public int waiting() {
        return queue.size();
    }

    /** One pulse's work; public so the window can apply what its own call just caused, and tests can drive it. FX thread. */
    public void pulse() {
        long t0 = System.nanoTime();
        LiveSnapshot reset = null;
        Map<String, LiveEvent.ServerChanged> changed = new LinkedHashMap<>();
        Set<String> removed = new LinkedHashSet<>();
        List<JobInfo> jobs = new ArrayList<>();
        LockInfo lock = null;
        boolean lockChanged = false;
        List<LiveEvent.Alarm> alarms = new ArrayList<>();
        LiveEvent e;
        while ((e = queue.poll()) != null) {
            if (e instanceof LiveEvent.Reset r) {
                reset = r.snapshot();
                changed.clear();
                removed.clear();
            } else if (e instanceof LiveEvent.ServerChanged c) {
                removed.remove(c.server().name());
                LiveEvent.ServerChanged first = changed.remove(c.server().name());
                // Keep the look the server had before this pulse: "was" says what the user saw.
                changed.put(c.server().name(), first == null ? c : new LiveEvent.ServerChanged(c.server(), first.was(), c.look()));
            } else if (e instanceof LiveEvent.ServerRemoved r) {
                changed.remove(r.server());
                removed.add(r.server());
            } else if (e instanceof LiveEvent.JobChanged j) {
                jobs.add(j.job());
            } else if (e instanceof LiveEvent.LockChanged l) {
                lock = l.lock();
                lockChanged = true;
            } else if (e instanceof LiveEvent.Alarm a) {
                alarms.add(a);
            }
        }
        Batch b = new Batch(reset, changed, removed, jobs, lockChanged, lock, alarms);
        if (!b.isEmpty()) {
            sink.accept(b);
        }
        pulseObserver.accept(System.nanoTime() - t0);
    }
}
