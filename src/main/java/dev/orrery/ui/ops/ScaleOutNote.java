package dev.orrery.ui.ops;

import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import javafx.scene.control.Label;

/**
 * What adding or removing a server costs behind each balancer, as measured
 * ({@code ScaleOutBenchmark}, {@code *OpsUnderLoadIT}: keep-alive GET + POST load, clients that
 * never retry), and the plain recommendation for teams that scale often. Shown where a server is
 * added and where the balancer is chosen (the switch).
 */
public final class ScaleOutNote {
    private ScaleOutNote() {
    }

    /** Said before a server is added to (or taken from) {@code cluster}. */
    public static String forAdding(Cluster cluster) {
        if (cluster.balancerServer().isEmpty()) {
            return "This cluster has no balancer: the new server gets no traffic until one sends it some.";
        }
        return cluster.balancer().kind() == BalancerKind.NGINX
                ? "Behind nginx the new server joins by a reload. Orrery first has every answer say \"Connection: close\" "
                + "until the open keep-alive connections have turned over (at most 15 s), so the reload drops none: "
                + "0 failed requests measured, where a plain reload failed 3–4 per change. " + RECOMMENDATION
                : "Behind HAProxy the new server joins by a reload that finishes open keep-alive connections "
                + "(idle-close-on-response): 0 failed requests measured.";
    }

    /** Where the balancer is chosen. */
    public static final String RECOMMENDATION = "Scaling often? Choose HAProxy: active health checks, cookie stickiness, "
            + "and no keep-alive wait before each change.";

    /** A wrapping label for a dialog. */
    public static Label label(Cluster cluster) {
        Label l = new Label(forAdding(cluster));
        l.setId("scale-out-note");
        l.setWrapText(true);
        l.setMaxWidth(520);
        l.getStyleClass().add("scale-out-note");
        return l;
    }
}
