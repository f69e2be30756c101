package dev.orrery.ui.topology;

import dev.orrery.engine.state.Look;
import dev.orrery.engine.state.ServerLive;
import dev.orrery.engine.state.ServerLook;
import dev.orrery.engine.state.Tone;
import dev.orrery.model.Cluster;
import dev.orrery.model.Role;
import dev.orrery.ui.live.ToneStyle;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The label above the diagram of a failover pair: its reserved IP and which balancer holds it
 * (ServerLook.reservedIp of the balancers' live states). Hidden for a cluster without failover.
 */
final class ReservedIpLabel extends Label {

    ReservedIpLabel() {
        setId("topology-reserved-ip");
        getStyleClass().add("topology-reserved-ip");
        setVisible(false);
        setMouseTransparent(false);
        StackPane.setAlignment(this, Pos.TOP_CENTER);
        StackPane.setMargin(this, new Insets(4, 0, 0, 0));
    }

    /** The text, or null while it is hidden. */
    String shownText() {
        return isVisible() ? getText() : null;
    }

    /**
     * Shows which balancer holds the reserved IP, from the balancers' live facts through
     * {@link ServerLook#reservedIp}: the same words as {@code orrery status}.
     */
    void show(Cluster c, Map<String, NodeStatus> statuses) {
        if (c == null || c.balancer().failover() == null) {
            setVisible(false);
            return;
        }
        List<ServerLive> pair = c.byRole(Role.BALANCER).stream().map(b -> statuses.get(b.name()))
                .filter(Objects::nonNull).map(st -> st.liveProperty().get()).filter(Objects::nonNull).toList();
        var held = ServerLook.reservedIp(pair);
        String configured = c.balancer().failover().reservedIp();
        Look look = held.map(h -> h.look()).orElse(new Look("RESERVED IP",
                configured == null ? "no reserved IP yet" : configured + " · holder not read yet", Tone.NEUTRAL, false,
                configured == null ? "Set up failover (the balancer's menu) to make or adopt one."
                        : "Orrery reads who holds it from the API and keepalived while the cluster is open."));
        setText("Reserved IP  " + look.word());
        ToneStyle.apply(this, look.tone());
        Tooltip.install(this, new Tooltip(look.detail()));
        setVisible(true);
    }
}
