package dev.orrery.ui.managed;

import dev.orrery.engine.state.Look;
import dev.orrery.engine.state.ServerLive;
import dev.orrery.engine.state.ServerLook;
import dev.orrery.model.Cluster;
import dev.orrery.model.Role;
import dev.orrery.ui.live.LiveFxModel;
import dev.orrery.ui.live.ToneStyle;
import dev.orrery.ui.topology.ManagedNode;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The balancer's kind in the inspector. For a DigitalOcean Load Balancer (its node selected): its
 * status as the live state's look says (the API's {@code GET /v2/load_balancers} through
 * {@link ServerLook}, the same as the node and {@code orrery status}), its address, the cookie and
 * DNS notes, and Push / Refresh status. For a balancer droplet: its kind and the move to a managed
 * Load Balancer, with the same notes. Hidden for other servers. FX thread.
 * Ids: {@code managed-section}, {@code managed-kind}, {@code managed-state}, {@code managed-detail},
 * {@code managed-note}, {@code managed-push}, {@code managed-refresh}, {@code managed-migrate}.
 */
public final class ManagedBalancerSection extends VBox {
    private final ObservableValue<Cluster> cluster;
    private final ObservableValue<String> selected;
    private final LiveFxModel model;
    private final Label kind = new Label();
    private final Label state = new Label();
    private final Label detail = new Label();
    private final Label note = new Label();
    private final Button push = new Button("Push to DigitalOcean");
    private final Button refresh = new Button("Refresh status");
    private final Button migrate = new Button("Move to a DigitalOcean Load Balancer…");
    private final HBox managedButtons = new HBox(8, push, refresh);

    public ManagedBalancerSection(ObservableValue<Cluster> cluster, ObservableValue<String> selected, LiveFxModel model,
                                  Runnable onPush, Runnable onRefresh, Runnable onMigrate) {
        super(6);
        this.cluster = cluster;
        this.selected = selected;
        this.model = model;
        setId("managed-section");
        getStyleClass().add("managed-section");
        Label heading = new Label("BALANCER KIND");
        heading.getStyleClass().add("panel-heading");
        kind.setId("managed-kind");
        kind.getStyleClass().add("fact-value");
        kind.setWrapText(true);
        kind.setMaxWidth(240);
        state.setId("managed-state");
        detail.setId("managed-detail");
        detail.setWrapText(true);
        detail.setMaxWidth(240);
        note.setId("managed-note");
        note.getStyleClass().add("panel-hint");
        note.setWrapText(true);
        note.setMaxWidth(240);
        push.setId("managed-push");
        push.setOnAction(e -> onPush.run());
        refresh.setId("managed-refresh");
        refresh.setOnAction(e -> onRefresh.run());
        migrate.setId("managed-migrate");
        migrate.setOnAction(e -> onMigrate.run());
        migrate.setWrapText(true);
        managedButtons.getStyleClass().add("inspector-buttons");
        getChildren().addAll(heading, kind, state, detail, managedButtons, migrate, note);
        cluster.addListener((o, was, now) -> update());
        selected.addListener((o, was, now) -> update());
        model.addListener(new LiveFxModel.Listener() {
            @Override
            public void reset(LiveFxModel m) {
                update();
            }

            @Override
            public void server(ServerLive s, Look was, Look look) {
                if (s.name().equals(selected.getValue())) {
                    update();
                }
            }
        });
        update();
    }

    private void update() {
        Cluster c = cluster.getValue();
        String name = selected.getValue();
        boolean managed = c != null && ManagedNode.is(c, name);
        boolean droplet = c != null && !c.balancer().managedKind() && name != null
                && c.server(name).map(s -> s.role() == Role.BALANCER).orElse(false);
        show(this, managed || droplet);
        if (!managed && !droplet) {
            return;
        }
        show(managedButtons, managed);
        show(state, managed);
        show(detail, managed);
        show(migrate, droplet);
        if (managed) {
            kind.setText("DigitalOcean Load Balancer " + name + (c.balancer().managed() != null ? " in " + c.balancer().managed().region() : ""));
            ServerLive live = model.server(name);
            Look look = model.look(name);
            if (look == null) {
                state.setText("status not read yet");
                ToneStyle.apply(state, dev.orrery.engine.state.Tone.NEUTRAL);
                detail.setText("Orrery asks the DigitalOcean API while the cluster is open.");
            } else {
                state.setText(look.word());
                ToneStyle.apply(state, look.tone());
                String ip = live == null ? null : live.facts().get(ServerLook.MANAGED_IP);
                detail.setText(look.detail() + (ip == null ? "" : "\nUsers reach it at " + ip + " once DNS points there."));
            }
            note.setText(MigrationDialog.STICKY_NOTE + " " + MigrationDialog.DNS_NOTE);
        } else {
            kind.setText(c.balancer().kind().label() + " on " + name + (c.balancer().failover() != null ? " (failover pair)" : ""));
            note.setText("Or let DigitalOcean run the balancer: " + MigrationDialog.STICKY_NOTE + " " + MigrationDialog.DNS_NOTE);
        }
    }

    private static void show(javafx.scene.Node n, boolean on) {
        n.setVisible(on);
        n.setManaged(on);
    }

    /** The state line's text (tests). */
    public String stateText() {
        return state.getText();
    }
}
