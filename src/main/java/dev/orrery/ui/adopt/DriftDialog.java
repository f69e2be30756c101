package dev.orrery.ui.adopt;

import dev.orrery.adopt.DriftItem;
import dev.orrery.adopt.DriftReport;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** The drift findings, each with its suggested action, and a button to check again. */
final class DriftDialog {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private DriftDialog() {
    }

    static Dialog<ButtonType> show(Window owner, DriftBadge badge) {
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(owner);
        d.initModality(Modality.NONE);
        d.setResizable(true);
        d.setTitle("Drift");
        d.setHeaderText("How the live cluster differs from its file");
        d.getDialogPane().setId("drift-dialog");
        if (owner != null && owner.getScene() != null) {
            d.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        VBox list = new VBox(10);
        list.setId("drift-list");
        Button check = new Button("Check now");
        check.setId("drift-check");
        Label when = new Label();
        when.setId("drift-when");
        Runnable fill = () -> fill(list, when, badge);
        check.setOnAction(e -> {
            check.setDisable(true);
            when.setText("Checking every server, the balancer and DigitalOcean…");
            badge.check(() -> {
                check.setDisable(false);
                fill.run();
            });
        });
        fill.run();
        ScrollPane scroll = new ScrollPane(list);
        scroll.setFitToWidth(true);
        scroll.setPrefViewportHeight(360);
        d.getDialogPane().setContent(new VBox(8, new javafx.scene.layout.HBox(10, check, when), scroll));
        d.getDialogPane().setPrefWidth(720);
        d.getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE);
        d.show();
        return d;
    }

    private static void fill(VBox list, Label when, DriftBadge badge) {
        list.getChildren().clear();
        DriftReport r = badge.reportProperty().get();
        if (r == null) {
            when.setText(badge.checking() ? "Checking…" : "Not checked yet: a check connects to every server (host keys are never trusted here).");
            return;
        }
        when.setText("Checked at " + TIME.format(r.checkedAt()) + (r.clean() ? ": no drift." : ": " + r.items().size() + " finding(s)."));
        for (DriftItem i : r.items()) {
            Label kind = new Label(i.kind().label().toUpperCase(java.util.Locale.ROOT) + " · " + i.subject());
            kind.getStyleClass().addAll("drift-kind", "tone-warn");
            Label finding = new Label(i.finding());
            finding.setWrapText(true);
            Label action = new Label("→ " + i.action());
            action.setWrapText(true);
            action.getStyleClass().add("drift-action");
            VBox row = new VBox(2, kind, finding, action);
            row.getStyleClass().add("drift-item");
            list.getChildren().add(row);
        }
        for (String n : r.notes()) {
            Label note = new Label("Note: " + n);
            note.setWrapText(true);
            note.getStyleClass().add("panel-hint");
            list.getChildren().add(note);
        }
    }

    static void failed(Window owner, Throwable e) {
        Alert a = new Alert(Alert.AlertType.ERROR, e.getMessage(), ButtonType.OK);
        a.initOwner(owner);
        a.setHeaderText("The drift check failed");
        a.show();
    }
}
