package dev.orrery.ui.deploy;

import dev.orrery.deploy.RolloutStep;
import dev.orrery.engine.Engine;
import dev.orrery.engine.DeployJob;
import dev.orrery.model.Cluster;
import dev.orrery.model.Release;
import dev.orrery.model.Server;
import dev.orrery.ui.job.JobView;
import dev.orrery.ui.job.ServerStepsView;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Modality;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The Deploy (or Roll back) dialog: choose the bundle, see the order — every server gets the
 * release uploaded first, then one server at a time, the first as the canary — then a row per
 * server with its step and progress, the overall bar, the streaming log and Cancel (which stops
 * after the server being switched, leaving every server whole).
 */
public final class DeployDialog {
    private final Dialog<Void> dialog = new Dialog<>();
    private final JobView job = new JobView("deploy");
    private final ServerStepsView rows;
    private final Button start = new Button();

    private DeployDialog(Window owner, Engine engine, Cluster cluster, boolean rollback,
                         Function<Path, ? extends dev.orrery.engine.Job<Cluster>> makeJob, BiConsumer<Cluster, Throwable> onDone) {
        List<String> order = cluster.appServers().stream().map(Server::name).toList();
        rows = new ServerStepsView("deploy", order, Arrays.stream(RolloutStep.values()).map(RolloutStep::label).toList());
        dialog.initOwner(owner);
        dialog.initModality(Modality.NONE);
        dialog.setResizable(true);
        dialog.setTitle(rollback ? "Roll back" : "Deploy");
        Release current = cluster.app().currentRelease();
        dialog.setHeaderText((rollback ? "Roll back " : "Deploy to ") + cluster.name()
                + (current != null ? "  (now " + current.id() + ")" : "  (no release yet)"));
        dialog.getDialogPane().setId("deploy-dialog");
        if (owner != null && owner.getScene() != null) {
            dialog.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        Label orderText = new Label(describeOrder(cluster, order, rollback));
        orderText.setId("deploy-order");
        orderText.setWrapText(true);
        orderText.setMaxWidth(640);

        TextField bundle = new TextField();
        bundle.setId("deploy-bundle");
        bundle.setPromptText("the app bundle: a Meteor build (.tar.gz) or a Node app archive");
        HBox.setHgrow(bundle, Priority.ALWAYS);
        Button choose = new Button("Choose…");
        choose.setId("deploy-choose");
        choose.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setTitle("Choose the app bundle");
            fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Bundles (*.tar.gz, *.tgz)", "*.tar.gz", "*.tgz"),
                    new FileChooser.ExtensionFilter("All files", "*"));
            File f = fc.showOpenDialog(dialog.getDialogPane().getScene().getWindow());
            if (f != null) {
                bundle.setText(f.getAbsolutePath());
            }
        });
        HBox bundleRow = new HBox(8, bundle, choose);
        bundleRow.setVisible(!rollback);
        bundleRow.setManaged(!rollback);

        start.setText(rollback ? "Roll back" : "Deploy");
        start.setId("deploy-start");
        start.getStyleClass().add("accent");
        if (!rollback) {
            start.disableProperty().bind(bundle.textProperty().isEmpty());
        }
        job.setVisible(false);
        job.setManaged(false);
        job.setOnStep(rows::onStep);
        Label sent = new Label();
        sent.setId("deploy-bytes");
        sent.setVisible(false);
        sent.setManaged(false);
        job.setOnTransferred(t -> {
            sent.setText(bytesText(t.sent(), t.releaseBytes(), t.servers()));
            sent.setVisible(true);
            sent.setManaged(true);
        });
        start.setOnAction(e -> {
            start.disableProperty().unbind();
            start.setDisable(true);
            bundle.setEditable(false);
            choose.setDisable(true);
            job.setVisible(true);
            job.setManaged(true);
            job.run(engine, makeJob.apply(rollback ? null : Path.of(bundle.getText().strip())),
                    rollback ? "The rollback" : "The deploy", onDone);
        });
        VBox content = new VBox(10, orderText, bundleRow, rows, new HBox(start), sent, job);
        VBox.setVgrow(job, Priority.ALWAYS);
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().setPrefSize(720, 600);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE);
        dialog.getDialogPane().lookupButton(ButtonType.CLOSE).setId("deploy-close");
        dialog.setOnCloseRequest(e -> job.cancel());
    }

    public static DeployDialog show(Window owner, Engine engine, Cluster cluster, boolean rollback,
                                    Function<Path, ? extends dev.orrery.engine.Job<Cluster>> makeJob, BiConsumer<Cluster, Throwable> onDone) {
        DeployDialog d = new DeployDialog(owner, engine, cluster, rollback, makeJob, onDone);
        d.dialog.show();
        return d;
    }

    public JobView job() {
        return job;
    }

    public ServerStepsView rows() {
        return rows;
    }

    /** "Sent 4.2 MB from this machine for a 52.4 MB release to 3 servers (8.0% of 3 whole uploads)". */
    public static String bytesText(long sent, long releaseBytes, int servers) {
        long whole = releaseBytes * Math.max(1, servers);
        return String.format(java.util.Locale.ROOT, "Sent %s from this machine for a %s release to %d server%s (%.1f%% of %d whole uploads)",
                mb(sent), mb(releaseBytes), servers, servers == 1 ? "" : "s", whole == 0 ? 0.0 : 100.0 * sent / whole, Math.max(1, servers));
    }

    private static String mb(long n) {
        return n < 100_000 ? String.format(java.util.Locale.ROOT, "%.1f kB", n / 1e3) : String.format(java.util.Locale.ROOT, "%.1f MB", n / 1e6);
    }

    static String describeOrder(Cluster cluster, List<String> order, boolean rollback) {
        StringBuilder b = new StringBuilder(rollback
                ? "Each server's previous release is checked first, then one server at a time: "
                : "The release is uploaded and installed on every server first (nothing live changes), then one server at a time: ");
        for (int i = 0; i < order.size(); i++) {
            Server s = cluster.server(order.get(i)).orElseThrow();
            b.append(i == 0 ? "" : " → ").append(s.name()).append(i == 0 ? " (canary)" : "")
                    .append(" [").append(s.release() == null ? "nothing" : s.release()).append("]");
        }
        return b.append(". Each is drained, restarted, health-checked and put back before the next; the first failure stops the rollout"
                + " with that server back on its previous release.").toString();
    }
}
