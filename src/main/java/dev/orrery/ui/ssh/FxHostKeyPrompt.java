package dev.orrery.ui.ssh;

import dev.orrery.remote.HostKeyPrompt;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.util.function.Supplier;

/**
 * The window's answer to an unknown host key: a dialog showing the key's SHA256 fingerprint with
 * Trust and Refuse; closing it refuses. Called on an engine thread, which waits; the dialog runs
 * on the FX thread. Changed keys never get here (the verifier refuses them first) — see
 * {@link FailureText} for how that refusal is shown.
 */
public final class FxHostKeyPrompt implements HostKeyPrompt {
    public static final ButtonType TRUST = new ButtonType("Trust and connect", ButtonBar.ButtonData.OK_DONE);
    public static final ButtonType REFUSE = new ButtonType("Refuse", ButtonBar.ButtonData.CANCEL_CLOSE);

    private final Supplier<Window> owner;

    public FxHostKeyPrompt(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public synchronized boolean acceptUnknown(String host, String keyType, String fingerprint) {
        // synchronized: two connections at once ask one after the other, never two dialogs stacked
        return FxAsk.ask(answer -> {
            Alert a = new Alert(Alert.AlertType.CONFIRMATION, "", TRUST, REFUSE);
            Window w = owner.get();
            if (w != null) {
                a.initOwner(w);
                if (w.getScene() != null) {
                    a.getDialogPane().getStylesheets().setAll(w.getScene().getStylesheets());
                }
            }
            a.setTitle("Unknown host key");
            a.setHeaderText("Orrery has not seen the host key of " + host + " before.");
            TextField fp = new TextField(fingerprint);
            fp.setEditable(false);
            fp.setId("hostkey-fingerprint");
            fp.setPrefColumnCount(52);
            Label type = new Label(keyType + " key fingerprint:");
            Label advice = new Label("Trust it only if it matches the server's own key (on the server: ssh-keygen -lf "
                    + "/etc/ssh/ssh_host_" + shortType(keyType) + "_key.pub). A trusted key is recorded; a later change is refused.");
            advice.setWrapText(true);
            advice.setMaxWidth(520);
            a.getDialogPane().setContent(new VBox(8, type, fp, advice));
            a.getDialogPane().setId("hostkey-dialog");
            a.setOnHidden(e -> answer.complete(a.getResult() == TRUST));
            a.show();
        }, false);
    }

    private static String shortType(String keyType) {
        return switch (keyType) {
            case "ssh-ed25519" -> "ed25519";
            case "ssh-rsa" -> "rsa";
            default -> keyType.startsWith("ecdsa") ? "ecdsa" : "*";
        };
    }
}
