package dev.orrery.ui.health;

import dev.orrery.health.ActOnHealth;
import dev.orrery.health.BalancerView;
import dev.orrery.health.HealthMonitor;
import dev.orrery.health.ServerHealth;
import dev.orrery.model.HealthCheck;
import dev.orrery.proxy.ProxyRenderer;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;

import java.util.List;

/**
 * The health view: the check-status-like table (Orrery's view beside the balancer's), a live
 * latency chart of the selected servers (the first few when none is selected) that scrolls back
 * through the hour of history, and an up/down timeline of every server. A self-contained node:
 * create it on the FX thread with a monitor, put it anywhere, {@link #dispose()} it when done.
 *
 * <pre>{@code
 * HealthView view = new HealthView(monitor);
 * tab.setContent(view);
 * view.showLook("app-2", look);   // the status column shows the live state's look
 * }</pre>
 */
public final class HealthView extends BorderPane {
    /** The chart shows five minutes; the history behind it is an hour. */
    public static final long WINDOW_MS = 5 * 60_000L;

    private final HealthMonitor monitor;
    private final HealthFxModel model;
    private final HealthFxBridge bridge;
    private final HealthTable table;
    private final LatencyChart chart;
    private final UpDownTimeline timeline;
    private final Label header = new Label();
    private final Label balancerLine = new Label();
    /** A DigitalOcean Load Balancer's status (the API's, through ServerLook); hidden for a balancer on a droplet. */
    private final Label managedLine = new Label();
    private final VBox top;

    public HealthView(HealthMonitor monitor) {
        this.monitor = monitor;
        this.model = new HealthFxModel(monitor.nowMillis());
        this.bridge = new HealthFxBridge(50_000, 5_000, model::accept);
        bridge.onIdle(model::drawIfDue);
        getStyleClass().add("health-view");
        table = new HealthTable(model);
        chart = new LatencyChart(model, monitor::historyAsync, monitor::nowMillis, WINDOW_MS, 3_600_000L);
        timeline = new UpDownTimeline(model, chart, this::allNames);
        model.onChanged(this::updateBalancerLine);
        model.rows().addListener((ListChangeListener<HealthRow>) c -> chartSelection());
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<HealthRow>) c -> chartSelection());

        refreshHeader();
        header.setWrapText(true);
        balancerLine.setWrapText(true);
        managedLine.setId("health-managed-balancer");
        managedLine.setWrapText(true);
        managedLine.setVisible(false);
        managedLine.setManaged(false);
        top = new VBox(2, header, managedLine, balancerLine);
        top.setPadding(new Insets(6));
        setTop(top);
        SplitPane split = new SplitPane(table, chart, timeline);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.4, 0.78);
        setCenter(split);
        updateBalancerLine();

        monitor.addListener(bridge);
        bridge.start();
        refreshServers();
    }

    /**
     * Shows the "act on it" switch for this option (off until the user turns it on). The
     * tooltip says what it does, because it changes the balancer's configuration.
     */
    public CheckBox showActOnHealth(ActOnHealth act) {
        CheckBox box = new CheckBox("Take servers Orrery sees down out of the balancer (stock nginx, while Orrery runs)");
        box.setSelected(act.enabled());
        box.setTooltip(new Tooltip("A stock nginx has only passive checks: a dead server keeps getting requests until"
                + " max_fails trips, and is then retried every fail_timeout (" + ProxyRenderer.PASSIVE_FAIL_TIMEOUT_SECONDS + " s as Orrery"
                + " renders it); a retry to a host that vanished holds a request for proxy_connect_timeout (the health"
                + " check's timeout). With this on, a server Orrery's probes see go down is rendered 'down'"
                + " and nginx reloaded, and it is put back when the probes see it up again. Never the last serving"
                + " server, never on HAProxy or nginx with the check module (they check for themselves)."));
        box.selectedProperty().addListener((o, was, on) -> act.setEnabled(on));
        box.setId("health-act-on-it");
        top.getChildren().add(box);
        return box;
    }

    /** Re-reads the check settings and the probe route (after {@code monitor.setRoute}). */
    public void refreshHeader() {
        HealthCheck hc = monitor.check();
        header.setText(String.format("GET :%d%s every %d ms · rise %d · fall %d · timeout %d ms · probes %s",
                monitor.appPort(), hc.path(), hc.intervalMs(), hc.rise(), hc.fall(), hc.timeoutMs(), monitor.routeDescription()));
    }

    /** Re-reads the monitor's servers (after servers were added or removed) and the route; never waits. */
    public void refreshServers() {
        refreshHeader();
        monitor.snapshotAsync().thenAccept(list -> Platform.runLater(() -> model.resync(list)));
    }

    /** Applies a snapshot now (tests, or a caller that already has one). */
    public void resync(List<ServerHealth> snapshot) {
        model.resync(snapshot);
    }

    /** The menu a right-clicked row shows: the window's shared server menu (the same as the node's). */
    public void setRowMenu(java.util.function.Function<String, javafx.scene.control.ContextMenu> menu) {
        table.setRowMenu(menu);
    }

    /**
     * The cluster's configuration: drained servers, and the upstream as rendered, shown in the
     * balancer columns while the balancer's own view cannot be read (stock nginx has none).
     */
    public void showConfigured(dev.orrery.model.Cluster cluster) {
        model.setConfigured(cluster);
        updateBalancerLine();
    }

    /**
     * The status column's word and colour for {@code server}: the look the live state's
     * {@link dev.orrery.engine.state.ServerLook} gave it (the same as the node's). FX thread.
     */
    public void showLook(String server, dev.orrery.engine.state.Look look) {
        model.setLook(server, look);
    }

    /**
     * The cluster's DigitalOcean Load Balancer as the live state's look says (its status from
     * {@code GET /v2/load_balancers}): the same word and colour as its node. FX thread.
     */
    public void showBalancerStatus(String name, dev.orrery.engine.state.Look look) {
        managedLine.setText("DigitalOcean Load Balancer " + name + ": " + look.word() + " — " + look.detail());
        dev.orrery.ui.live.ToneStyle.apply(managedLine, look.tone());
        managedLine.setVisible(true);
        managedLine.setManaged(true);
    }

    /** The managed balancer line, null while hidden (tests). */
    public String balancerStatusText() {
        return managedLine.isVisible() ? managedLine.getText() : null;
    }

    public void dispose() {
        monitor.removeListener(bridge);
        bridge.stop();
    }

    public HealthFxModel model() {
        return model;
    }

    public HealthFxBridge bridge() {
        return bridge;
    }

    public HealthTable table() {
        return table;
    }

    public LatencyChart chart() {
        return chart;
    }

    public UpDownTimeline timeline() {
        return timeline;
    }

    private List<String> allNames() {
        return model.rows().stream().map(HealthRow::name).toList();
    }

    private void chartSelection() {
        List<String> selected = table.getSelectionModel().getSelectedItems().stream()
                .filter(java.util.Objects::nonNull).map(HealthRow::name).toList();
        List<String> names = selected.isEmpty() ? allNames() : selected;
        if (!names.equals(chart.shown())) {
            chart.setShown(names);
        }
    }

    private void updateBalancerLine() {
        BalancerView v = model.balancerView();
        long disagreeing = model.rows().stream().filter(HealthRow::disagrees).count();
        String reason = model.configuredReason();
        String text = reason != null ? reason
                : v == null ? "Balancer's own view: not read yet"
                : v.error() != null ? "Balancer's own view (" + v.source() + "): unavailable — " + v.error()
                : "Balancer's own view (" + v.source() + ")" + (v.activeChecks() ? ", active checks" : ", passive checks only")
                + (disagreeing > 0 ? " — disagrees with Orrery on " + disagreeing + " server" + (disagreeing == 1 ? "" : "s") : " — agrees");
        if (!text.equals(balancerLine.getText())) {
            balancerLine.setText(text);
            balancerLine.setStyle(disagreeing > 0 ? "-fx-text-fill: #b35c00; -fx-font-weight: bold;" : "");
        }
    }
}
