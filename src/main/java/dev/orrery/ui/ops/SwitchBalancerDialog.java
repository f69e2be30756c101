package dev.orrery.ui.ops;

import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.util.function.Consumer;

/**
 * Asks before the balancer program is replaced (nginx ↔ HAProxy), saying what happens and the
 * recommendation; on "Switch" hands the target kind to {@code onSwitch}, which runs the job.
 */
public final class SwitchBalancerDialog {
    private SwitchBalancerDialog() {
    }

    public static BalancerKind other(BalancerKind k) {
        return k == BalancerKind.NGINX ? BalancerKind.HAPROXY : BalancerKind.NGINX;
    }

    public static String name(BalancerKind k) {
        return k == BalancerKind.NGINX ? "nginx" : "HAProxy";
    }

    public static Alert show(Window owner, Cluster cluster, Consumer<BalancerKind> onSwitch) {
        BalancerKind to = other(cluster.balancer().kind());
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "", ButtonType.CANCEL, ButtonType.OK);
        a.initOwner(owner);
        a.setTitle("Switch balancer");
        java.util.List<String> lbs = cluster.balancerServers().stream().map(s -> s.name()).toList();
        a.setHeaderText("Replace " + name(cluster.balancer().kind()) + " by " + name(to) + " on "
                + (lbs.isEmpty() ? "the balancer" : lbs.size() == 1 ? lbs.get(0) : "both balancers, " + lbs.get(1) + " (standby) first, then " + lbs.get(0)) + "?");
        Label what = new Label("Orrery validates the " + name(to) + " configuration, starts " + name(to) + " beside "
                + name(cluster.balancer().kind()) + " on the same ports, checks it answers, then stops "
                + name(cluster.balancer().kind()) + " gracefully: the ports are never closed (0 failed requests measured). "
                + "If anything fails, " + name(cluster.balancer().kind()) + " keeps serving" + (lbs.size() > 1 ? " on both" : "") + ". "
                + name(to) + " must be installed there.");
        what.setWrapText(true);
        Label advice = new Label(ScaleOutNote.RECOMMENDATION);
        advice.setWrapText(true);
        advice.setId("switch-advice");
        VBox box = new VBox(10, what, advice);
        box.setMaxWidth(520);
        a.getDialogPane().setContent(box);
        a.getDialogPane().setId("switch-balancer-dialog");
        ((Button) a.getDialogPane().lookupButton(ButtonType.OK)).setText("Switch to " + name(to));
        a.setOnHidden(e -> {
            if (a.getResult() == ButtonType.OK) {
                onSwitch.accept(to);
            }
        });
        a.show();
        return a;
    }
}
