package dev.orrery.ui.main;

import dev.orrery.engine.Engine;
import dev.orrery.engine.Orrery;
import dev.orrery.model.Cluster;
import dev.orrery.store.OrreryHome;
import dev.orrery.store.RecentClusters;
import dev.orrery.ui.alerts.AlertNotifier;
import dev.orrery.ui.inspector.InspectorView;
import dev.orrery.ui.menu.ServerMenu;
import dev.orrery.ui.metrics.WindowMetrics;
import dev.orrery.ui.palette.Palette;
import dev.orrery.ui.cloud.CloudAccess;
import dev.orrery.ui.cloud.WindowProvisionSeams;
import dev.orrery.ui.ssh.WindowSsh;
import dev.orrery.ui.topology.TopologyView;
import dev.orrery.ui.live.DeployPanel;
import dev.orrery.ui.live.NoticeArea;
import dev.orrery.ui.live.WindowLive;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.layout.VBox;
import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

import java.nio.file.Path;

/**
 * The Orrery window: menu on top, palette on the left, topology in the centre, inspector on the
 * right, status bar below. It wires the views to the {@link ClusterDocument}; the views know
 * nothing of files or threads.
 */
public final class MainWindow {
    public static final String STYLESHEET = "/dev/orrery/ui/orrery.css";

    private final Stage stage;
    private final OrreryHome home;
    private final ClusterDocument document;
    private final TopologyView topology = new TopologyView();
    private final InspectorView inspector = new InspectorView();
    private final Scene scene;
    private final Engine engine;
    private final Orrery orrery;
    private final BalancerActions balancer;
    private final ProvisionActions provision;
    private final WindowHealth health;
    private final WindowMetrics metrics;
    private final DeployActions deploy;
    /** The actions on one server, the same on its topology node and its Health row. */
    private final ServerMenu serverMenu = new ServerMenu();
    private final WindowLive live;
    /** What the topology shows while no cluster is open: the sandbox's nodes while it starts. */
    private final ObjectProperty<Cluster> placeholder = new SimpleObjectProperty<>(this, "placeholder");
    private final ObjectBinding<Cluster> shown;
    private SandboxControls sandbox;
    private final dev.orrery.ui.ops.OpsHooks ops;
    private final dev.orrery.ui.failover.FailoverActions failover;
    private final dev.orrery.ui.logs.WindowLogs logs;
    private final dev.orrery.ui.tls.TlsWindowPart tls;
    private final dev.orrery.ui.managed.ManagedBalancerPart managed;
    private final ServerEditing editing;
    private final WindowQuit quitting;

    public MainWindow(Stage stage, Engine engine, Background background, OrreryHome home) {
        this.stage = stage;
        this.home = home;
        this.engine = engine;
        this.document = new ClusterDocument(background, new RecentClusters(home.recentFile()));
        document.setErrorReporter(this::showError);
        document.setSaveAsPrompt(current -> EditActions.chooseSaveAs(stage, document, home.clustersDir(), current));
        // The engine's one wiring, with host keys and passphrases asked by dialogs; one SSH connection per server.
        this.orrery = new Orrery(engine, home, WindowSsh.prompts(() -> stage), System.getenv());
        this.balancer = new BalancerActions(stage, orrery, background, document);
        this.deploy = new DeployActions(stage, orrery, document);
        this.provision = new ProvisionActions(stage, engine, background, document, topology,
                CloudAccess.forThisSystem(home), () -> WindowProvisionSeams.of(orrery, document.fileProperty().get()));
        this.shown = Bindings.createObjectBinding(() -> document.cluster() != null ? document.cluster() : placeholder.get(),
                document.clusterProperty(), placeholder);
        // made on first use: it builds the SSH wiring (sshj), which the first frame does not need
        this.provision.setLockMaker(() -> orrery.clusterLock(orrery.sshHosts()));
        this.ops = new dev.orrery.ui.ops.OpsHooks(stage, orrery);
        this.failover = new dev.orrery.ui.failover.FailoverActions(() -> stage, orrery, engine, document::cluster, document::say, ip -> {
            Cluster c = document.cluster();
            if (c != null && c.balancer().failover() != null) {
                document.apply(c.withBalancer(c.balancer().withFailover(c.balancer().failover().withReservedIp(ip))), "Reserved IP " + ip);
            }
        });

        BorderPane root = new BorderPane();
        root.getStyleClass().add("orrery-root");
        root.setTop(MainMenu.build(new WindowMenuActions(this), document));
        Palette palette = new Palette();
        palette.disableProperty().bind(document.clusterProperty().isNull());
        root.setLeft(palette);
        MainTabs tabs = new MainTabs(topology);
        // The one live truth every view shows (ServerLook's looks of the engine's live state).
        live = new WindowLive(orrery, document.fileProperty(), shown, topology, inspector, document::say);
        root.setCenter(live.withNotices(tabs.pane));
        this.editing = new ServerEditing(stage, document, topology, inspector, live, provision, () -> sandbox);
        this.health = new WindowHealth(engine, document, topology, tabs.health,
                c -> orrery.monitor(c, dev.orrery.health.HealthTargets.Route.AUTO));
        this.metrics = new WindowMetrics(orrery, document.clusterProperty(), document.fileProperty(), topology, tabs.metrics, tabs.alerts,
                document::apply, new AlertNotifier());
        ScrollPane side = new ScrollPane(inspector);
        side.setFitToWidth(true);
        side.getStyleClass().add("inspector-scroll");
        side.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        root.setRight(side);
        StatusBar statusBar = new StatusBar(document);
        // Drift between the live cluster and its file: checked on request as an engine job, never trusting a new host key.
        statusBar.addIndicator(new dev.orrery.ui.adopt.DriftBadge(engine, document.clusterProperty(), document.fileProperty(),
                c -> dev.orrery.engine.AdoptJobs.drift(orrery, c, null), () -> stage));
        statusBar.getChildren().add(0, ops.lockStatus());
        root.setBottom(new VBox(live.deployPanel(), statusBar));
        this.managed = new dev.orrery.ui.managed.ManagedBalancerPart(() -> stage, orrery, engine, shown, document::cluster,
                () -> document.fileProperty().get(), topology.selectedProperty(), live.model(), document::apply, document::say);
        // The lock of the open cluster: shown, and read on its balancer (not the sandbox's: that one is local).
        document.clusterProperty().addListener((o, was, now) -> {
            if (was == null || now == null || !was.name().equals(now.name())) {
                ops.follow(now, now != null && now.balancerServer().map(s -> !s.publicAddress().startsWith("127.")).orElse(false));
                failover.follow(now, now != null && now.balancerServer().map(s -> !s.publicAddress().startsWith("127.")).orElse(false));
            }
            if (was == null || now == null || !was.name().equals(now.name()) || was.balancer().managedKind() != now.balancer().managedKind()) {
                managed.follow(now);
            }
        });

        topology.clusterProperty().bind(shown);
        live.model().addListener(statusBar);
        health.setOnMonitor((monitor, view) -> {
            live.monitorChanged(monitor, view);
            metrics.setMonitor(monitor); // the watch records the probes' results into the history store
        });
        topology.selectedProperty().addListener((o, was, now) -> editing.showSelected());
        document.clusterProperty().addListener((o, was, now) -> editing.showSelected());
        topology.setOnRoleDroppedAt(editing::addServer);
        topology.setOnManagedDropped(() -> {
            if (document.cluster() != null && document.cluster().balancer().managedKind()) {
                document.say("This cluster's balancer already is a DigitalOcean Load Balancer");
            } else {
                managed.migrate();
            }
        });
        serverMenu.contribute(name -> EditActions.serverItems(name, document, topology, balancer, editing::confirmDelete));
        this.logs = new dev.orrery.ui.logs.WindowLogs(orrery, tabs.logs, document.clusterProperty(), engine.io(), () -> stage);
        // DigitalOcean's managed load balancer keeps no logs Orrery can read: no item that would find none.
        serverMenu.contribute(name -> dev.orrery.ui.topology.ManagedNode.is(document.cluster(), name) ? java.util.List.of()
                : java.util.List.of(ServerMenu.item("Show logs", "menu-show-logs", () -> logs.showServer(name))));
        serverMenu.contribute(failover::items);
        serverMenu.contribute(managed::items);
        inspector.getChildren().add(managed.section());
        topology.setNodeMenu(serverMenu::build);
        health.setRowMenu(serverMenu::build);
        // A newly opened big cluster starts zoomed out as far as stays readable.
        document.fileProperty().addListener((o, was, now) -> Platform.runLater(topology::zoomToFit));
        inspector.setOnApply(editing::editServer);
        inspector.setOnDelete(editing::confirmDelete);
        inspector.setOnShowConfig(s -> balancer.showConfiguration());
        inspector.setOnPush(s -> balancer.push());
        this.tls = new dev.orrery.ui.tls.TlsWindowPart(stage, orrery, document.clusterProperty(), topology.selectedProperty(), inspector);
        inspector.getChildren().add(new dev.orrery.ui.security.SecurityInspectorSection(engine,
                dev.orrery.ui.security.SecurityAccess.of(orrery), document.clusterProperty(), topology.selectedProperty()));

        scene = WindowFrame.install(stage, root, document, this::quit);
        editing.installKeys();
        this.quitting = new WindowQuit(stage, document, this::stopParts);
        WindowIcons.install(stage, background);
        background.run(() -> home.ensure(home.clustersDir()), dir -> { }, error -> { });
    }

    /** Opens {@code file}, or the most recent cluster when it is null. */
    public void start(Path file) {
        if (file != null) {
            document.loadRecent();
            document.open(file);
        } else {
            document.openMostRecent();
        }
    }

    public Scene scene() {
        return scene;
    }

    public ClusterDocument document() {
        return document;
    }

    public TopologyView topology() {
        return topology;
    }

    public InspectorView inspector() {
        return inspector;
    }

    public BalancerActions balancer() {
        return balancer;
    }

    public DeployActions deploy() {
        return deploy;
    }

    public dev.orrery.ui.tls.TlsWindowPart tls() {
        return tls;
    }

    public WindowHealth health() {
        return health;
    }

    public WindowMetrics metrics() {
        return metrics;
    }

    public ProvisionActions provision() {
        return provision;
    }

    public Engine engine() {
        return engine;
    }

    public Orrery orrery() {
        return orrery;
    }

    public WindowLive live() {
        return live;
    }

    public NoticeArea notices() {
        return live.notices();
    }

    public DeployPanel deployPanel() {
        return live.deployPanel();
    }

    /** The cluster drawn while none is open (the sandbox's servers while it starts); null for none. */
    public ObjectProperty<Cluster> placeholderProperty() {
        return placeholder;
    }

    /** The sandbox's controls (its menu, and Delete on its servers); the app installs them. */
    public void setSandbox(SandboxControls controls) {
        this.sandbox = controls;
    }

    Stage stage() {
        return stage;
    }

    OrreryHome home() {
        return home;
    }

    dev.orrery.ui.ops.OpsHooks ops() {
        return ops;
    }

    /** Errors the user must see: a dialog that does not block, and the status bar. */
    public void showError(String title, String detail) {
        WindowAlerts.error(stage, title, detail);
    }

    public dev.orrery.ui.managed.ManagedBalancerPart managedBalancer() {
        return managed;
    }

    public ServerMenu serverMenu() {
        return serverMenu;
    }

    /** Quits as File ▸ Quit does: asks about a change not saved, lets queued saves finish, closes. */
    public void quit() {
        quitting.quit();
    }

    /** Stops the window's parts before it closes; what may block (logs, SSH, the store) closes on the io pool. */
    private void stopParts() {
        health.stop();
        metrics.stop();
        live.stop();
        ops.close();
        failover.close();
        managed.close();
        Runnable closeLogs = logs.close();
        engine.io().execute(() -> {
            closeLogs.run();
            orrery.close();
        });
    }

    public SandboxControls sandbox() {
        return sandbox;
    }
}
