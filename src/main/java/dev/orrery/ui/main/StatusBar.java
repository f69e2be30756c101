package dev.orrery.ui.main;

import dev.orrery.model.Cluster;
import dev.orrery.model.Role;
import dev.orrery.ui.live.LiveFxModel;
import dev.orrery.ui.live.LiveSummary;
import dev.orrery.ui.live.ToneStyle;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.geometry.Orientation;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

import java.util.Locale;

/**
 * The strip at the bottom: which file, whether it holds the latest change, counts, the app
 * servers' live state by badge (coloured by the most urgent) and the job running, last message.
 */
final class StatusBar extends HBox implements LiveFxModel.Listener {
    private final Label file = new Label();
    private final Label save = new Label();
    private final Label counts = new Label();
    private final Label message = new Label();
    private final Label live = new Label();
    private final Label job = new Label();

    StatusBar(ClusterDocument document) {
        super(10);
        setId("status-bar");
        getStyleClass().add("status-bar");
        file.setId("status-file");
        save.setId("status-save");
        save.getStyleClass().add("save-state");
        counts.setId("status-counts");
        message.setId("status-message");
        message.getStyleClass().add("status-message");
        message.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(message, Priority.ALWAYS);
        // The state words never shrink to "…"; the file's path and the message give way first.
        save.setMinWidth(Region.USE_PREF_SIZE);
        live.setMinWidth(Region.USE_PREF_SIZE);
        counts.setMinWidth(60);
        file.setMinWidth(60);
        file.setTextOverrun(javafx.scene.control.OverrunStyle.LEADING_ELLIPSIS);
        job.setMinWidth(120);
        live.setId("status-live");
        job.setId("status-job");
        job.getStyleClass().add("tone-busy");
        live.managedProperty().bind(live.textProperty().isNotEmpty());
        live.visibleProperty().bind(live.managedProperty());
        job.managedProperty().bind(job.textProperty().isNotEmpty());
        job.visibleProperty().bind(job.managedProperty());
        getChildren().addAll(save, separator(), file, separator(), counts, separator(), live, job, message);

        file.textProperty().bind(document.fileProperty().asString().map(s -> s.equals("null") ? "no file" : s));
        message.textProperty().bind(document.messageProperty());
        document.saveStateProperty().addListener((o, was, now) -> showSave(now));
        document.clusterProperty().addListener((o, was, now) -> counts.setText(counts(now)));
        showSave(document.saveStateProperty().get());
        counts.setText(counts(document.cluster()));
    }

    /** Another indicator before the message (the drift badge). */
    void addIndicator(javafx.scene.Node indicator) {
        getChildren().add(getChildren().indexOf(message), indicator);
        getChildren().add(getChildren().indexOf(message), separator());
    }

    @Override
    public void batchDone(LiveFxModel model) {
        var looks = model.appLooks();
        String text = LiveSummary.servers(looks);
        if (!text.equals(live.getText())) {
            live.setText(text);
        }
        ToneStyle.apply(live, LiveSummary.tone(looks));
        String running = LiveSummary.job(model.job());
        if (!running.equals(job.getText())) {
            job.setText(running);
        }
    }

    private void showSave(ClusterDocument.SaveState state) {
        save.setText(state.word());
        save.getStyleClass().removeIf(c -> c.startsWith("save-") && !c.equals("save-state"));
        save.getStyleClass().add("save-" + state.name().toLowerCase(Locale.ROOT));
    }

    static String counts(Cluster c) {
        if (c == null) {
            return "";
        }
        // A DigitalOcean Load Balancer is no droplet of the file, but it is the cluster's balancer all the same.
        return (c.balancer().managedKind() ? "DigitalOcean Load Balancer" : plural(c.byRole(Role.BALANCER).size(), "balancer")) + " · "
                + plural(c.byRole(Role.APP).size(), "app server") + " · "
                + plural(c.byRole(Role.DATABASE).size(), "database");
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    private static Separator separator() {
        return new Separator(Orientation.VERTICAL);
    }
}
