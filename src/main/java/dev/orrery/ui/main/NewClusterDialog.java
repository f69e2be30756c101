package dev.orrery.ui.main;

import dev.orrery.model.Rules;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.util.function.Consumer;

/** File ▸ New: asks for the cluster's name, checked by {@link Rules#name} as it is typed. */
final class NewClusterDialog {

    private NewClusterDialog() {
    }

    static void show(Window owner, String folder, Consumer<String> onCreate) {
        TextField name = new TextField();
        name.setId("new-cluster-name");
        name.setPromptText("crater");
        Label error = new Label();
        error.setId("new-cluster-error");
        error.getStyleClass().add("field-error");
        error.setWrapText(true);
        Label where = new Label("The cluster file goes in " + folder);
        where.getStyleClass().add("panel-hint");
        where.setWrapText(true);
        Dialog<String> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("New cluster");
        dialog.setHeaderText("Name the new cluster");
        dialog.getDialogPane().getStyleClass().add("orrery-dialog");
        if (owner != null && owner.getScene() != null) {
            dialog.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        dialog.getDialogPane().setContent(new VBox(6, new Label("Name"), name, error, where));
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        var ok = dialog.getDialogPane().lookupButton(ButtonType.OK);
        name.textProperty().addListener((o, was, now) -> error.setText(Rules.name(now).map(m -> "Name " + m).orElse("")));
        ok.disableProperty().bind(error.textProperty().isNotEmpty().or(name.textProperty().isEmpty()));
        dialog.setResultConverter(b -> b == ButtonType.OK ? name.getText() : null);
        dialog.setOnHidden(e -> {
            if (dialog.getResult() != null) {
                onCreate.accept(dialog.getResult());
            }
        });
        dialog.show();
        name.requestFocus();
    }
}
