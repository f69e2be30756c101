package dev.orrery.ui.inspector;

import dev.orrery.engine.state.Look;
import dev.orrery.engine.state.ServerLive;
import dev.orrery.engine.state.ServerLook;
import dev.orrery.model.Cluster;
import dev.orrery.model.Server;
import dev.orrery.ui.form.ServerCheck;
import dev.orrery.ui.form.ServerForm;
import dev.orrery.ui.live.FileLook;
import dev.orrery.ui.live.ToneStyle;
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
    private final Button balancerConfig = new Button("Configuration…");
    private final Button balancerPush = new Button("Push configuration");
    private final HBox balancerActions = new HBox(8, balancerConfig, balancerPush);
    private Consumer<Server> onShowConfig = s -> { };
    private Consumer<Server> onPush = s -> { };
    private final VBox details;
    private BiConsumer<String, Server> onApply = (oldName, s) -> { };
    private Consumer<Server> onDelete = s -> { };
    private Server shown;
    private Label state;
    private Label release;
    private final Label why = new Label();
    private int localFactsFrom;
    private java.util.Map<String, String> factsShown = java.util.Map.of();
    /** The provider of servers that are processes on this machine (the sandbox's). */
    private static final String LOCAL_PROVIDER = "sandbox";

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
        javafx.scene.layout.ColumnConstraints labels = new javafx.scene.layout.ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        javafx.scene.layout.ColumnConstraints values = new javafx.scene.layout.ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        facts.getColumnConstraints().setAll(labels, values);
        why.setId("inspector-why");
        why.getStyleClass().add("inspector-why");
        why.setWrapText(true);
        why.setMaxWidth(220);

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
        balancerConfig.setId("inspector-balancer-config");
        balancerConfig.setOnAction(e -> onShowConfig.accept(shown));
        balancerPush.setId("inspector-balancer-push");
        balancerPush.setOnAction(e -> onPush.accept(shown));
        balancerActions.getStyleClass().add("inspector-buttons");
        details = new VBox(14, title, facts, balancerActions, form.node(), buttons);
        getChildren().addAll(heading, empty, details);
        clear();
    }

    /** Shows {@code server} of {@code cluster}; edits are checked against that cluster. */
    public void show(Cluster cluster, Server server) {
        shown = server;
        form.setServer(server);
        form.setChecker(s -> ServerCheck.forEdit(cluster, server.name(), s));
        title.setText(server.name());
        // A sandbox server is a process here: it has no SSH settings to show or edit.
        form.setSshShown(!LOCAL_PROVIDER.equals(server.provider()));
        facts.getChildren().clear();
        int row = 0;
        fact(row++, "Role", server.role().label());
        state = fact(row++, "State", "");
        why.setText("");
        facts.add(why, 1, row++);
        fact(row++, "Provider", server.provider());
        if (server.dropletId() != null) {
            fact(row++, "Droplet", server.dropletId());
        }
        if ((server.region() != null || server.size() != null) && !LOCAL_PROVIDER.equals(server.provider())) {
            fact(row++, "Region / size", orDash(server.region()) + " / " + orDash(server.size()));
        }
        release = fact(row++, "Release", server.release() == null ? "none deployed" : server.release());
        localFactsFrom = row;
        factsShown = java.util.Map.of();
        showLive(null, FileLook.of(server));
        boolean balancer = server.role() == dev.orrery.model.Role.BALANCER;
        balancerActions.setVisible(balancer);
        balancerActions.setManaged(balancer);
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

    /** Neither a server nor the hint: a node that is no server of the file is selected (its own section shows it). */
    public void showOther() {
        shown = null;
        empty.setVisible(false);
        empty.setManaged(false);
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

    /** The balancer's Configuration view (shown only for the balancer). */
    public void setOnShowConfig(Consumer<Server> handler) {
        onShowConfig = handler;
    }

    /** The balancer's Push action (shown only for the balancer). */
    public void setOnPush(Consumer<Server> handler) {
        onPush = handler;
    }

    private void applyEdit() {
        if (shown == null || !form.changedProperty().get()) {
            return;
        }
        form.candidate().ifPresent(edited -> onApply.accept(shown.name(), edited));
    }

    private Label fact(int row, String label, String value) {
        Label l = new Label(label);
        l.getStyleClass().add("form-label");
        Label v = new Label(value == null ? "—" : value);
        v.getStyleClass().add("fact-value");
        v.setWrapText(true);
        v.setId("inspector-fact-" + label.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", "-"));
        facts.add(l, 0, row);
        facts.add(v, 1, row);
        return v;
    }

    /**
     * What the live state says of the shown server: its state line (the look's word and colour,
     * and why), its release (the full id and its short label), and — for a process on this
     * machine — its local facts (pid, address:port, log file) instead of SSH settings.
     */
    public void showLive(ServerLive live, Look look) {
        if (shown == null || state == null || look == null) {
            return;
        }
        state.setText(look.word());
        ToneStyle.apply(state, look.tone());
        why.setText(look.detail());
        if (live == null) {
            return;
        }
        release.setText(live.release() == null ? "none deployed"
                : live.release() + (live.releaseLabel() != null && !live.releaseLabel().equals(live.release()) ? "  (" + live.releaseLabel() + ")" : ""));
        if (live.facts().equals(factsShown)) {
            return; // only redraw the rows when what this machine says changed
        }
        factsShown = live.facts();
        facts.getChildren().removeIf(n -> GridPane.getRowIndex(n) != null && GridPane.getRowIndex(n) >= localFactsFrom);
        int row = localFactsFrom;
        for (ServerLook.FactRow f : ServerLook.factRows(live.facts())) {
            fact(row++, f.label(), f.value());
        }
    }

    private static String orDash(String v) {
        return v == null || v.isEmpty() ? "—" : v;
    }
}
