package dev.orrery.ui.security;

import dev.orrery.engine.Engine;
import dev.orrery.engine.FirewallJob;
import dev.orrery.model.Cluster;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.security.CloudFirewallPlan;
import dev.orrery.security.HostFirewall;
import dev.orrery.security.OpenPorts;
import dev.orrery.security.ServerSecurity;
import javafx.application.Platform;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The selected server's security in the inspector: what is open to whom (from the same plan
 * {@code orrery firewall plan} prints, both layers), and what the last check found — root or
 * sudo, systemd or supervisor, host and Cloud Firewall, whether the app port answers from
 * outside (the same job as {@code orrery ssh-check}). Check and Apply firewall submit engine
 * jobs; their results come back to the FX thread, which never waits on them.
 * Ids: {@code inspector-security}, {@code security-open}, {@code security-fact-*},
 * {@code security-check}, {@code security-apply}, {@code security-status}.
 */
public final class SecurityInspectorSection extends VBox {
    private final Engine engine;
    private final SecurityAccess access;
    private final ObservableValue<Cluster> cluster;
    private final ObservableValue<String> selected;
    private final GridPane open = new GridPane();
    private final GridPane facts = new GridPane();
    private final Button check = new Button("Check");
    private final Button apply = new Button("Apply firewall");
    private final Label status = new Label();
    /** The last check's rows by server, for the cluster they were read from. */
    private final Map<String, ServerSecurity> found = new HashMap<>();
    private String foundFor;

    public SecurityInspectorSection(Engine engine, SecurityAccess access, ObservableValue<Cluster> cluster, ObservableValue<String> selected) {
        super(6);
        this.engine = engine;
        this.access = access;
        this.cluster = cluster;
        this.selected = selected;
        setId("inspector-security");
        Label heading = new Label("SECURITY");
        heading.getStyleClass().add("panel-heading");
        open.setId("security-open");
        open.setHgap(8);
        open.setVgap(2);
        facts.setHgap(10);
        facts.setVgap(3);
        status.setId("security-status");
        status.setWrapText(true);
        status.setMaxWidth(260);
        check.setId("security-check");
        check.setOnAction(e -> runCheck());
        apply.setId("security-apply");
        apply.setOnAction(e -> runApply());
        getChildren().addAll(heading, open, facts, new HBox(8, check, apply), status);
        cluster.addListener((o, was, now) -> update());
        selected.addListener((o, was, now) -> update());
        update();
    }

    private Server shownServer() {
        Cluster c = cluster.getValue();
        String name = selected.getValue();
        return c == null || name == null ? null : c.server(name).orElse(null);
    }

    private void update() {
        Server s = shownServer();
        Cluster c = cluster.getValue();
        boolean shown = s != null && !"sandbox".equals(s.provider());
        setVisible(shown);
        setManaged(shown);
        if (!shown) {
            return;
        }
        if (!c.name().equals(foundFor)) {
            found.clear();
        }
        open.getChildren().clear();
        boolean closable = s.role() != Role.DATABASE;
        if (c.sshFrom().isEmpty()) {
            open.add(hint("No SSH allow-list yet: set it with `orrery firewall plan " + c.name() + ".json --ssh-from ADDRESS --save`."), 0, 0, 3, 1);
        } else if (!closable) {
            open.add(hint("Database servers are not Orrery's to close."), 0, 0, 3, 1);
        } else {
            try {
                List<OpenPorts.Opening> rows = OpenPorts.of(HostFirewall.forCluster(c, c.sshFrom()), CloudFirewallPlan.forCluster(c, c.sshFrom()))
                        .stream().filter(o -> o.server().equals(s.name())).toList();
                int r = 0;
                for (OpenPorts.Opening o : rows) {
                    Label port = new Label(o.port());
                    port.setId("security-open-" + o.port());
                    Label from = new Label(o.from());
                    from.setWrapText(true);
                    from.setMaxWidth(170);
                    open.addRow(r++, port, from, new Label(o.layers()));
                }
                open.add(hint("Once applied; everything else is dropped."), 0, r, 3, 1);
            } catch (IllegalArgumentException e) {
                open.add(hint("Cannot be closed as it is: " + e.getMessage()), 0, 0, 3, 1);
            }
        }
        apply.setDisable(c.sshFrom().isEmpty());
        showFacts(found.get(s.name()));
    }

    private void showFacts(ServerSecurity r) {
        facts.getChildren().clear();
        if (r == null) {
            facts.add(hint("Not checked yet: Check logs in to every server."), 0, 0, 2, 1);
            return;
        }
        int row = 0;
        if (!r.reached()) {
            fact(row++, "Reached", "no: " + r.error());
        }
        fact(row++, "Logs in as", r.login());
        fact(row++, "Runs the app with", r.init());
        fact(row++, "Host firewall", r.hostFirewall());
        fact(row++, "Cloud firewall", r.cloudFirewall());
        if (r.role() == Role.APP) {
            Label v = fact(row++, "App port from outside", r.appPortOutside());
            if (r.appPortExposed()) {
                v.setStyle("-fx-text-fill: #c62828;");
                v.setText("open — reachable without the balancer");
            }
        }
    }

    private Label fact(int row, String label, String value) {
        Label l = new Label(label);
        l.getStyleClass().add("form-label");
        Label v = new Label(value == null ? "?" : value);
        v.setWrapText(true);
        v.setMaxWidth(170);
        v.setId("security-fact-" + label.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", "-"));
        facts.addRow(row, l, v);
        return v;
    }

    private static Label hint(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("panel-hint");
        l.setWrapText(true);
        l.setMaxWidth(260);
        return l;
    }

    private void runCheck() {
        Cluster c = cluster.getValue();
        if (c == null) {
            return;
        }
        check.setDisable(true);
        status.setText("Checking every server…");
        engine.submit(access.check(c)).result().whenComplete((rows, error) -> Platform.runLater(() -> {
            check.setDisable(false);
            if (error != null) {
                status.setText("Check failed: " + message(error));
                return;
            }
            found.clear();
            foundFor = c.name();
            rows.forEach(r -> found.put(r.server(), r));
            long reached = rows.stream().filter(ServerSecurity::reached).count();
            status.setText("Checked: " + reached + " of " + rows.size() + " servers answered.");
            update();
        }));
    }

    private void runApply() {
        Cluster c = cluster.getValue();
        if (c == null) {
            return;
        }
        FirewallJobStart start = new FirewallJobStart();
        apply.setDisable(true);
        check.setDisable(true);
        status.setText("Applying the firewall, one server at a time…");
        try {
            start.job = access.apply(c);
        } catch (IllegalArgumentException e) {
            status.setText("Not applied: " + e.getMessage());
            apply.setDisable(false);
            check.setDisable(false);
            return;
        }
        engine.submit(start.job).result().whenComplete((r, error) -> Platform.runLater(() -> {
            apply.setDisable(false);
            check.setDisable(false);
            status.setText(error != null ? "Not applied: " + message(error) : r.summary());
            if (error == null) {
                runCheck(); // show what the servers say now
            }
        }));
    }

    private static final class FirewallJobStart {
        dev.orrery.engine.Job<FirewallJob.Result> job;
    }

    private static String message(Throwable t) {
        Throwable c = t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
        return c.getMessage() != null ? c.getMessage() : c.toString();
    }
}
