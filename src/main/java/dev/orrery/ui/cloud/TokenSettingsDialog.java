package dev.orrery.ui.cloud;

import dev.orrery.cloud.ApiToken;
import dev.orrery.ui.main.Background;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The DigitalOcean settings page: enter the token once (kept in the system keychain, or a file
 * only the owner can read), check that it works, or remove it. The token is never shown back,
 * logged, or put in an error message. Keychain and API calls run in the background.
 */
public final class TokenSettingsDialog {
    private TokenSettingsDialog() {
    }

    public static Dialog<Void> show(Window owner, Background background, CloudAccess cloud) {
        Dialog<Void> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle("DigitalOcean");
        d.setHeaderText("DigitalOcean API token");
        d.getDialogPane().setId("token-dialog");
        if (owner != null && owner.getScene() != null) {
            d.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        Label where = new Label("Kept in " + cloud.store().describe() + ".");
        where.setWrapText(true);
        Label stored = new Label("Looking…");
        stored.setId("token-stored");
        PasswordField field = new PasswordField();
        field.setId("token-field");
        field.setPromptText("dop_v1_…  (a new token replaces the stored one)");
        Button save = new Button("Save");
        save.setId("token-save");
        Button check = new Button("Check");
        check.setId("token-check");
        Button delete = new Button("Remove");
        delete.setId("token-delete");
        delete.getStyleClass().add("danger");
        Label result = new Label();
        result.setId("token-result");
        result.setWrapText(true);
        result.setMaxWidth(520);
        if (cloud.tokenFromEnvironment()) {
            where.setText(where.getText() + " DIGITALOCEAN_TOKEN is set in the environment and is used instead.");
        }
        Runnable refresh = () -> background.run(() -> cloud.store().load().isPresent(),
                has -> stored.setText(has ? "A token is stored." : "No token is stored."),
                e -> stored.setText("Cannot read the stored token: " + e.getMessage()));
        refresh.run();

        save.setOnAction(e -> {
            String typed = field.getText();
            if (typed.isBlank()) {
                say(result, "Paste a token first.", false);
                return;
            }
            ApiToken token = new ApiToken(typed.strip());
            field.clear();
            background.run(() -> {
                cloud.store().save(token);
                return null;
            }, v -> {
                say(result, "Saved.", true);
                refresh.run();
            }, err -> say(result, "Could not save the token: " + token.redact(String.valueOf(err.getMessage())), false));
        });
        check.setOnAction(e -> {
            String typed = field.getText();
            ApiToken typedToken = typed.isBlank() ? null : new ApiToken(typed.strip());
            check.setDisable(true);
            say(result, "Checking…", true);
            background.run(() -> (typedToken != null ? cloud.provider(typedToken) : cloud.provider()).sshKeys().size(), keys -> {
                check.setDisable(false);
                say(result, "The token works: the account has " + keys + " SSH key" + (keys == 1 ? "" : "s") + ".", true);
            }, err -> {
                check.setDisable(false);
                String msg = String.valueOf(err.getMessage());
                say(result, "The token does not work: " + (typedToken != null ? typedToken.redact(msg) : msg), false);
            });
        });
        delete.setOnAction(e -> background.run(() -> {
            cloud.store().delete();
            return null;
        }, v -> {
            say(result, "Removed.", true);
            refresh.run();
        }, err -> say(result, "Could not remove the token: " + err.getMessage(), false)));

        d.getDialogPane().setContent(new VBox(10, where, stored, field, new HBox(8, save, check, delete), result));
        d.getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE);
        d.show();
        return d;
    }

    private static void say(Label result, String text, boolean ok) {
        result.setText(text);
        result.getStyleClass().removeAll("job-ok", "job-failed");
        result.getStyleClass().add(ok ? "job-ok" : "job-failed");
    }
}
