package dev.orrery.ui.main;

import dev.orrery.engine.Engine;
import dev.orrery.engine.Orrery;
import dev.orrery.model.Cluster;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.store.OrreryHome;
import dev.orrery.store.RecentClusters;
import dev.orrery.ui.alerts.AlertNotifier;
import dev.orrery.ui.edit.ServerPlacement;
import dev.orrery.ui.inspector.InspectorView;
import dev.orrery.ui.menu.ServerMenu;
import dev.orrery.ui.metrics.WindowMetrics;
import dev.orrery.ui.palette.AddServerDialog;
import dev.orrery.ui.palette.Palette;
import dev.orrery.ui.cloud.CloudAccess;
import dev.orrery.ui.cloud.TokenSettingsDialog;
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
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.stage.FileChooser;
import javafx.stage.Screen;
import javafx.stage.Stage;

import java.io.File;
import java.nio.file.Path;

/**
 * The Orrery window: menu on top, palette on the left, topology in the centre, inspector on the
 * right, status bar below. It wires the views to the {@link ClusterDocument}; the views know
 * nothing of files or threads.
 */
public final class MainWindow implements MainMenu.Actions {
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
        root.setTop(MainMenu.build(this, document));
        Palette palette = new Palette();
        palette.disableProperty().bind(document.clusterProperty().isNull());
        root.setLeft(palette);
        Tab topologyTab = new Tab("Topology", topology);
        topologyTab.setId("tab-topology");
        Tab healthTab = new Tab("Health");
        healthTab.setId("tab-health");
        Tab logsTab = new Tab("Logs");
        logsTab.setId("tab-logs");
        Tab metricsTab = new Tab("Metrics");
        metricsTab.setId("tab-metrics");
        Tab alertsTab = new Tab("Alerts");
        alertsTab.setId("tab-alerts");
        TabPane tabs = new TabPane(topologyTab, healthTab, metricsTab, alertsTab, logsTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("main-tabs");
        // The one live truth every view shows (ServerLook's looks of the engine's live state).
        live = new WindowLive(orrery, document.fileProperty(), shown, topology, inspector, document::say);
        root.setCenter(live.withNotices(tabs));
        this.health = new WindowHealth(engine, document, topology, healthTab,
                c -> orrery.monitor(c, dev.orrery.health.HealthTargets.Route.AUTO));
        this.metrics = new WindowMetrics(orrery, document.clusterProperty(), document.fileProperty(), topology, metricsTab, alertsTab,
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
        topology.selectedProperty().addListener((o, was, now) -> showSelected());
        document.clusterProperty().addListener((o, was, now) -> showSelected());
        topology.setOnRoleDroppedAt(this::addServer);
        topology.setOnManagedDropped(() -> {
            if (document.cluster() != null && document.cluster().balancer().managedKind()) {
                document.say("This cluster's balancer already is a DigitalOcean Load Balancer");
            } else {
                moveToManagedBalancer();
            }
        });
        serverMenu.contribute(name -> EditActions.serverItems(name, document, topology, balancer, this::confirmDelete));
        this.logs = new dev.orrery.ui.logs.WindowLogs(orrery, logsTab, document.clusterProperty(), engine.io(), () -> stage);
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
        inspector.setOnApply(this::editServer);
        inspector.setOnDelete(this::confirmDelete);
        inspector.setOnShowConfig(s -> balancer.showConfiguration());
        inspector.setOnPush(s -> balancer.push());
        this.tls = new dev.orrery.ui.tls.TlsWindowPart(stage, orrery, document.clusterProperty(), topology.selectedProperty(), inspector);
        inspector.getChildren().add(new dev.orrery.ui.security.SecurityInspectorSection(engine,
                dev.orrery.ui.security.SecurityAccess.of(orrery), document.clusterProperty(), topology.selectedProperty()));

        // Never larger than the screen (small laptops; Monocle's 1280×800 headless screen).
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        scene = new Scene(root, Math.min(1320, screen.getWidth()), Math.min(840, screen.getHeight()));
        scene.getStylesheets().add(MainWindow.class.getResource(STYLESHEET).toExternalForm());
        stage.setScene(scene);
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        stage.titleProperty().bind(Bindings.createStringBinding(() -> {
            Cluster c = document.cluster();
            String copy = document.copyReasonProperty().get();
            return c == null ? "Orrery" : "Orrery — " + c.name() + "  (" + document.fileProperty().get() + ")"
                    + (copy == null ? "" : "  — a copy of " + copy + "; File ▸ Save As… keeps changes");
        }, document.clusterProperty(), document.fileProperty(), document.copyReasonProperty()));
        stage.setOnCloseRequest(e -> {
            e.consume();
            quit();
        });
        // Delete on a selected node asks, as the inspector's button does; Escape clears the selection.
        topology.setOnKeyPressed(e -> {
            String selected = topology.selectedProperty().get();
            if ((e.getCode() == KeyCode.DELETE || e.getCode() == KeyCode.BACK_SPACE) && selected != null && document.cluster() != null) {
                document.cluster().server(selected).ifPresent(this::confirmDelete);
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                topology.selectedProperty().set(null);
            }
        });
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

    @Override
    public void deployRelease() {
        deploy.deploy();
    }

    @Override
    public void rollback() {
        deploy.rollback();
    }

    @Override
    public void certificates() {
        tls.openCertificates();
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

    private void showSelected() {
        Cluster c = document.cluster();
        String name = topology.selectedProperty().get();
        Server s = c == null || name == null ? null : c.server(name).orElse(null);
        if (s == null && dev.orrery.ui.topology.ManagedNode.is(c, name)) {
            inspector.showOther(); // the managed load balancer: its own section shows it
        } else if (s == null) {
            inspector.clear();
        } else {
            inspector.show(c, s);
            live.showSelected();
        }
    }

    /** @param slot where it was dropped: its index among the role's servers */
    private void addServer(Role role, int slot) {
        Cluster c = document.cluster();
        if (c == null) {
            return;
        }
        int most = c.balancer().failover() != null ? 2 : 1; // a second balancer stands by behind the reserved IP
        if (role == Role.BALANCER && c.balancerServers().size() >= most) {
            document.say("This cluster already has " + (most == 1 ? "a load balancer (" + c.balancerServer().get().name()
                    + "); a second one needs failover (balancer.failover in the cluster file)." : "its two failover balancers."));
            return;
        }
        Runnable existing = () -> AddServerDialog.show(stage, document.cluster(), role, server -> {
            document.edit(ServerPlacement.insert(document.cluster(), server, slot), "Added " + server.name());
            topology.selectedProperty().set(server.name());
        });
        if (role == Role.APP) {
            provision.offer(existing);
        } else {
            existing.run();
        }
    }

    private void editServer(String oldName, Server edited) {
        document.edit(document.cluster().replaceServer(oldName, edited), "Changed " + edited.name());
        topology.selectedProperty().set(edited.name());
    }

    private void confirmDelete(Server server) {
        if (sandbox != null && sandbox.owns(server)) {
            sandbox.delete(server); // a process here: stopped and taken out of the balancer, after asking
            return;
        }
        if (server.state() == dev.orrery.model.ServerState.FAILED && "digitalocean".equals(server.provider())) {
            provision.deleteFailed(server);
            return;
        }
        WindowAlerts.confirmDelete(stage, document.cluster(), server, () -> {
            if (document.cluster().server(server.name()).isPresent()) {
                document.edit(document.cluster().withoutServer(server.name()), "Deleted " + server.name());
            }
        });
    }

    /** Errors the user must see: a dialog that does not block, and the status bar. */
    public void showError(String title, String detail) {
        WindowAlerts.error(stage, title, detail);
    }

    @Override
    public void newCluster() {
        NewClusterDialog.show(stage, home.clustersDir().toString(), name -> document.createNew(name, home.clustersDir()));
    }

    @Override
    public void importCluster() {
        dev.orrery.ui.adopt.ImportWizard.show(stage, orrery, document.background(), document.cluster(),
                document.fileProperty().get(), home.clustersDir(), document::open);
    }

    @Override
    public void cloudSettings() {
        TokenSettingsDialog.show(stage, document.background(), provision.cloud());
    }

    @Override
    public void open() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open cluster");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Orrery cluster (*.json)", "*.json"),
                new FileChooser.ExtensionFilter("All files", "*"));
        Path current = document.fileProperty().get();
        chooser.setInitialDirectory((current != null ? current.toAbsolutePath().getParent() : home.clustersDir()).toFile());
        File chosen;
        try {
            chosen = chooser.showOpenDialog(stage);
        } catch (IllegalArgumentException folderGone) {
            // The folder was removed since; ask again from the system's default folder.
            chooser.setInitialDirectory(null);
            chosen = chooser.showOpenDialog(stage);
        }
        if (chosen != null) {
            document.open(chosen.toPath());
        }
    }

    @Override
    public void openRecent(Path file) {
        document.open(file);
    }

    @Override
    public void switchBalancer() {
        ops.switchBalancer(document::cluster, engine, kind -> {
            Cluster c = document.cluster();
            if (c != null) {
                document.apply(c.withBalancer(c.balancer().withKind(kind)), "Switched the balancer to " + kind.name().toLowerCase());
            }
        }, document::say);
    }

    @Override
    public void moveToManagedBalancer() {
        managed.migrate();
    }

    public dev.orrery.ui.managed.ManagedBalancerPart managedBalancer() {
        return managed;
    }

    @Override
    public void save() {
        document.save("Saved");
    }

    @Override
    public void saveAs() {
        document.saveAs();
    }

    @Override
    public void undo() {
        document.undo();
    }

    @Override
    public void redo() {
        document.redo();
    }

    public ServerMenu serverMenu() {
        return serverMenu;
    }

    @Override
    public void quit() {
        if (document.saveStateProperty().get() == ClusterDocument.SaveState.UNSAVED) {
            EditActions.confirmQuitUnsaved(stage, this::closeWhenIdle);
        } else if (document.saveStateProperty().get() == ClusterDocument.SaveState.FAILED) {
            Alert ask = new Alert(Alert.AlertType.CONFIRMATION,
                    "The last change could not be saved (see the status bar). Quit and lose it?", ButtonType.CANCEL, ButtonType.OK);
            ask.initOwner(stage);
            ask.setHeaderText("Quit without saving?");
            ask.setOnHidden(e -> {
                if (ask.getResult() == ButtonType.OK) {
                    closeWhenIdle();
                }
            });
            ask.show();
        } else {
            closeWhenIdle();
        }
    }

    /** Lets the saves already queued finish, then closes the window (which ends the app). */
    private void closeWhenIdle() {
        document.say("Closing…");
        document.background().idle().whenComplete((v, e) -> Platform.runLater(() -> {
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
            stage.hide();
        }));
    }

    @Override
    public SandboxControls sandbox() {
        return sandbox;
    }

    @Override
    public void about() {
        AboutDialog.show(stage, home);
    }

    @Override
    public void zoomIn() {
        topology.zoomBy(1.25);
    }

    @Override
    public void zoomOut() {
        topology.zoomBy(1 / 1.25);
    }

    @Override
    public void zoomToFit() {
        topology.zoomToFit();
    }

    @Override
    public void zoomReset() {
        topology.zoomProperty().set(1.0);
    }
}
