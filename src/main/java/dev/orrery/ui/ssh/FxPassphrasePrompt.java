package dev.orrery.ui.ssh;

import dev.orrery.remote.PassphrasePrompt;
import javafx.application.Platform;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The window's answer to an encrypted key: a password dialog on the FX thread while the engine
 * thread waits. Cancel gives up on the key (the connector then says so). The passphrase is
 * handed over as a char array and the field is cleared, so no String copy lingers in the dialog.
 */
public final class FxPassphrasePrompt implements PassphrasePrompt {
    private final Supplier<Window> owner;

    public FxPassphrasePrompt(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public synchronized char[] passphrase(Path keyFile, int attempt) {
        return FxAsk.ask(answer -> {
            Dialog<ButtonType> d = new Dialog<>();
            Window w = owner.get();
            if (w != null) {
                d.initOwner(w);
                if (w.getScene() != null) {
                    d.getDialogPane().getStylesheets().setAll(w.getScene().getStylesheets());
                }
            }
            d.setTitle("Key passphrase");
            d.setHeaderText((attempt > 1 ? "Wrong passphrase. " : "") + "Enter the passphrase for " + keyFile);
            PasswordField field = new PasswordField();
            field.setId("passphrase-field");
            Label hint = new Label("Or add the key to the ssh-agent (ssh-add " + keyFile + ") and Orrery will not ask again.");
            hint.setWrapText(true);
            hint.setMaxWidth(480);
            d.getDialogPane().setContent(new VBox(8, field, hint));
            d.getDialogPane().setId("passphrase-dialog");
            d.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
            d.setOnHidden(e -> {
                char[] typed = d.getResult() == ButtonType.OK ? field.getText().toCharArray() : null;
                field.clear();
                answer.complete(typed);
            });
            d.show();
            Platform.runLater(field::requestFocus);
        }, null);
    }
}
