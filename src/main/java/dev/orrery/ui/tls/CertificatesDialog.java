package dev.orrery.ui.tls;

import dev.orrery.engine.Engine;
import dev.orrery.engine.Job;
import dev.orrery.engine.TlsJob;
import dev.orrery.model.Cluster;
import dev.orrery.tls.CertificatePlan;
import dev.orrery.tls.CertificateStatus;
import dev.orrery.tls.CertificateWork;
import dev.orrery.ui.job.JobView;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;

import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Cluster ▸ Certificates…: the balancer's certificate (read from outside), what getting one will
 * do (said before acting: when the balancer first needs a push, and nginx a reload, the window
 * says so and asks), Get certificate / Renew now, and the job's progress. Everything that touches
 * the network runs on the engine's executor; the FX thread only shows results.
 * Ids: {@code tls-dialog}, {@code tls-title}, {@code tls-fact-*}, {@code tls-alarm}, {@code tls-plan},
 * {@code tls-warning}, {@code tls-issue}, {@code tls-renew}, {@code tls-refresh}, {@code tls-job-*}.
 */
public final class CertificatesDialog {
    private final Dialog<Void> dialog = new Dialog<>();
    private final Engine engine;
    private final Executor io;
    private final TlsAccess access;
    private final Supplier<Cluster> cluster;
    private final Label title = new Label();
    private final CertificateFactsPane facts = new CertificateFactsPane("tls");
    private final Label alarm = new Label();
    private final Label plan = new Label("Reading the balancer…");
    private final Label warning = new Label();
    private final Button issue = new Button("Get certificate");
    private final Button renew = new Button("Renew now");
    private final Button refresh = new Button("Refresh");
    private final JobView job = new JobView("tls");
    private CertificatePlan lastPlan;

    private CertificatesDialog(Window owner, Engine engine, TlsAccess access, Supplier<Cluster> cluster) {
        this.engine = engine;
        this.io = engine.io();
        this.access = access;
        this.cluster = cluster;
        dialog.initOwner(owner);
        dialog.initModality(Modality.NONE);
        dialog.setResizable(true);
        dialog.setTitle("Certificates");
        dialog.getDialogPane().setId("tls-dialog");
        if (owner != null && owner.getScene() != null) {
            dialog.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        title.setId("tls-title");
        title.getStyleClass().add("inspector-title");
        alarm.setId("tls-alarm");
        alarm.getStyleClass().add("danger-text");
        alarm.setStyle("-fx-text-fill: #c62828;");
        alarm.setWrapText(true);
        show(alarm, false);
        plan.setId("tls-plan");
        plan.setWrapText(true);
        warning.setId("tls-warning");
        warning.setWrapText(true);
        warning.setStyle("-fx-text-fill: #b26a00;");
        show(warning, false);
        issue.setId("tls-issue");
        issue.getStyleClass().add("accent");
        renew.setId("tls-renew");
        refresh.setId("tls-refresh");
        issue.setOnAction(e -> start(TlsJob.Action.ISSUE));
        renew.setOnAction(e -> start(TlsJob.Action.RENEW));
        refresh.setOnAction(e -> refresh());
        show(job, false);
        VBox content = new VBox(12, title, facts, alarm, plan, warning, new HBox(8, issue, renew, refresh), job);
        content.setPrefWidth(640);
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE);
        dialog.getDialogPane().lookupButton(ButtonType.CLOSE).setId("tls-close");
    }

    /** Opens the window for the cluster {@code cluster} gives, and reads the certificate and the plan in the background. */
    public static CertificatesDialog show(Window owner, Engine engine, TlsAccess access, Supplier<Cluster> cluster) {
        CertificatesDialog d = new CertificatesDialog(owner, engine, access, cluster);
        d.dialog.show();
        d.refresh();
        return d;
    }

    public Dialog<Void> dialog() {
        return dialog;
    }

    public JobView job() {
        return job;
    }

    /** Reads status and plan again, off the FX thread. */
    public void refresh() {
        Cluster c = cluster.get();
        if (c == null) {
            return;
        }
        boolean acme = c.balancer().tls() != null && c.balancer().tls().managedByAcme();
        title.setText(c.balancer().tls() == null ? "No TLS for " + c.name() : "Certificate for " + c.balancer().tls().serverName());
        issue.setDisable(!acme);
        renew.setDisable(!acme);
        if (!acme) {
            plan.setText("Orrery gets and renews the certificate from Let's Encrypt once the cluster has a TLS name and an \"acme\" section"
                    + " (orrery tls issue CLUSTER --name NAME sets both).");
        } else {
            plan.setText("Reading the balancer…");
        }
        io.execute(() -> {
            try {
                CertificateStatus s = access.status(c);
                Platform.runLater(() -> showStatus(s));
            } catch (Exception e) {
                Platform.runLater(() -> plan.setText("Cannot read the certificate: " + e.getMessage()));
            }
            if (!acme) {
                return;
            }
            try {
                CertificatePlan p = access.plan(c);
                Platform.runLater(() -> showPlan(p));
            } catch (Exception e) {
                Platform.runLater(() -> plan.setText("Cannot ask the balancer what getting a certificate needs: " + e.getMessage()));
            }
        });
    }

    private void showStatus(CertificateStatus s) {
        facts.show(s, true);
        alarm.setText(s.alarm() ? s.alarmText() : "");
        show(alarm, s.alarm());
        fit();
    }

    /** The content grows when the background reads arrive: the window grows with it, so nothing hides below its edge. */
    private void fit() {
        if (dialog.getDialogPane().getScene() != null && dialog.getDialogPane().getScene().getWindow() != null) {
            dialog.getDialogPane().getScene().getWindow().sizeToScene();
        }
    }

    private void showPlan(CertificatePlan p) {
        lastPlan = p;
        plan.setText(p.describe());
        if (p.pushNeeded()) {
            warning.setText("No reload-free way yet: this balancer does not run the configuration with the ACME location and the"
                    + " per-handshake certificate (" + p.live() + "). Getting the certificate pushes it once first: " + p.pushEffect() + ".");
        }
        show(warning, p.pushNeeded());
        fit();
    }

    private void start(TlsJob.Action action) {
        Cluster c = cluster.get();
        if (c == null) {
            return;
        }
        if (lastPlan != null && lastPlan.pushNeeded()) {
            Alert ask = new Alert(Alert.AlertType.CONFIRMATION, warning.getText() + "\n\nPush now and get the certificate?",
                    ButtonType.CANCEL, ButtonType.OK);
            ask.initOwner(dialog.getDialogPane().getScene().getWindow());
            ask.setHeaderText("The balancer's configuration must be pushed first");
            ask.getDialogPane().setId("tls-confirm-push");
            ((Button) ask.getDialogPane().lookupButton(ButtonType.OK)).setText("Push and continue");
            ask.setOnHidden(e -> {
                if (ask.getResult() == ButtonType.OK) {
                    run(c, action, true);
                }
            });
            ask.show();
        } else {
            run(c, action, false);
        }
    }

    private void run(Cluster c, TlsJob.Action action, boolean push) {
        issue.setDisable(true);
        renew.setDisable(true);
        show(job, true);
        fit();
        io.execute(() -> {
            Job<CertificateWork.Outcome> j;
            try {
                j = access.job(c, action, push);
            } catch (Exception e) {
                Platform.runLater(() -> {
                    plan.setText(e.getMessage());
                    issue.setDisable(false);
                    renew.setDisable(false);
                });
                return;
            }
            Platform.runLater(() -> job.run(engine, j, "Getting the certificate", (o, error) -> {
                issue.setDisable(false);
                renew.setDisable(false);
                refresh();
            }));
        });
    }

    private static void show(javafx.scene.Node n, boolean visible) {
        n.setVisible(visible);
        n.setManaged(visible);
    }
}
