package dev.orrery.ui.main;

import dev.orrery.model.Cluster;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.ui.menu.ServerMenu;
import dev.orrery.ui.topology.TopologyView;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.MenuItem;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The window's parts of safe editing: the Save As chooser, the unsaved-copy question, and its own server actions. */
final class EditActions {

    private EditActions() {
    }

    /**
     * Save As: a file chooser, in the clusters folder for a copy (never the example's own
     * folder), else beside the current file. Null when cancelled.
     */
    static Path chooseSaveAs(Stage owner, ClusterDocument document, Path clustersDir, Path current) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save cluster as");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Orrery cluster (*.json)", "*.json"));
        Path parent = current == null ? null : current.toAbsolutePath().getParent();
        Path dir = document.isCopy() || parent == null ? clustersDir : parent;
        if (Files.isDirectory(dir)) {
            chooser.setInitialDirectory(dir.toFile());
        }
        chooser.setInitialFileName(current == null ? "cluster.json" : current.getFileName().toString());
        File chosen = chooser.showSaveDialog(owner);
        if (chosen == null) {
            return null;
        }
        Path p = chosen.toPath();
        return p.getFileName().toString().endsWith(".json") ? p : p.resolveSibling(p.getFileName() + ".json");
    }

    /** Quitting with changes to a copy that never went to a file: ask first. */
    static void confirmQuitUnsaved(Stage owner, Runnable quit) {
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION,
                "Your changes to this copy were not saved to any file (File ▸ Save As… saves them). Quit and lose them?",
                ButtonType.CANCEL, ButtonType.OK);
        ask.initOwner(owner);
        ask.setHeaderText("Quit without saving?");
        ask.getDialogPane().setId("confirm-quit-unsaved");
        ask.setOnHidden(e -> {
            if (ask.getResult() == ButtonType.OK) {
                quit.run();
            }
        });
        ask.show();
    }

    /** The window's own actions on a server for the shared {@link ServerMenu}: show it, its balancer's configuration, delete it. */
    static List<MenuItem> serverItems(String name, ClusterDocument document, TopologyView topology, BalancerActions balancer,
                                      Consumer<Server> confirmDelete) {
        Cluster c = document.cluster();
        Server s = c == null ? null : c.server(name).orElse(null);
        if (s == null) {
            return List.of();
        }
        List<MenuItem> items = new ArrayList<>();
        items.add(ServerMenu.item("Show in inspector", "menu-server-show", () -> topology.selectedProperty().set(name)));
        if (s.role() == Role.BALANCER) {
            items.add(ServerMenu.item("Configuration…", "menu-server-config", balancer::showConfiguration));
            items.add(ServerMenu.item("Push configuration", "menu-server-push", balancer::push));
        }
        items.add(ServerMenu.item("Delete…", "menu-server-delete",
                () -> document.cluster().server(name).ifPresent(confirmDelete)));
        return items;
    }
}
