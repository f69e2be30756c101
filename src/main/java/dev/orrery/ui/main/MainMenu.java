package dev.orrery.ui.main;

import javafx.collections.ListChangeListener;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCombination;

import java.nio.file.Path;
import java.util.function.Consumer;

/** The menu bar: File (New, Open…, Open Recent, Import…, Save, Quit) and View (zoom), with shortcuts. */
final class MainMenu {

    /** What the menu items do; the window supplies them. */
    interface Actions {
        void newCluster();

        void open();

        void openRecent(Path file);

        void save();

        void quit();

        void cloudSettings();

        /** File ▸ Import…: adopt a running cluster (mup file, DigitalOcean, live balancer). */
        void importCluster();

        void deployRelease();

        void rollback();

        void zoomIn();

        void zoomOut();

        void zoomReset();

        void zoomToFit();
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
        MenuItem quit = item("Quit", "menu-quit", "Shortcut+Q", actions::quit);
        MenuItem cloud = new MenuItem("DigitalOcean Settings…");
        cloud.setId("menu-cloud");
        cloud.setOnAction(e -> actions.cloudSettings());
        Menu file = new Menu("File", null, newItem, open, recent, importItem, new SeparatorMenuItem(), save,
                new SeparatorMenuItem(), cloud, new SeparatorMenuItem(), quit);

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
        Menu cluster = new Menu("Cluster", null, deploy, rollback);
        MenuBar bar = new MenuBar(file, view, cluster);
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

    private static MenuItem item(String text, String id, String accelerator, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        item.setAccelerator(KeyCombination.keyCombination(accelerator));
        item.setOnAction(e -> action.run());
        return item;
    }
}
