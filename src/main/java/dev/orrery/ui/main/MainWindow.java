package dev.orrery.ui.main;

import dev.orrery.engine.Engine;
import dev.orrery.engine.Orrery;
import dev.orrery.model.Cluster;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.remote.SshHosts;
import dev.orrery.store.OrreryHome;
import dev.orrery.store.RecentClusters;
import dev.orrery.ui.inspector.InspectorView;
import dev.orrery.ui.palette.AddServerDialog;
import dev.orrery.ui.palette.Palette;
import dev.orrery.ui.cloud.CloudAccess;
import dev.orrery.ui.cloud.TokenSettingsDialog;
import dev.orrery.ui.cloud.WindowProvisionSeams;
import dev.orrery.ui.ssh.WindowSsh;
import dev.orrery.ui.topology.TopologyView;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
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
    private final SshHosts driftHosts;
    private final SshHosts sshHosts;
    private final BalancerActions balancer;
    private final ProvisionActions provision;
    private final WindowHealth health;
    private final DeployActions deploy;

    public MainWindow(Stage stage, Engine engine, Background background, OrreryHome home) {
        this.stage = stage;
        this.home = home;
        this.engine = engine;
        this.document = new ClusterDocument(background, new RecentClusters(home.recentFile()));
        document.setErrorReporter(this::showError);
        // The engine's one wiring, with host keys and passphrases asked by dialogs; one SSH connection per server.
        this.orrery = new Orrery(engine, home, WindowSsh.prompts(() -> stage), System.getenv());
        this.sshHosts = orrery.sshHosts();
        this.balancer = new BalancerActions(stage, engine, background, document, sshHosts);
        this.deploy = new DeployActions(stage, engine, document, sshHosts, home.locksDir());
        this.provision = new ProvisionActions(stage, engine, background, document, topology,
                CloudAccess.forThisSystem(home), () -> WindowProvisionSeams.of(orrery, document.fileProperty().get()));

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
        TabPane tabs = new TabPane(topologyTab, healthTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("main-tabs");
        root.setCenter(tabs);
        this.health = new WindowHealth(engine, document, topology, healthTab, orrery::ssh);
        ScrollPane side = new ScrollPane(inspector);
        side.setFitToWidth(true);
        side.getStyleClass().add("inspector-scroll");
        side.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        root.setRight(side);
        StatusBar statusBar = new StatusBar(document);
        // Drift between the live cluster and its file: checked on request, never trusting a new host key.
        driftHosts = orrery.sshHosts(dev.orrery.remote.HostKeyPrompt.REFUSE);
        statusBar.addIndicator(new dev.orrery.ui.adopt.DriftBadge(engine, document.clusterProperty(), document.fileProperty(),
                c -> dev.orrery.engine.AdoptJobs.drift(orrery, c, driftHosts, null), () -> stage));
        root.setBottom(statusBar);

        topology.clusterProperty().bind(document.clusterProperty());
        topology.selectedProperty().addListener((o, was, now) -> showSelected());
        document.clusterProperty().addListener((o, was, now) -> showSelected());
        topology.setOnRoleDropped(this::addServer);
        // A newly opened big cluster starts zoomed out as far as stays readable.
        document.fileProperty().addListener((o, was, now) -> Platform.runLater(topology::zoomToFit));
        inspector.setOnApply(this::editServer);
        inspector.setOnDelete(this::confirmDelete);
        inspector.setOnShowConfig(s -> balancer.showConfiguration());
        inspector.setOnPush(s -> balancer.push());

        // Never larger than the screen (small laptops; Monocle's 1280×800 headless screen).
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        scene = new Scene(root, Math.min(1320, screen.getWidth()), Math.min(840, screen.getHeight()));
        scene.getStylesheets().add(MainWindow.class.getResource(STYLESHEET).toExternalForm());
        stage.setScene(scene);
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        stage.titleProperty().bind(Bindings.createStringBinding(() -> {
            Cluster c = document.cluster();
            return c == null ? "Orrery" : "Orrery — " + c.name() + "  (" + document.fileProperty().get() + ")";
        }, document.clusterProperty(), document.fileProperty()));
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

    public WindowHealth health() {
        return health;
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

    private void showSelected() {
        Cluster c = document.cluster();
        String name = topology.selectedProperty().get();
        Server s = c == null || name == null ? null : c.server(name).orElse(null);
        if (s == null) {
            inspector.clear();
        } else {
            inspector.show(c, s);
        }
    }

    private void addServer(Role role) {
        Cluster c = document.cluster();
        if (c == null) {
            return;
        }
        if (role == Role.BALANCER && c.balancerServer().isPresent()) {
            document.say("This cluster already has a load balancer (" + c.balancerServer().get().name()
                    + "); Orrery manages one per cluster.");
            return;
        }
        Runnable existing = () -> AddServerDialog.show(stage, document.cluster(), role, server -> {
            document.apply(document.cluster().withServer(server), "Added " + server.name());
            topology.selectedProperty().set(server.name());
        });
        if (role == Role.APP) {
            provision.offer(existing);
        } else {
            existing.run();
        }
    }

    private void editServer(String oldName, Server edited) {
        document.apply(document.cluster().replaceServer(oldName, edited), "Changed " + edited.name());
        topology.selectedProperty().set(edited.name());
    }

    private void confirmDelete(Server server) {
        if (server.state() == dev.orrery.model.ServerState.FAILED && "digitalocean".equals(server.provider())) {
            provision.deleteFailed(server);
            return;
        }
        WindowAlerts.confirmDelete(stage, document.cluster(), server, () -> {
            if (document.cluster().server(server.name()).isPresent()) {
                document.apply(document.cluster().withoutServer(server.name()), "Deleted " + server.name());
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
        dev.orrery.ui.adopt.ImportWizard.show(stage, orrery, sshHosts, document.background(), document.cluster(),
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
    public void save() {
        document.save("Saved");
    }

    @Override
    public void quit() {
        if (document.saveStateProperty().get() == ClusterDocument.SaveState.FAILED) {
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
            engine.io().execute(() -> {
                driftHosts.close();
                orrery.close();
            });
            stage.hide();
        }));
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
