package dev.orrery.ui.main;

import dev.orrery.model.Version;
import dev.orrery.store.OrreryHome;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

import java.nio.file.Path;

/** Help ▸ About: the version, the data folder and where the log goes, selectable for copying. */
final class AboutDialog {
    private AboutDialog() {
    }

    static Alert show(Window owner, OrreryHome home) {
        Path log = WindowLog.file();
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(6);
        row(grid, 0, "Version", Version.current(), "about-version");
        row(grid, 1, "Data folder", home.root().toString(), "about-home");
        row(grid, 2, "Log file", log == null ? "none: this window logs to standard error only" : log.toString(), "about-log");
        row(grid, 3, "Java", System.getProperty("java.version") + " · JavaFX " + System.getProperty("javafx.runtime.version", "?"), "about-java");
        Alert a = new Alert(Alert.AlertType.INFORMATION, null, ButtonType.CLOSE);
        a.initOwner(owner);
        a.setTitle("About Orrery");
        a.setHeaderText("Orrery " + Version.current() + " — a cluster manager for self-hosted Meteor and Node apps");
        a.getDialogPane().setContent(grid);
        a.getDialogPane().setId("about-dialog");
        if (owner != null && owner.getScene() != null) {
            a.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        a.show();
        return a;
    }

    private static void row(GridPane grid, int row, String label, String value, String id) {
        Label l = new Label(label);
        l.getStyleClass().add("form-label");
        // A read-only field, so a path can be selected and copied.
        TextField v = new TextField(value);
        v.setId(id);
        v.setEditable(false);
        v.setPrefColumnCount(Math.max(20, Math.min(60, value.length())));
        grid.addRow(row, l, v);
    }
}
