package dev.orrery.ui.sandbox;

import dev.orrery.model.Server;
import dev.orrery.ui.main.MainWindow;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;

import java.nio.file.Path;

/** What the sandbox asks before it acts; none of these blocks the window (shown, not waited for). */
final class SandboxQuestions {
    static final ButtonType KEEP = new ButtonType("Keep it running in the background", ButtonBar.ButtonData.CANCEL_CLOSE);
    static final ButtonType STOP = new ButtonType("Stop the sandbox", ButtonBar.ButtonData.OK_DONE);

    private final MainWindow window;

    SandboxQuestions(MainWindow window) {
        this.window = window;
    }

    /** Another cluster was opened while the sandbox runs: keep it in the background, or stop it. */
    void keepOrStop(Runnable stop) {
        Alert a = alert(Alert.AlertType.CONFIRMATION, "sandbox-keep-or-stop", "The sandbox is still running",
                "Its app servers and nginx keep running on this machine while you look at the other cluster. "
                        + "Sandbox ▸ Start shows it again; closing Orrery stops it.", KEEP, STOP);
        a.setOnHidden(e -> {
            if (a.getResult() == STOP) {
                stop.run();
            }
        });
        a.show();
    }

    /** Delete on a sandbox app server: says that its process stops and that the balancer lets it go first. */
    void confirmDelete(Server server, String pid, Path folder, Runnable delete) {
        Alert a = alert(Alert.AlertType.CONFIRMATION, "confirm-delete", "Delete app server " + server.name() + "?",
                "This stops " + server.name() + "'s process" + (pid == null ? "" : " (pid " + pid + ")")
                        + " and removes it from the balancer: nginx stops sending it requests first, then the app is stopped "
                        + "and its folder " + folder + " is deleted. The other app servers keep serving.",
                ButtonType.CANCEL, ButtonType.OK);
        Button ok = (Button) a.getDialogPane().lookupButton(ButtonType.OK);
        ok.setText("Stop and delete");
        ok.setDefaultButton(false);
        ((Button) a.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        a.setOnHidden(e -> {
            if (a.getResult() == ButtonType.OK) {
                delete.run();
            }
        });
        a.show();
    }

    /** Reset: everything of the sandbox goes. */
    void confirmReset(Path folder, Runnable reset) {
        Alert a = alert(Alert.AlertType.CONFIRMATION, "confirm-sandbox-reset", "Reset the sandbox?",
                "This stops every sandbox process, deletes " + folder + " (its cluster, releases and logs) and starts a new sandbox on v1.",
                ButtonType.CANCEL, ButtonType.OK);
        ((Button) a.getDialogPane().lookupButton(ButtonType.OK)).setText("Reset");
        a.setOnHidden(e -> {
            if (a.getResult() == ButtonType.OK) {
                reset.run();
            }
        });
        a.show();
    }

    private Alert alert(Alert.AlertType type, String id, String header, String text, ButtonType... buttons) {
        Alert a = new Alert(type, text, buttons);
        a.initOwner(window.scene().getWindow());
        a.setTitle("Sandbox");
        a.setHeaderText(header);
        a.getDialogPane().setId(id);
        a.getDialogPane().getStylesheets().setAll(window.scene().getStylesheets());
        a.getDialogPane().setMinWidth(480);
        return a;
    }
}
