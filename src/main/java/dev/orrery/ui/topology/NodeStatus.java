package dev.orrery.ui.topology;

import dev.orrery.engine.state.Look;
import dev.orrery.engine.state.ServerLive;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What a node shows that is live, kept by server name so it outlives redraws: the server's
 * {@link ServerLive} and the {@link Look} that {@link dev.orrery.engine.state.ServerLook#of}
 * gave it — the ONE source of its badge, word, colour and tooltip — and its recent latencies
 * for the sparkline. The window's live state sets it ({@link TopologyView#showLive}); nothing
 * else decides what a node says.
 */
public final class NodeStatus {
    private final ObjectProperty<Look> look = new SimpleObjectProperty<>(this, "look");
    private final ObjectProperty<ServerLive> live = new SimpleObjectProperty<>(this, "live");
    private final ObservableList<Double> samples = FXCollections.observableArrayList();
    private final DoubleProperty cpu = new SimpleDoubleProperty(this, "cpu", Double.NaN);
    private final DoubleProperty memory = new SimpleDoubleProperty(this, "memory", Double.NaN);

    /** Sets both (the node redraws for each that changed). */
    public void show(ServerLive server, Look newLook) {
        look.set(newLook);
        live.set(server);
    }

    public ReadOnlyObjectProperty<Look> lookProperty() {
        return look;
    }

    public Look look() {
        return look.get();
    }

    public ReadOnlyObjectProperty<ServerLive> liveProperty() {
        return live;
    }

    /** The word shown on the node ("up", "deploying · health gate"), or null before the live state has it. */
    public String word() {
        return look.get() == null ? null : look.get().word();
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

    /** Recent values (response times in ms), oldest first; empty hides the sparkline. */
    public ObservableList<Double> samples() {
        return samples;
    }
}
