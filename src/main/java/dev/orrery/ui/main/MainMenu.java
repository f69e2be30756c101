package dev.orrery.ui.main;

import javafx.collections.ListChangeListener;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCombination;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The menu bar: File (New, Open…, Open Recent, Import…, Save, Save As…, Quit), Edit (Undo, Redo), View
 * (zoom), Cluster (deploy), Sandbox (start, stop, reset, open the app) and Help (About), with shortcuts.
 */
final class MainMenu {

    /** What the menu items do; the window supplies them. */
    interface Actions {
        void newCluster();

        void open();

        void openRecent(Path file);

        void save();

        void saveAs();

        void undo();

        void redo();

        void quit();

        void cloudSettings();

        /** File ▸ Import…: adopt a running cluster (mup file, DigitalOcean, live balancer). */
        void importCluster();

        void deployRelease();

        void rollback();

        /** Replace the balancer program (nginx ↔ HAProxy). */
        default void switchBalancer() {
        }

        /** Move the balancer to DigitalOcean's managed Load Balancer. */
        default void moveToManagedBalancer() {
        }

        void certificates();

        void zoomIn();

        void zoomOut();

        void zoomReset();

        void zoomToFit();

        /** The sandbox's controls, null when the window has none. */
        SandboxControls sandbox();

        void about();
    }

    private MainMenu() {
    }

    static MenuBar build(Actions actions, ClusterDocument document) {
        MenuItem newItem = item("New…", "menu-new", "Shortcut+N", actions::newCluster);
        MenuItem open = item("Open…", "menu-open", "Shortcut+O", actions::open);
        Menu recent = new Menu("Open Recent");
        recent.setId("menu-recent");
        fillRecent(recent, document, actions::openRecent);
        document.recent().addListener((ListChangeListener<Path>) c -> fillRecent(recent, document, actions::openRecent));
        MenuItem importItem = item("Import…", "menu-import", "Shortcut+I", actions::importCluster);
        MenuItem save = item("Save", "menu-save", "Shortcut+S", actions::save);
        save.disableProperty().bind(document.clusterProperty().isNull());
        MenuItem saveAs = item("Save As…", "menu-save-as", "Shortcut+Shift+S", actions::saveAs);
        saveAs.disableProperty().bind(document.clusterProperty().isNull());
        MenuItem quit = item("Quit", "menu-quit", "Shortcut+Q", actions::quit);
        MenuItem cloud = new MenuItem("DigitalOcean Settings…");
        cloud.setId("menu-cloud");
        cloud.setOnAction(e -> actions.cloudSettings());
        Menu file = new Menu("File", null, newItem, open, recent, importItem, new SeparatorMenuItem(), save, saveAs,
                new SeparatorMenuItem(), cloud, new SeparatorMenuItem(), quit);

        MenuItem undo = item("Undo", "menu-undo", "Shortcut+Z", actions::undo);
        undo.textProperty().bind(document.undoTextProperty().map(w -> "Undo “" + w + "”").orElse("Undo"));
        undo.disableProperty().bind(document.undoTextProperty().isNull());
        MenuItem redo = item("Redo", "menu-redo", "Shortcut+Shift+Z", actions::redo);
        redo.textProperty().bind(document.redoTextProperty().map(w -> "Redo “" + w + "”").orElse("Redo"));
        redo.disableProperty().bind(document.redoTextProperty().isNull());
        undo.setMnemonicParsing(false);
        redo.setMnemonicParsing(false);
        Menu edit = new Menu("Edit", null, undo, redo);
        edit.setId("menu-edit");

        Menu view = new Menu("View", null,
                item("Zoom In", "menu-zoom-in", "Shortcut+=", actions::zoomIn),
                item("Zoom Out", "menu-zoom-out", "Shortcut+-", actions::zoomOut),
                item("Actual Size", "menu-zoom-reset", "Shortcut+0", actions::zoomReset),
                item("Fit Cluster", "menu-zoom-fit", "Shortcut+9", actions::zoomToFit));
        MenuItem deploy = item("Deploy…", "menu-deploy", "Shortcut+D", actions::deployRelease);
        deploy.disableProperty().bind(document.clusterProperty().isNull());
        MenuItem rollback = new MenuItem("Roll Back…");
        rollback.setId("menu-rollback");
        rollback.setOnAction(e -> actions.rollback());
        rollback.disableProperty().bind(document.clusterProperty().isNull());
        MenuItem switchBalancer = new MenuItem("Switch Balancer (nginx ↔ HAProxy)…");
        switchBalancer.setId("menu-switch-balancer");
        switchBalancer.setOnAction(e -> actions.switchBalancer());
        switchBalancer.disableProperty().bind(document.clusterProperty().isNull());
        MenuItem toManaged = new MenuItem("Move to a DigitalOcean Load Balancer…");
        toManaged.setId("menu-move-to-managed");
        toManaged.setOnAction(e -> actions.moveToManagedBalancer());
        toManaged.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(() -> document.cluster() == null
                || document.cluster().balancer().managedKind(), document.clusterProperty()));
        MenuItem certificates = new MenuItem("Certificates…");
        certificates.setId("menu-certificates");
        certificates.setOnAction(e -> actions.certificates());
        certificates.disableProperty().bind(document.clusterProperty().isNull());
        Menu cluster = new Menu("Cluster", null, deploy, rollback, new SeparatorMenuItem(), switchBalancer, toManaged, certificates);
        MenuBar bar = new MenuBar(file, edit, view, cluster, sandbox(actions),
                new Menu("Help", null, item("About Orrery", "menu-about", null, actions::about)));
        bar.setId("menu-bar");
        return bar;
    }

    private static void fillRecent(Menu recent, ClusterDocument document, Consumer<Path> open) {
        recent.getItems().clear();
        for (Path p : document.recent()) {
            MenuItem item = new MenuItem(p.getFileName() + "  —  " + p.getParent());
            item.setMnemonicParsing(false);
            item.setOnAction(e -> open.accept(p));
            recent.getItems().add(item);
        }
        if (recent.getItems().isEmpty()) {
            MenuItem none = new MenuItem("No recent clusters");
            none.setDisable(true);
            recent.getItems().add(none);
        }
    }

    /** Start, Stop, Reset and Open the app; each enabled only when it applies (read as the menu opens). */
    private static Menu sandbox(Actions actions) {
        MenuItem start = item("Start Sandbox", "menu-sandbox-start", null, () -> actions.sandbox().start());
        MenuItem stop = item("Stop Sandbox", "menu-sandbox-stop", null, () -> actions.sandbox().stop());
        MenuItem reset = item("Reset Sandbox…", "menu-sandbox-reset", null, () -> actions.sandbox().reset());
        MenuItem open = item("Open the App in the Browser", "menu-sandbox-open", null, () -> actions.sandbox().openApp());
        Menu menu = new Menu("Sandbox", null, start, stop, new SeparatorMenuItem(), open, new SeparatorMenuItem(), reset);
        menu.setId("menu-sandbox");
        menu.setOnShowing(e -> {
            SandboxControls s = actions.sandbox();
            boolean running = s != null && s.running();
            start.setDisable(s == null || (running && s.shown()));
            start.setText(running && !s.shown() ? "Show Sandbox (running in the background)" : "Start Sandbox");
            stop.setDisable(!running);
            open.setDisable(!running);
            reset.setDisable(s == null);
        });
        return menu;
    }

    private static MenuItem item(String text, String id, String accelerator, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        if (accelerator != null) {
            item.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        item.setOnAction(e -> action.run());
        return item;
    }
}
