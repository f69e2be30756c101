package dev.orrery.ui.live;

import dev.orrery.engine.Orrery;
import dev.orrery.engine.state.LiveClusterState;
import dev.orrery.engine.state.Look;
import dev.orrery.engine.state.ServerLive;
import dev.orrery.health.HealthMonitor;
import dev.orrery.model.Cluster;
import dev.orrery.ui.health.HealthView;
import dev.orrery.ui.inspector.InspectorView;
import dev.orrery.ui.topology.TopologyView;

import dev.orrery.engine.state.Tone;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.layout.StackPane;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The window's one live truth: the shown cluster's {@link LiveClusterState} (from
 * {@code orrery.live(name)}, fed by the engine's jobs), fed also by the window's health monitor
 * and — for the sandbox — by local facts, carried to the FX thread in batches
 * ({@link LiveFxBridge}) into a {@link LiveFxModel} that every view renders through
 * {@link dev.orrery.engine.state.ServerLook}'s looks: topology nodes, the inspector, the health
 * table's status, the status bar, the deploy panel and the notifications.
 *
 * <p>Another cluster (another file) resets all of it: the old state is forgotten, its monitor
 * detached, its notifications and selection cleared; nothing of it carries over. The
 * placeholder shown while the sandbox starts continues into the sandbox once its file opens.
 */
public final class WindowLive {
    /** How often the sandbox's local facts (pid, listen address, log) are read. */
    static final long FACTS_EVERY_MS = 2000;

    private final Orrery orrery;
    private final ObservableValue<Path> shownFile;
    private final ObservableValue<Cluster> shownCluster;
    private final TopologyView topology;
    private final InspectorView inspector;
    private final NoticeArea notices = new NoticeArea();
    private final DeployPanel deployPanel = new DeployPanel();
    private final LiveFxModel model = new LiveFxModel();
    private final LiveFxBridge bridge = new LiveFxBridge(model::accept);
    private LiveClusterState live;
    private Path file;
    private String name;
    private HealthMonitor monitor;
    private HealthView healthView;
    private AutoCloseable facts = () -> { };

    /**
     * @param file    the open cluster's file (null while the placeholder shows)
     * @param cluster the cluster the window shows (the open one, or the placeholder)
     */
    public WindowLive(Orrery orrery, ObservableValue<Path> file, ObservableValue<Cluster> cluster,
                      TopologyView topology, InspectorView inspector, Consumer<String> status) {
        this.orrery = orrery;
        this.shownFile = file;
        this.shownCluster = cluster;
        this.topology = topology;
        this.inspector = inspector;
        model.addListener(new LiveFxModel.Listener() {
            @Override
            public void reset(LiveFxModel m) {
                m.servers().forEach(s -> show(s, m.look(s.name())));
            }

            @Override
            public void server(ServerLive s, Look was, Look look) {
                show(s, look);
            }
        });
        model.addListener(new LiveNotifier(notices));
        deployPanel.bind(model);
        // How a rollout (or the sandbox's start and stop) ended: a notification and the status bar.
        deployPanel.setOnFinished((job, text) -> {
            String heading = JobSummary.heading(job);
            notices.show("job", heading, text, job.outcome().equals("succeeded") ? Tone.GOOD : Tone.BAD);
            status.accept(heading + ": " + text);
        });
        topology.selectedProperty().addListener((o, was, now) -> showSelected());
        file.addListener((o, was, now) -> sync());
        cluster.addListener((o, was, now) -> sync());
        bridge.start();
        sync();
    }

    /** Follows what the window shows now; idempotent, so any listener may call it first. FX thread. */
    public void sync() {
        follow(shownFile.getValue(), shownCluster.getValue());
    }

    /**
     * {@code main} with the notifications over it, in its top right corner: below the tabs' strip,
     * clear of the window's edge and of the zoom bar and legend (both at the bottom).
     */
    public Node withNotices(Node main) {
        StackPane centre = new StackPane(main, notices);
        StackPane.setAlignment(notices, Pos.TOP_RIGHT);
        StackPane.setMargin(notices, new Insets(40, 18, 0, 0));
        return centre;
    }

    public NoticeArea notices() {
        return notices;
    }

    /** The rollout panel, for the window to place between its main area and its status bar. */
    public DeployPanel deployPanel() {
        return deployPanel;
    }

    public LiveFxModel model() {
        return model;
    }

    public LiveFxBridge bridge() {
        return bridge;
    }

    /** The live state shown now, null for none. */
    public LiveClusterState state() {
        return live;
    }

    /** Follows {@code cluster} from {@code file} (null for the placeholder shown while the sandbox starts). */
    private void follow(Path file, Cluster cluster) {
        if (cluster == null) {
            detach();
            return;
        }
        boolean same = live != null && cluster.name().equals(name) && (Objects.equals(file, this.file) || this.file == null);
        if (!same) {
            HealthMonitor keep = Objects.equals(file, this.file) ? monitor : null;
            detach();
            live = orrery.live(cluster.name());
            live.addListener(bridge);
            name = cluster.name();
            if (keep != null) {
                attach(keep);
            }
        }
        boolean factsNeeded = file != null && (this.file == null || !same);
        this.file = file;
        live.setCluster(cluster);
        if (factsNeeded) {
            closeFacts();
            facts = orrery.watchLocalFacts(cluster, live, FACTS_EVERY_MS);
        }
        // What this call changed is applied now, before the next frame draws the new nodes.
        bridge.pulse();
    }

    /** The window's health monitor for the shown cluster (null when it stops), and its Health view. */
    public void monitorChanged(HealthMonitor next, HealthView view) {
        sync(); // the monitor belongs to the cluster shown now, whichever listener heard of it first
        if (monitor != null && live != null) {
            monitor.removeListener(live);
        }
        monitor = null;
        healthView = view;
        if (next != null && live != null) {
            attach(next);
        }
        if (view != null) {
            model.servers().forEach(s -> showOnHealth(view, s, model.look(s.name())));
        }
    }

    private void attach(HealthMonitor m) {
        monitor = m;
        m.addListener(live);
    }

    /** Forgets the shown cluster's live state and everything shown from it. */
    public void detach() {
        if (live != null) {
            live.removeListener(bridge);
            if (monitor != null) {
                monitor.removeListener(live);
            }
            orrery.forget(name);
        }
        closeFacts();
        live = null;
        name = null;
        file = null;
        monitor = null;
        bridge.drop();
        model.clear();
        notices.clear();
        topology.selectedProperty().set(null);
    }

    /** The window closes. */
    public void stop() {
        closeFacts();
        bridge.stop();
    }

    private void closeFacts() {
        try {
            facts.close();
        } catch (Exception e) {
            // a cancelled poll cannot fail to close
        }
        facts = () -> { };
    }

    private void show(ServerLive s, Look look) {
        if (look == null) {
            return;
        }
        topology.showLive(s, look);
        if (healthView != null) {
            showOnHealth(healthView, s, look);
        }
        if (inspector.shown() != null && inspector.shown().name().equals(s.name())) {
            inspector.showLive(s, look);
        }
    }

    /** A server's look in the health table's status column; a managed load balancer's in the view's balancer line. */
    private static void showOnHealth(HealthView view, ServerLive s, Look look) {
        if (s.facts().containsKey(dev.orrery.engine.state.ServerLook.MANAGED_LB)) {
            view.showBalancerStatus(s.name(), look);
        } else {
            view.showLook(s.name(), look);
        }
    }

    /** The inspector shows the selected server's live lines at once (it was just filled from the file). */
    public void showSelected() {
        String selected = topology.selectedProperty().get();
        if (selected != null && model.server(selected) != null) {
            inspector.showLive(model.server(selected), model.look(selected));
        }
    }
}
