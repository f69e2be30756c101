package dev.orrery.ui.main;

import dev.orrery.model.Cluster;
import dev.orrery.model.Server;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.stage.Stage;

/** The main window's small alerts; none blocks (they are shown, not waited for). */
final class WindowAlerts {
    private WindowAlerts() {
    }

    /** Asks before removing a server from the cluster file; Cancel is the default. */
    static void confirmDelete(Stage owner, Cluster cluster, Server server, Runnable onDelete) {
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION,
                "Remove " + server.name() + " (" + server.publicAddress() + ") from " + cluster.name()
                        + "?\n\nThis changes the cluster file only; the machine itself is not touched.",
                ButtonType.CANCEL, ButtonType.OK);
        confirm.initOwner(owner);
        confirm.setTitle("Delete server");
        confirm.setHeaderText("Delete " + server.role().label().toLowerCase() + " " + server.name() + "?");
        confirm.getDialogPane().setId("confirm-delete");
        confirm.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        Button ok = (Button) confirm.getDialogPane().lookupButton(ButtonType.OK);
        ok.setText("Delete");
        ok.setDefaultButton(false);
        ((Button) confirm.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        confirm.setOnHidden(e -> {
            if (confirm.getResult() == ButtonType.OK) {
                onDelete.run();
            }
        });
        confirm.show();
    }

    static void error(javafx.stage.Window owner, String title, String detail) {
        Alert alert = new Alert(Alert.AlertType.ERROR, detail, ButtonType.CLOSE);
        alert.initOwner(owner);
        alert.setTitle("Orrery");
        alert.setHeaderText(title);
        alert.getDialogPane().setId("error-dialog");
        alert.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        alert.getDialogPane().setMinWidth(520);
        alert.show();
    }
}
