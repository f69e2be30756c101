package dev.orrery.ui.balancer;

import dev.orrery.model.Cluster;
import dev.orrery.proxy.BalancerFeatures;
import dev.orrery.proxy.BalancerLayout;
import dev.orrery.proxy.ProxyConfig;
import dev.orrery.proxy.ProxyRenderer;
import dev.orrery.ui.main.Background;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;

import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * The balancer node's Configuration view: the exact text a push would upload, rendered from the
 * cluster as it is now, with its fingerprint — or, for a cluster that cannot be rendered, every
 * field that is wrong. Push hands over to the push job. Rendering runs in the background.
 */
public final class BalancerConfigDialog {
    public static final ButtonType PUSH = new ButtonType("Push to balancer", ButtonBar.ButtonData.OK_DONE);

    private BalancerConfigDialog() {
    }

    private record Shown(ProxyConfig rendered, Optional<String> running) {
    }

    /**
     * @param layout where the balancer keeps its files (the droplet layout in the app)
     * @param onPush called when Push is pressed
     */
    public static Dialog<ButtonType> show(Window owner, Background background, Cluster cluster,
                                          Function<Cluster, BalancerLayout> layout, Runnable onPush) {
        return show(owner, background, cluster, layout, Optional::empty, onPush);
    }

    /**
     * @param running the configuration the balancer runs now where it can be read without a
     *                connection (the sandbox's nginx file); when there is one, it is what the dialog shows
     */
    public static Dialog<ButtonType> show(Window owner, Background background, Cluster cluster,
                                          Function<Cluster, BalancerLayout> layout, Callable<Optional<String>> running, Runnable onPush) {
        return show(owner, background, cluster, layout, running, onPush, null);
    }

    /**
     * @param changes makes the view of what a push would change on the live balancer (the same diff as
     *                {@code orrery diff-proxy}); called the first time its tab is shown, or null for no such tab
     */
    public static Dialog<ButtonType> show(Window owner, Background background, Cluster cluster,
                                          Function<Cluster, BalancerLayout> layout, Callable<Optional<String>> running, Runnable onPush,
                                          java.util.function.Supplier<javafx.scene.Node> changes) {
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(owner);
        d.initModality(Modality.NONE);
        d.setResizable(true);
        d.setTitle("Balancer configuration");
        d.setHeaderText(cluster.balancer().kind().name().toLowerCase() + " configuration for " + cluster.name());
        d.getDialogPane().setId("balancer-config-dialog");
        if (owner != null && owner.getScene() != null) {
            d.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        Label status = new Label("Rendering…");
        status.setId("balancer-config-status");
        status.setWrapText(true);
        Label note = new Label("Rendered for a stock nginx; a push asks the balancer (nginx -V) and uses its health-check "
                + "module where it has one, so the pushed text can differ in the upstream block.");
        note.getStyleClass().add("panel-hint");
        note.setWrapText(true);
        TextArea text = new TextArea();
        text.setId("balancer-config-text");
        text.setEditable(false);
        text.getStyleClass().add("config-text");
        VBox.setVgrow(text, Priority.ALWAYS);
        VBox configuration = new VBox(8, status, text, note);
        if (changes == null) {
            d.getDialogPane().setContent(configuration);
        } else {
            javafx.scene.control.Tab config = new javafx.scene.control.Tab("Configuration", configuration);
            javafx.scene.control.Tab diff = new javafx.scene.control.Tab("What a push changes on the live balancer");
            diff.setId("balancer-config-changes");
            diff.setOnSelectionChanged(e -> {
                if (diff.isSelected() && diff.getContent() == null) {
                    diff.setContent(changes.get());
                }
            });
            javafx.scene.control.TabPane tabs = new javafx.scene.control.TabPane(config, diff);
            tabs.setTabClosingPolicy(javafx.scene.control.TabPane.TabClosingPolicy.UNAVAILABLE);
            d.getDialogPane().setContent(tabs);
        }
        d.getDialogPane().setPrefSize(760, 560);
        d.getDialogPane().getButtonTypes().setAll(PUSH, ButtonType.CLOSE);
        Button push = (Button) d.getDialogPane().lookupButton(PUSH);
        push.setId("balancer-config-push");
        push.setDisable(true);
        push.addEventFilter(javafx.event.ActionEvent.ACTION, e -> onPush.run());
        BalancerLayout where = layout.apply(cluster);
        background.run(() -> new Shown(ProxyRenderer.render(cluster, where, BalancerFeatures.STOCK), running.call()), shown -> {
            ProxyConfig c = shown.rendered();
            if (shown.running().isPresent()) {
                String now = shown.running().get();
                boolean same = now.equals(c.text());
                status.setText("The configuration nginx runs now: " + where.configPath() + " · " + now.lines().count() + " lines"
                        + (same ? " · the same as a push would upload (fingerprint " + c.fingerprint() + ")"
                                : " · a push would change it (to fingerprint " + c.fingerprint() + ")"));
                note.setText(same ? "nginx checks this file with nginx -t before every reload."
                        : "The cluster changed since the last push: Push to balancer puts the new text live.");
                text.setText(now);
            } else {
                status.setText("Fingerprint " + c.fingerprint() + " · " + c.text().lines().count() + " lines");
                text.setText(c.text());
            }
            push.setDisable(false);
        }, error -> {
            status.setText("This cluster's balancer configuration cannot be rendered:");
            status.getStyleClass().add("job-failed");
            text.setText(error.getMessage());
        });
        d.show();
        return d;
    }
}
