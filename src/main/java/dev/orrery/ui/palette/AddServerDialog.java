package dev.orrery.ui.palette;

import dev.orrery.model.Cluster;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.ui.form.ServerCheck;
import dev.orrery.ui.form.ServerForm;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * The small dialog a drop opens: a server of the dropped role, pre-filled with the next free name
 * and the SSH settings the cluster already uses; OK stays disabled while any field is refused.
 */
public final class AddServerDialog {

    private AddServerDialog() {
    }

    /** Opens the dialog without blocking; {@code onAdd} gets the server if the user presses OK. */
    public static Dialog<Server> show(Window owner, Cluster cluster, Role role, Consumer<Server> onAdd) {
        ServerForm form = new ServerForm("dialog");
        Server draft = Server.of(cluster.suggestName(role), role, "");
        Server like = cluster.servers().stream().filter(s -> s.role() == role).findFirst()
                .orElse(cluster.servers().isEmpty() ? null : cluster.servers().get(0));
        if (like != null) {
            // A new droplet is usually reached the way its siblings are.
            draft = draft.withSsh(like.sshUser(), like.sshPort(), like.sshKey());
        }
        draft = draft.withAddresses("", null);
        form.setServer(draft);
        form.setChecker(s -> ServerCheck.forNew(cluster, s));

        Dialog<Server> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Add " + role.label().toLowerCase(Locale.ROOT));
        dialog.setHeaderText("New " + role.label().toLowerCase(Locale.ROOT) + " in " + cluster.name());
        dialog.getDialogPane().setId("add-server-dialog");
        dialog.getDialogPane().getStyleClass().add("orrery-dialog");
        if (owner != null && owner.getScene() != null) {
            dialog.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        Label note = new Label("The server is added to the cluster file; Orrery does not contact it yet.");
        note.getStyleClass().add("panel-hint");
        note.setWrapText(true);
        dialog.getDialogPane().setContent(new VBox(12, form.node(), note));
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        Node ok = dialog.getDialogPane().lookupButton(ButtonType.OK);
        ok.setId("dialog-ok");
        ok.disableProperty().bind(form.validProperty().not());
        dialog.setResultConverter(button -> button == ButtonType.OK ? form.candidate().orElse(null) : null);
        dialog.setOnHidden(e -> {
            Server result = dialog.getResult();
            if (result != null) {
                onAdd.accept(result);
            }
        });
        dialog.show();
        Platform.runLater(() -> {
            form.field("publicAddress").requestFocus();
        });
        return dialog;
    }
}
