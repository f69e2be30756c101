package dev.orrery.ui.topology;

import dev.orrery.engine.state.Look;
import dev.orrery.engine.state.ServerLive;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
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

    /** Recent values (response times in ms), oldest first; empty hides the sparkline. */
    public ObservableList<Double> samples() {
        return samples;
    }
}
