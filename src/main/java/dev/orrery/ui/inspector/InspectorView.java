package dev.orrery.ui.inspector;

import dev.orrery.model.Cluster;
import dev.orrery.model.Server;
import dev.orrery.ui.form.ServerCheck;
import dev.orrery.ui.form.ServerForm;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The selected server's properties. Edits are checked as they are typed with the same rules as
 * the add dialog; Apply (or Enter) is refused while any field is wrong, so a bad value is never
 * saved. Delete hands the server to the window, which asks first.
 */
public final class InspectorView extends VBox {
    private final Label heading = new Label("INSPECTOR");
    private final Label title = new Label();
    private final Label empty = new Label("Select a server in the topology to see and edit it.");
    private final GridPane facts = new GridPane();
    private final ServerForm form = new ServerForm("inspector");
    private final Button apply = new Button("Apply");
    private final Button revert = new Button("Revert");
    private final Button delete = new Button("Delete…");
    private final VBox details;
    private BiConsumer<String, Server> onApply = (oldName, s) -> { };
    private Consumer<Server> onDelete = s -> { };
    private Server shown;

    public InspectorView() {
        super(12);
        setId("inspector");
        getStyleClass().add("inspector");
        heading.getStyleClass().add("panel-heading");
        title.getStyleClass().add("inspector-title");
        title.setId("inspector-title");
        empty.getStyleClass().add("panel-hint");
        empty.setWrapText(true);
        facts.getStyleClass().add("inspector-facts");
        facts.setHgap(10);
        facts.setVgap(4);

        apply.setId("inspector-apply");
        apply.getStyleClass().add("accent");
        apply.disableProperty().bind(form.validProperty().not().or(form.changedProperty().not()));
        apply.setOnAction(e -> applyEdit());
        revert.setId("inspector-revert");
        revert.disableProperty().bind(form.changedProperty().not());
        revert.setOnAction(e -> form.setServer(shown));
        delete.setId("inspector-delete");
        delete.getStyleClass().add("danger");
        delete.setOnAction(e -> onDelete.accept(shown));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox buttons = new HBox(8, apply, revert, spacer, delete);
        buttons.getStyleClass().add("inspector-buttons");
        for (String key : new String[] {"name", "publicAddress", "privateAddress", "sshUser", "sshPort", "sshKey"}) {
            TextField f = form.field(key);
            f.setOnAction(e -> applyEdit());
        }
        details = new VBox(14, title, facts, form.node(), buttons);
        getChildren().addAll(heading, empty, details);
        clear();
    }

    /** Shows {@code server} of {@code cluster}; edits are checked against that cluster. */
    public void show(Cluster cluster, Server server) {
        shown = server;
        form.setServer(server);
        form.setChecker(s -> ServerCheck.forEdit(cluster, server.name(), s));
        title.setText(server.name());
        facts.getChildren().clear();
        int row = 0;
        row = fact(row, "Role", server.role().label());
        row = fact(row, "State", (cluster.balancer().isDrained(server.name()) ? "drained" : server.state().word()).toUpperCase(Locale.ROOT));
        row = fact(row, "Provider", server.provider());
        if (server.dropletId() != null) {
            row = fact(row, "Droplet", server.dropletId());
        }
        if (server.region() != null || server.size() != null) {
            row = fact(row, "Region / size", orDash(server.region()) + " / " + orDash(server.size()));
        }
        fact(row, "Release", server.release() == null ? "none deployed" : server.release());
        empty.setVisible(false);
        empty.setManaged(false);
        details.setVisible(true);
        details.setManaged(true);
    }

    public void clear() {
        shown = null;
        empty.setVisible(true);
        empty.setManaged(true);
        details.setVisible(false);
        details.setManaged(false);
    }

    public Server shown() {
        return shown;
    }

    public ServerForm form() {
        return form;
    }

    /** Gets the old name and the edited server, only when every field passes. */
    public void setOnApply(BiConsumer<String, Server> handler) {
        onApply = handler;
    }

    public void setOnDelete(Consumer<Server> handler) {
        onDelete = handler;
    }

    private void applyEdit() {
        if (shown == null || !form.changedProperty().get()) {
            return;
        }
        form.candidate().ifPresent(edited -> onApply.accept(shown.name(), edited));
    }

    private int fact(int row, String label, String value) {
        Label l = new Label(label);
        l.getStyleClass().add("form-label");
        Label v = new Label(value == null ? "—" : value);
        v.getStyleClass().add("fact-value");
        v.setId("inspector-fact-" + label.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", "-"));
        facts.add(l, 0, row);
        facts.add(v, 1, row);
        return row + 1;
    }

    private static String orDash(String v) {
        return v == null || v.isEmpty() ? "—" : v;
    }
}
