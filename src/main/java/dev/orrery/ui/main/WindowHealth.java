package dev.orrery.ui.main;

import dev.orrery.engine.Engine;
import dev.orrery.health.HealthMonitor;
import dev.orrery.health.HealthTargets;
import javafx.application.Platform;
import dev.orrery.model.Cluster;
import dev.orrery.model.Server;
import dev.orrery.ui.health.HealthView;
import dev.orrery.ui.health.Sparkline;
import dev.orrery.ui.topology.TopologyView;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Live health in the window: one {@link HealthMonitor} for the open cluster — replaced when
 * another cluster opens, told of added and removed servers, stopped when the window closes —
 * feeding the Health tab's {@link HealthView} and the nodes' latency sparklines. What a server's
 * state IS (word, colour, alarms) is not decided here: the monitor also feeds the window's live
 * state ({@code onMonitor}), and every view shows that. Samples reach the FX thread in batches
 * (the view's bridge); nothing here waits.
 */
public final class WindowHealth {
    static final int SPARK_POINTS = 40;

    private final Engine engine;
    private final ClusterDocument document;
    private final TopologyView topology;
    private final Tab tab;
    private Function<Cluster, HealthMonitor> monitors;
    private java.util.function.BiConsumer<HealthMonitor, HealthView> onMonitor = (m, v) -> { };
    private HealthMonitor monitor;
    private HealthView view;
    private Function<String, javafx.scene.control.ContextMenu> rowMenu = name -> null;

    WindowHealth(Engine engine, ClusterDocument document, TopologyView topology, Tab tab,
                 Function<Cluster, HealthTargets.Monitored> monitored) {
        this.engine = engine;
        this.document = document;
        this.topology = topology;
        this.tab = tab;
        this.monitors = c -> withChosenRoute(monitored.apply(c));
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

    /** Tests: how monitors are made; restarts the monitor for the open cluster. */
    public void setSources(Function<Cluster, HealthMonitor> monitors) {
        this.monitors = monitors;
        stop();
        follow(document.cluster());
    }

    /** The menu a Health row shows when right-clicked: the window's shared server menu. */
    void setRowMenu(Function<String, javafx.scene.control.ContextMenu> menu) {
        rowMenu = menu;
        if (view != null) {
            view.setRowMenu(menu);
        }
    }

    /** Told each new monitor with its view, and (null, null) when probing stops: the live state follows it. */
    void setOnMonitor(java.util.function.BiConsumer<HealthMonitor, HealthView> handler) {
        onMonitor = handler;
        if (monitor != null) {
            handler.accept(monitor, view);
        }
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
            view.showConfigured(c);
            view.refreshServers();
            return;
        }
        stop();
        monitor = monitors.apply(c);
        monitor.setServers(probed(c));
        view = new HealthView(monitor);
        view.setId("health-view");
        view.setRowMenu(rowMenu);
        view.showConfigured(c);
        view.model().onServerUpdate(SPARK_POINTS, u -> topology.status(u.server()).samples()
                .setAll(Arrays.stream(u.latencies()).filter(d -> !Double.isNaN(d)).boxed().toList()));
        tab.setContent(view);
        onMonitor.accept(monitor, view);
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
            onMonitor.accept(null, null);
            engine.io().execute(old::close);
            for (String name : old.serverNames()) {
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
