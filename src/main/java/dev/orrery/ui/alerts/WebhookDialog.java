package dev.orrery.ui.alerts;

import dev.orrery.model.Rules;
import dev.orrery.model.Webhook;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/** Asks for a webhook's name, body format and URL (typed in a password field: the URL is a secret). */
final class WebhookDialog {

    /** What the dialog hands back. */
    @FunctionalInterface
    interface Result {
        void accept(String name, Webhook.Format format, String url);
    }

    private WebhookDialog() {
    }

    static void show(Window owner, Result then) {
        Dialog<ButtonType> d = new Dialog<>();
        if (owner != null) {
            d.initOwner(owner);
        }
        d.setTitle("Add webhook");
        d.setHeaderText("Alerts are posted to this URL; it is kept like the DigitalOcean token, never in the cluster file.");
        TextField name = new TextField("ops");
        ChoiceBox<Webhook.Format> format = new ChoiceBox<>();
        format.getItems().setAll(Webhook.Format.values());
        format.setValue(Webhook.Format.SLACK);
        PasswordField url = new PasswordField();
        url.setPromptText("https://hooks.slack.com/services/…");
        Label problem = new Label();
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        g.addRow(0, new Label("Name"), name);
        g.addRow(1, new Label("Body"), format);
        g.addRow(2, new Label("URL"), url);
        g.add(problem, 1, 3);
        d.getDialogPane().setContent(g);
        d.getDialogPane().getButtonTypes().setAll(ButtonType.CANCEL, ButtonType.OK);
        var ok = d.getDialogPane().lookupButton(ButtonType.OK);
        Runnable check = () -> {
            String why = Rules.name(name.getText()).map(m -> "Name " + m).orElse(Rules.webhookUrl(url.getText()).map(m -> "URL " + m).orElse(null));
            problem.setText(why == null ? "" : why);
            ok.setDisable(why != null);
        };
        name.textProperty().addListener(o -> check.run());
        url.textProperty().addListener(o -> check.run());
        check.run();
        d.setOnHidden(e -> {
            if (d.getResult() == ButtonType.OK) {
                then.accept(name.getText(), format.getValue(), url.getText().strip());
            }
        });
        d.show();
    }
}
