package dev.orrery.ui.alerts;

import dev.orrery.alerts.AlertHistory;
import dev.orrery.alerts.WebhookSender;
import dev.orrery.model.AlertRule;
import dev.orrery.model.Cluster;
import dev.orrery.model.ClusterValidator;
import dev.orrery.model.Monitoring;
import dev.orrery.model.Problem;
import dev.orrery.model.Webhook;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Consumer;

/**
 * The Alerts tab: the cluster's rules (kept in its file) with an editor for the selected one,
 * its webhooks with their delivery state (failing ones in red, with why), and the alert history.
 * Edits go out through {@code onChange} as a whole new cluster, validated first; the webhook
 * buttons and the history read through {@link Actions} (off the FX thread).
 */
public final class AlertsView extends BorderPane {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMM d HH:mm:ss").withZone(ZoneId.systemDefault());

    /** What the view asks of the window: all of it runs off the FX thread and answers later. */
    public interface Actions {
        /** Saves the cluster edited here (the window's document). */
        void apply(Cluster next, String what);

        /** The webhooks' delivery state now. */
        List<WebhookSender.Status> webhookStatus();

        /** Reads the history (io pool) and hands it back on the FX thread. */
        void history(Consumer<List<AlertHistory.Entry>> then);

        /** Stores a webhook's URL and adds it to the cluster; says what went wrong, or null. */
        void addWebhook(String name, Webhook.Format format, String url, Consumer<String> then);

        void removeWebhook(String name);

        /** Sends a test message to every webhook; hands back one line per webhook. */
        void test(Consumer<List<String>> then);
    }

    private final Actions actions;
    private final TableView<AlertRule> rules = new TableView<>();
    private final ListView<String> hooks = new ListView<>();
    private final ListView<String> history = new ListView<>();
    private final Label message = new Label();
    private final Spinner<Integer> threshold = new Spinner<>(1, 365, 90);
    private final Spinner<Integer> forSeconds = new Spinner<>(0, 86_400, 60, 10);
    private final Spinner<Integer> clearSeconds = new Spinner<>(0, 86_400, 60, 10);
    private final CheckBox enabled = new CheckBox("on");
    private final Button apply = new Button("Apply");
    private Cluster cluster;

    public AlertsView(Actions actions) {
        this.actions = actions;
        getStyleClass().add("alerts-view");
        setId("alerts-view");
        rules.setId("alert-rules");
        TableColumn<AlertRule, String> on = new TableColumn<>("On");
        on.setCellValueFactory(r -> new ReadOnlyStringWrapper(r.getValue().enabled() ? "on" : "off"));
        TableColumn<AlertRule, String> name = new TableColumn<>("Rule");
        name.setCellValueFactory(r -> new ReadOnlyStringWrapper(r.getValue().name()));
        TableColumn<AlertRule, String> cond = new TableColumn<>("Fires when");
        cond.setCellValueFactory(r -> new ReadOnlyStringWrapper(r.getValue().describe()));
        cond.setPrefWidth(300);
        TableColumn<AlertRule, String> clear = new TableColumn<>("Resolves");
        clear.setCellValueFactory(r -> new ReadOnlyStringWrapper(r.getValue().clearSeconds() == 0 ? "at once"
                : "clear for " + AlertRule.duration(r.getValue().clearSeconds())));
        rules.getColumns().setAll(List.of(on, name, cond, clear));
        rules.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        rules.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> edit(now));

        for (Spinner<Integer> s : List.of(threshold, forSeconds, clearSeconds)) {
            s.setEditable(true);
            s.setPrefWidth(110);
        }
        threshold.setId("alert-threshold");
        forSeconds.setId("alert-for");
        clearSeconds.setId("alert-clear");
        enabled.setId("alert-enabled");
        apply.setId("alert-apply");
        apply.setOnAction(e -> applyEdit());
        GridPane editor = new GridPane();
        editor.setHgap(8);
        editor.setVgap(4);
        editor.addRow(0, new Label("Threshold"), threshold, new Label("Fire after (s)"), forSeconds);
        editor.addRow(1, enabled, new Label(""), new Label("Resolve after (s)"), clearSeconds, apply);
        message.setWrapText(true);
        message.setId("alerts-message");
        VBox left = new VBox(6, new Label("Rules (kept in the cluster file)"), rules, editor, message);
        left.setPadding(new Insets(6));

        hooks.setId("alert-webhooks");
        hooks.setPrefHeight(120);
        Button add = new Button("Add webhook…");
        add.setId("alert-add-webhook");
        add.setOnAction(e -> WebhookDialog.show(getScene() == null ? null : getScene().getWindow(),
                (n, f, url) -> actions.addWebhook(n, f, url, err -> message.setText(err == null ? "Webhook " + n + " added." : err))));
        Button remove = new Button("Remove");
        remove.setOnAction(e -> {
            String sel = hooks.getSelectionModel().getSelectedItem();
            if (sel != null && cluster != null) {
                actions.removeWebhook(sel.split(" ", 2)[0]);
            }
        });
        Button test = new Button("Send test");
        test.setId("alert-test");
        test.setOnAction(e -> {
            message.setText("Sending a test message…");
            actions.test(lines -> message.setText(lines.isEmpty() ? "No webhooks to test; desktop notifications show here."
                    : String.join("\n", lines)));
        });
        HBox hookButtons = new HBox(6, add, remove, test);
        hookButtons.setAlignment(Pos.CENTER_LEFT);
        history.setId("alert-history");
        VBox right = new VBox(6, new Label("Webhooks (URLs kept like the DigitalOcean token)"), hooks, hookButtons,
                new Label("History"), history);
        right.setPadding(new Insets(6));
        SplitPane split = new SplitPane(left, right);
        split.setDividerPositions(0.55);
        setCenter(split);
    }

    /** The cluster as the file now says (FX thread). */
    public void setCluster(Cluster c) {
        cluster = c;
        AlertRule selected = rules.getSelectionModel().getSelectedItem();
        ObservableList<AlertRule> items = FXCollections.observableArrayList(c.monitoringSettings().rules());
        rules.setItems(items);
        if (selected != null) {
            c.monitoringSettings().rule(selected.name()).ifPresent(r -> rules.getSelectionModel().select(r));
        }
        refresh();
    }

    /** Re-reads the webhooks' state and the history (FX thread; the reading happens elsewhere). */
    public void refresh() {
        if (cluster == null) {
            return;
        }
        List<WebhookSender.Status> status = actions.webhookStatus();
        hooks.getItems().setAll(cluster.monitoringSettings().webhooks().stream().map(w -> {
            WebhookSender.Status s = status.stream().filter(x -> x.name().equals(w.name())).findFirst().orElse(null);
            String state = s == null ? "" : s.failing() ? " — FAILING: " + s.lastError() + (s.queued() > 0 ? " (" + s.queued() + " waiting)" : "")
                    : s.delivered() > 0 ? " — ok, " + s.delivered() + " delivered" : " — ok";
            return w.name() + " (" + w.format().key() + ")" + state;
        }).toList());
        actions.history(entries -> history.getItems().setAll(entries.stream().map(e -> TIME.format(Instant.ofEpochMilli(e.event().timeMs()))
                + "  " + (e.event().test() ? "TEST" : e.event().status().toUpperCase(java.util.Locale.ROOT)) + "  " + e.event().text()
                + (e.deliveries().stream().anyMatch(d -> !d.ok()) ? "  (a delivery failed)" : "")).toList()));
    }

    public TableView<AlertRule> rules() {
        return rules;
    }

    public ListView<String> webhooks() {
        return hooks;
    }

    public ListView<String> historyList() {
        return history;
    }

    public String message() {
        return message.getText();
    }

    private void edit(AlertRule r) {
        boolean has = r != null && r.kind() != null;
        threshold.setDisable(!has || !r.kind().hasThreshold());
        apply.setDisable(!has);
        if (!has) {
            return;
        }
        if (r.kind().hasThreshold()) {
            ((javafx.scene.control.SpinnerValueFactory.IntegerSpinnerValueFactory) threshold.getValueFactory()).setMax(r.kind().maxThreshold());
            threshold.getValueFactory().setValue(r.threshold());
        }
        forSeconds.getValueFactory().setValue(r.forSeconds());
        clearSeconds.getValueFactory().setValue(r.clearSeconds());
        enabled.setSelected(r.enabled());
    }

    private void applyEdit() {
        AlertRule r = rules.getSelectionModel().getSelectedItem();
        if (r == null || cluster == null) {
            return;
        }
        AlertRule next = r.withForSeconds(forSeconds.getValue()).withClearSeconds(clearSeconds.getValue()).withEnabled(enabled.isSelected());
        if (r.kind().hasThreshold()) {
            next = next.withThreshold(threshold.getValue());
        }
        Monitoring m = cluster.monitoringSettings().withRule(next);
        Cluster edited = cluster.withMonitoring(m);
        List<Problem> problems = ClusterValidator.validate(edited);
        if (!problems.isEmpty()) {
            message.setText(problems.get(0).toString());
            return;
        }
        message.setText("Rule " + next.name() + ": " + next.describe() + ".");
        actions.apply(edited, "Alert rule " + next.name() + " changed");
    }

    /** Runs {@code r} on the FX thread (from the window's io callbacks). */
    static void fx(Runnable r) {
        if (Platform.isFxApplicationThread()) {
            r.run();
        } else {
            Platform.runLater(r);
        }
    }
}
