package dev.orrery.ui.main;

import dev.orrery.model.Cluster;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.store.OrreryHome;
import dev.orrery.store.RecentClusters;
import dev.orrery.ui.inspector.InspectorView;
import dev.orrery.ui.palette.AddServerDialog;
import dev.orrery.ui.palette.Palette;
import dev.orrery.ui.topology.TopologyView;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ScrollPane;
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

    public MainWindow(Stage stage, Background background, OrreryHome home) {
        this.stage = stage;
        this.home = home;
        this.document = new ClusterDocument(background, new RecentClusters(home.recentFile()));
        document.setErrorReporter(this::showError);

        BorderPane root = new BorderPane();
        root.getStyleClass().add("orrery-root");
        root.setTop(MainMenu.build(this, document));
        Palette palette = new Palette();
        palette.disableProperty().bind(document.clusterProperty().isNull());
        root.setLeft(palette);
        root.setCenter(topology);
        ScrollPane side = new ScrollPane(inspector);
        side.setFitToWidth(true);
        side.getStyleClass().add("inspector-scroll");
        side.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        root.setRight(side);
        root.setBottom(new StatusBar(document));

        topology.clusterProperty().bind(document.clusterProperty());
        topology.selectedProperty().addListener((o, was, now) -> showSelected());
        document.clusterProperty().addListener((o, was, now) -> showSelected());
        topology.setOnRoleDropped(this::addServer);
        // A newly opened big cluster starts zoomed out as far as stays readable.
        document.fileProperty().addListener((o, was, now) -> Platform.runLater(topology::zoomToFit));
        inspector.setOnApply(this::editServer);
        inspector.setOnDelete(this::confirmDelete);

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
        AddServerDialog.show(stage, c, role, server -> {
            document.apply(document.cluster().withServer(server), "Added " + server.name());
            topology.selectedProperty().set(server.name());
        });
    }

    private void editServer(String oldName, Server edited) {
        document.apply(document.cluster().replaceServer(oldName, edited), "Changed " + edited.name());
        topology.selectedProperty().set(edited.name());
    }

    private void confirmDelete(Server server) {
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION,
                "Remove " + server.name() + " (" + server.publicAddress() + ") from " + document.cluster().name()
                        + "?\n\nThis changes the cluster file only; the machine itself is not touched.",
                ButtonType.CANCEL, ButtonType.OK);
        confirm.initOwner(stage);
        confirm.setTitle("Delete server");
        confirm.setHeaderText("Delete " + server.role().label().toLowerCase() + " " + server.name() + "?");
        confirm.getDialogPane().setId("confirm-delete");
        confirm.getDialogPane().getStylesheets().setAll(scene.getStylesheets());
        ((javafx.scene.control.Button) confirm.getDialogPane().lookupButton(ButtonType.OK)).setText("Delete");
        ((javafx.scene.control.Button) confirm.getDialogPane().lookupButton(ButtonType.OK)).setDefaultButton(false);
        ((javafx.scene.control.Button) confirm.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        confirm.setOnHidden(e -> {
            if (confirm.getResult() == ButtonType.OK && document.cluster().server(server.name()).isPresent()) {
                document.apply(document.cluster().withoutServer(server.name()), "Deleted " + server.name());
            }
        });
        confirm.show();
    }

    /** Errors the user must see: a dialog that does not block, and the status bar. */
    public void showError(String title, String detail) {
        Alert alert = new Alert(Alert.AlertType.ERROR, detail, ButtonType.CLOSE);
        alert.initOwner(stage);
        alert.setTitle("Orrery");
        alert.setHeaderText(title);
        alert.getDialogPane().setId("error-dialog");
        alert.getDialogPane().getStylesheets().setAll(scene.getStylesheets());
        alert.getDialogPane().setMinWidth(520);
        alert.show();
    }

    @Override
    public void newCluster() {
        NewClusterDialog.show(stage, home.clustersDir().toString(), name -> document.createNew(name, home.clustersDir()));
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
        document.background().idle().whenComplete((v, e) -> Platform.runLater(stage::hide));
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
