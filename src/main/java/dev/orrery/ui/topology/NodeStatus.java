package dev.orrery.ui.topology;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * THE SEAM FOR LIVE HEALTH. Each node in the topology shows one {@code NodeStatus}, which
 * something outside the topology sets: today nothing does, so every node says "not monitored";
 * the health view model (branch {@code health}) is meant to hold the status of each server via
 * {@link TopologyView#status(String)} and set it on the FX thread:
 * <pre>{@code
 * NodeStatus s = topology.status("app-2");
 * s.set("up", NodeStatus.UP);              // word + style class (colour comes from orrery.css)
 * s.setDetail("200 OK in 41 ms");          // tooltip
 * s.samples().setAll(latencies);           // optional: drawn as a sparkline
 * topology.setSparklineFactory(Sparkline::new);   // optional: health's own Sparkline node
 * }</pre>
 * With the health feature's classes (branch {@code health}) the wiring is, on the FX thread:
 * <pre>{@code
 * model.onStateChange(c -> topology.status(c.server())
 *         .set(NodeHealthStyle.word(c.to()), NodeHealthStyle.styleClass(c.to())));
 * topology.setSparklineFactory(status -> {
 *     Sparkline line = new Sparkline(64, 16);
 *     status.samples().addListener((ListChangeListener<Double>) ch ->
 *             line.update(status.samples().stream().mapToDouble(Double::doubleValue).toArray()));
 *     return line;
 * });
 * }</pre>
 * ({@code orrery.css} styles both {@code status-*} and health's {@code health-up/down/checking}.)
 * A status outlives redraws (it is keyed by server name), so setting it once is enough.
 * Always set a word with the style class: the view never relies on colour alone.
 */
public final class NodeStatus {
    public static final String UNKNOWN = "status-unknown";
    public static final String UP = "status-up";
    public static final String DEGRADED = "status-degraded";
    public static final String DOWN = "status-down";
    public static final String DRAINED = "status-drained";

    private final StringProperty word = new SimpleStringProperty(this, "word", "not monitored");
    private final StringProperty styleClass = new SimpleStringProperty(this, "styleClass", UNKNOWN);
    private final StringProperty detail = new SimpleStringProperty(this, "detail", "No health checks run for this server yet.");
    private final ObservableList<Double> samples = FXCollections.observableArrayList();
    private final DoubleProperty cpu = new SimpleDoubleProperty(this, "cpu", Double.NaN);
    private final DoubleProperty memory = new SimpleDoubleProperty(this, "memory", Double.NaN);

    /** Sets the word shown on the node and the style class that colours it. */
    public void set(String newWord, String newStyleClass) {
        styleClass.set(newStyleClass);
        word.set(newWord);
    }

    public void setDetail(String text) {
        detail.set(text);
    }

    public ReadOnlyStringProperty wordProperty() {
        return word;
    }

    public ReadOnlyStringProperty styleClassProperty() {
        return styleClass;
    }

    public ReadOnlyStringProperty detailProperty() {
        return detail;
    }

    /**
     * THE SEAM FOR METRICS: the server's latest CPU and memory use in percent (NaN: unknown, the
     * bars hide), set by the metrics feature on the FX thread and drawn as two small bars.
     */
    public void setResources(double cpuPercent, double memoryPercent) {
        cpu.set(cpuPercent);
        memory.set(memoryPercent);
    }

    public ReadOnlyDoubleProperty cpuProperty() {
        return cpu;
    }

    public ReadOnlyDoubleProperty memoryProperty() {
        return memory;
    }

    /** Recent values (e.g. response times in ms), oldest first; empty hides the sparkline. */
    public ObservableList<Double> samples() {
        return samples;
    }
}
