package dev.orrery.ui.health;

import dev.orrery.engine.state.Look;
import dev.orrery.health.BalancerView;
import dev.orrery.health.BalancerViewUpdate;
import dev.orrery.health.HealthEvent;
import dev.orrery.health.HealthSample;
import dev.orrery.health.HealthState;
import dev.orrery.health.ServerHealth;
import dev.orrery.health.StateChange;
import dev.orrery.model.Cluster;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The health state as the window sees it, fed one batch per pulse by {@link HealthFxBridge}:
 * table rows, each server's recent latencies and its up/down transitions — all bounded.
 * FX thread only; views register to redraw after each batch.
 */
public final class HealthFxModel {
    /** Points kept per server on the FX side: ten minutes at 750 ms. */
    static final int SERIES_POINTS = 800;
    /** Up/down transitions kept per server for the timeline. */
    static final int MAX_TRANSITIONS = 512;

    /**
     * One server's news for a topology node: its state, a line for the tooltip, and its recent
     * latencies (NaN = failed probe), oldest first.
     */
    public record ServerUpdate(String server, HealthState state, String detail, double[] latencies) {
    }

    /** A state the timeline draws from {@code timeMs} on. */
    public record Transition(long timeMs, HealthState state) {
    }

    private final ObservableList<HealthRow> rows = FXCollections.observableArrayList();
    private final Map<String, HealthRow> byName = new HashMap<>();
    private final Map<String, FxSeries> series = new HashMap<>();
    private final Map<String, Deque<Transition>> transitions = new HashMap<>();
    private final List<Runnable> changed = new CopyOnWriteArrayList<>();
    private final List<Consumer<StateChange>> stateListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<ServerUpdate>> updateListeners = new CopyOnWriteArrayList<>();
    private final java.util.Set<String> touched = new java.util.LinkedHashSet<>();
    private int updatePoints = 40;
    private final long startMs;
    private BalancerView view;
    /** The balancer columns and each row's look. */
    private final RowStatus status = new RowStatus();

    public HealthFxModel(long startMs) {
        this.startMs = startMs;
    }

    public ObservableList<HealthRow> rows() {
        return rows;
    }

    /**
     * Charts redraw at most this often while only latencies move (every pulse would mean
     * re-rendering big canvases 60 times a second for data that changes every 750 ms);
     * a state change redraws at once.
     */
    static final long REDRAW_EVERY_NANOS = 250_000_000L;
    private long lastFireNanos;
    private boolean dirty;

    /** Called after a batch changed something: at once on state changes, else at most every 250 ms. */
    public void onChanged(Runnable r) {
        changed.add(r);
    }

    /**
     * Keeps a topology node's sparkline and health style in step with a server: its last
     * {@code points} latencies after each (throttled) redraw, its colour at once on a state change.
     * Returns what to run to stop.
     */
    public Runnable bindSparkline(String server, Sparkline sparkline, int points) {
        Runnable refresh = () -> {
            sparkline.update(recentLatencies(server, points));
            if (sparkline.getStyleClass().stream().noneMatch(c -> c.equals(NodeHealthStyle.styleClass(state(server))))) {
                sparkline.setState(state(server));
            }
        };
        changed.add(refresh);
        refresh.run();
        return () -> changed.remove(refresh);
    }

    /**
     * Called with each server that has news, at the same throttled pace as the charts (a state
     * change at once): what the topology's nodes need. For example, with the topology's
     * {@code NodeStatus}:
     * <pre>{@code
     * model.onServerUpdate(40, u -> {
     *     NodeStatus s = topology.status(u.server());
     *     s.set(NodeHealthStyle.word(u.state()), NodeHealthStyle.styleClass(u.state()));
     *     s.setDetail(u.detail());
     *     s.samples().setAll(Arrays.stream(u.latencies()).boxed().toList());
     * });
     * }</pre>
     */
    public void onServerUpdate(int points, Consumer<ServerUpdate> l) {
        updatePoints = Math.max(2, points);
        updateListeners.add(l);
        touched.addAll(byName.keySet());
        fire();
    }

    /** Called for each state change, after the row is updated (notifications, topology). */
    public void onStateChange(Consumer<StateChange> l) {
        stateListeners.add(l);
    }

    public BalancerView balancerView() {
        return view;
    }

    /**
     * The cluster's configuration: which servers are drained and how the balancer's upstream is
     * rendered, shown in the balancer columns while its own view cannot be read.
     */
    public void setConfigured(Cluster c) {
        status.setConfigured(c);
        applyView();
        fire();
    }

    /** Why the balancer's own view is not shown, and what is shown instead; null when it is shown. */
    public String configuredReason() {
        return status.configuredReason(view);
    }

    /**
     * The live state's look for a server's status column (kept for a row made later): what the
     * window's {@code LiveClusterState} says, which also knows a running job's step. Until it
     * says (and in a view used on its own) the look is derived here from the probes, the
     * balancer and the configuration, with the same {@code ServerLook.of}. Null forgets it.
     */
    public void setLook(String server, Look look) {
        status.setLook(server, look);
        HealthRow r = byName.get(server);
        if (r != null) {
            status.apply(r, view, this::entryByAddress);
        }
    }


    /** Rows in the monitor's order; servers no longer there are dropped with their data. */
    public void resync(List<ServerHealth> servers) {
        List<HealthRow> next = new ArrayList<>();
        for (ServerHealth h : servers) {
            HealthRow r = row(h.name());
            r.index.set(h.index());
            r.state.set(h.state());
            r.rise.set(h.riseCount());
            r.fall.set(h.fallCount());
            r.type.set(h.type());
            addressOf.put(h.name(), h.address());
            next.add(r);
        }
        byName.keySet().retainAll(servers.stream().map(ServerHealth::name).toList());
        status.retain(byName.keySet());
        series.keySet().retainAll(byName.keySet());
        transitions.keySet().retainAll(byName.keySet());
        rows.setAll(next);
        applyView();
        fire();
    }

    private HealthRow row(String name) {
        HealthRow r = byName.get(name);
        if (r == null) {
            r = new HealthRow(byName.size(), name);
            byName.put(name, r);
            rows.add(r);
            series.put(name, new FxSeries(SERIES_POINTS));
            Deque<Transition> d = new ArrayDeque<>();
            d.add(new Transition(startMs, HealthState.CHECKING));
            transitions.put(name, d);
        }
        return r;
    }

    /** Applies one pulse's batch. */
    public void accept(HealthFxBridge.Batch batch) {
        int rowsBefore = rows.size();
        boolean viewChanged = false;
        Map<String, HealthSample> latest = new HashMap<>();
        for (HealthSample s : batch.samples()) {
            row(s.server());
            touched.add(s.server());
            series.get(s.server()).add(s.timeMs(), s.result().success() ? s.result().latencyMs() : Double.NaN);
            latest.put(s.server(), s);
        }
        for (HealthSample s : latest.values()) {
            HealthRow r = byName.get(s.server());
            r.rise.set(s.riseCount());
            r.fall.set(s.fallCount());
            r.lastLatency.set(String.format(Locale.ROOT, "%.1f ms", s.result().latencyMs()));
            r.lastResult.set(s.result().success() ? "HTTP " + s.result().status()
                    : s.result().outcome().word() + (s.result().status() > 0 ? " " + s.result().status() : ""));
        }
        List<StateChange> changes = new ArrayList<>();
        for (HealthEvent e : batch.events()) {
            if (e instanceof StateChange c) {
                HealthRow r = row(c.server());
                r.state.set(c.to());
                touched.add(c.server());
                Deque<Transition> d = transitions.get(c.server());
                d.add(new Transition(c.timeMs(), c.to()));
                while (d.size() > MAX_TRANSITIONS) {
                    d.removeFirst();
                }
                changes.add(c);
            } else if (e instanceof BalancerViewUpdate u) {
                view = u.view();
                viewChanged = true;
            }
        }
        // Samples alone change neither the balancer columns nor a look: most pulses touch no row here.
        if (viewChanged || rows.size() != rowsBefore) {
            applyView();
        } else {
            for (StateChange c : changes) {
                status.apply(byName.get(c.server()), view, this::entryByAddress);
            }
        }
        dirty = true;
        long now = System.nanoTime();
        if (!changes.isEmpty() || now - lastFireNanos >= REDRAW_EVERY_NANOS) {
            lastFireNanos = now;
            fire();
        }
        for (StateChange c : changes) {
            stateListeners.forEach(l -> l.accept(c));
        }
    }

    /**
     * A pulse with no news: draws what an earlier batch left undrawn once its 250 ms are up.
     * Without it the last samples before a quiet spell (probes paused, a manual clock, a burst
     * that ended inside the 250 ms) would stay off the charts until the next batch came.
     */
    public void drawIfDue() {
        long now = System.nanoTime();
        if (dirty && now - lastFireNanos >= REDRAW_EVERY_NANOS) {
            lastFireNanos = now;
            fire();
        }
    }

    private void applyView() {
        status.apply(rows, view, this::entryByAddress);
    }

    /** Addresses for the check-status page's {@code address:port} names, filled by the view. */
    private final Map<String, String> addressOf = new HashMap<>();

    void setAddress(String server, String addressPort) {
        addressOf.put(server, addressPort);
    }

    private BalancerView.Entry entryByAddress(String server) {
        String a = addressOf.get(server);
        return a == null ? null : view.entries().stream().filter(x -> x.name().equals(a)).findFirst().orElse(null);
    }

    private void fire() {
        dirty = false;
        changed.forEach(Runnable::run);
        if (!updateListeners.isEmpty()) {
            for (String server : touched) {
                HealthRow r = byName.get(server);
                if (r == null) {
                    continue;
                }
                ServerUpdate u = new ServerUpdate(server, r.state(),
                        NodeHealthStyle.word(r.state()) + " — " + r.lastResult.get() + " in " + r.lastLatency.get(),
                        recentLatencies(server, updatePoints));
                updateListeners.forEach(l -> l.accept(u));
            }
        }
        touched.clear();
    }

    /** True while a batch arrived that the views have not drawn yet (it will be, with the next one). */
    public boolean dirty() {
        return dirty;
    }

    FxSeries series(String server) {
        return series.get(server);
    }

    /** The server's recent latencies (NaN = failed probe), newest last, for a {@link Sparkline}. */
    public double[] recentLatencies(String server, int n) {
        FxSeries s = series.get(server);
        return s != null ? s.last(n) : new double[0];
    }

    public int pointCount(String server) {
        FxSeries s = series.get(server);
        return s != null ? s.size() : 0;
    }

    java.util.Collection<Transition> transitions(String server) {
        Deque<Transition> d = transitions.get(server);
        return d != null ? java.util.Collections.unmodifiableCollection(d) : List.of();
    }

    public HealthState state(String server) {
        HealthRow r = byName.get(server);
        return r != null ? r.state() : HealthState.CHECKING;
    }
}
