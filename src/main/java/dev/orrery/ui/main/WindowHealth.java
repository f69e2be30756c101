package dev.orrery.ui.main;

import dev.orrery.engine.Engine;
import dev.orrery.health.HealthMonitor;
import dev.orrery.health.HealthTargets;
import dev.orrery.remote.SshConnector;
import javafx.application.Platform;
import dev.orrery.model.Cluster;
import dev.orrery.model.Server;
import dev.orrery.ui.health.HealthNotifier;
import dev.orrery.ui.health.HealthView;
import dev.orrery.ui.health.NodeHealthStyle;
import dev.orrery.ui.health.Sparkline;
import dev.orrery.ui.topology.NodeStatus;
import dev.orrery.ui.topology.TopologyView;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Live health in the window: one {@link HealthMonitor} for the open cluster — replaced when
 * another cluster opens, told of added and removed servers, stopped when the window closes —
 * feeding the Health tab's {@link HealthView}, the topology nodes' colour, word and sparkline
 * (through {@link NodeStatus}) and notifications when a server goes down or comes back.
 * Samples reach the FX thread in batches (the view's bridge); nothing here waits.
 */
public final class WindowHealth {
    static final int SPARK_POINTS = 40;

    private final Engine engine;
    private final ClusterDocument document;
    private final TopologyView topology;
    private final Tab tab;
    private Function<Cluster, HealthMonitor> monitors;
    private Supplier<HealthNotifier> notifiers = HealthNotifier::new;
    private HealthMonitor monitor;
    private HealthView view;
    private java.util.function.Consumer<HealthMonitor> onMonitor = m -> { };

    WindowHealth(Engine engine, ClusterDocument document, TopologyView topology, Tab tab, Supplier<SshConnector> ssh) {
        this.engine = engine;
        this.document = document;
        this.topology = topology;
        this.tab = tab;
        this.monitors = c -> withChosenRoute(HealthTargets.monitor(c, engine.scheduler(), engine.io(), ssh, HealthTargets.Route.AUTO));
        tab.setContent(placeholder());
        topology.setSparklineFactory(status -> {
            Sparkline line = new Sparkline(64, 16);
            status.samples().addListener((ListChangeListener<Double>) ch ->
                    line.update(status.samples().stream().mapToDouble(Double::doubleValue).toArray()));
            return line;
        });
        document.clusterProperty().addListener((o, was, now) -> follow(now));
        // Another file is another cluster: a new monitor (the old one's history is not this cluster's).
        document.fileProperty().addListener((o, was, now) -> {
            stop();
            follow(document.cluster());
        });
    }

    /** Tests: how monitors are made and notices shown; restarts the monitor for the open cluster. */
    public void setSources(Function<Cluster, HealthMonitor> monitors, Supplier<HealthNotifier> notifiers) {
        this.monitors = monitors;
        this.notifiers = notifiers;
        stop();
        follow(document.cluster());
    }

    /** Told the open cluster's monitor when it starts, and null when it stops (the metrics feature records its probes). */
    public void setOnMonitor(java.util.function.Consumer<HealthMonitor> listener) {
        onMonitor = listener != null ? listener : m -> { };
        onMonitor.accept(monitor);
    }

    /** No monitoring at all (screenshots of example clusters must not probe their made-up addresses). */
    public void disable() {
        stop();
        monitors = null;
    }

    public HealthView view() {
        return view;
    }

    public HealthMonitor monitor() {
        return monitor;
    }

    private void follow(Cluster c) {
        if (monitors == null) {
            return;
        }
        if (c == null) {
            stop();
            return;
        }
        if (monitor != null) {
            monitor.setServers(probed(c)); // the same cluster, edited: added servers start, removed ones stop
            view.refreshServers();
            return;
        }
        stop();
        monitor = monitors.apply(c);
        monitor.setServers(probed(c));
        HealthNotifier notifier = notifiers.get();
        view = new HealthView(monitor, notifier);
        view.setId("health-view");
        view.model().onServerUpdate(SPARK_POINTS, u -> {
            NodeStatus s = topology.status(u.server());
            s.set(NodeHealthStyle.word(u.state()), NodeHealthStyle.styleClass(u.state()));
            s.setDetail(u.detail());
            s.samples().setAll(Arrays.stream(u.latencies()).filter(d -> !Double.isNaN(d)).boxed().toList());
        });
        tab.setContent(view);
        onMonitor.accept(monitor);
        monitor.start();
    }

    /** Stops probing (window closing, or another cluster opening); closing runs on the io pool. */
    public void stop() {
        if (view != null) {
            view.dispose();
            view = null;
        }
        if (monitor != null) {
            HealthMonitor old = monitor;
            monitor = null;
            onMonitor.accept(null);
            engine.io().execute(old::close);
            for (String name : old.serverNames()) {
                topology.status(name).set("not monitored", NodeStatus.UNKNOWN);
                topology.status(name).samples().clear();
            }
        }
        tab.setContent(placeholder());
    }

    /** Redraws the health view's header once the route is chosen (the choice probes, on the io pool). */
    private HealthMonitor withChosenRoute(HealthTargets.Monitored monitored) {
        HealthMonitor m = monitored.monitor();
        monitored.route().thenAccept(reason -> Platform.runLater(() -> {
            if (view != null && monitor == m) {
                view.refreshHeader();
            }
        }));
        return m;
    }

    /** App servers that can be probed (see {@link HealthTargets#probed}). */
    static List<Server> probed(Cluster c) {
        return HealthTargets.probed(c);
    }

    private static Label placeholder() {
        Label l = new Label("Open a cluster to see its servers' health.");
        l.getStyleClass().add("panel-hint");
        return l;
    }
}
