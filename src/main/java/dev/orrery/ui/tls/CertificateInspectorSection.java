package dev.orrery.ui.tls;

import dev.orrery.model.Cluster;
import dev.orrery.model.Role;
import dev.orrery.tls.CertificateStatus;
import javafx.application.Platform;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

import java.util.concurrent.Executor;

/**
 * The balancer's certificate in the inspector: issuer, names, expiry, last renewal result, and a
 * Certificates… button. Shown only while the balancer of a cluster with TLS is selected; read in
 * the background when it is shown and whenever the engine publishes a new status for the cluster.
 * Ids: {@code inspector-tls}, {@code inspector-tls-fact-*}, {@code inspector-tls-alarm}, {@code inspector-tls-open}.
 */
public final class CertificateInspectorSection extends VBox {
    private final CertificateFactsPane facts = new CertificateFactsPane("inspector-tls");
    private final Label alarm = new Label();
    private final Button open = new Button("Certificates…");
    private final Executor io;
    private final TlsAccess access;
    private final ObservableValue<Cluster> cluster;
    private final ObservableValue<String> selected;

    public CertificateInspectorSection(Executor io, TlsAccess access, ObservableValue<Cluster> cluster, ObservableValue<String> selected,
                                       Runnable onOpen) {
        super(6);
        this.io = io;
        this.access = access;
        this.cluster = cluster;
        this.selected = selected;
        setId("inspector-tls");
        Label heading = new Label("CERTIFICATE");
        heading.getStyleClass().add("panel-heading");
        alarm.setId("inspector-tls-alarm");
        alarm.setWrapText(true);
        alarm.setStyle("-fx-text-fill: #c62828;");
        open.setId("inspector-tls-open");
        open.setOnAction(e -> onOpen.run());
        getChildren().addAll(heading, facts, alarm, open);
        cluster.addListener((o, was, now) -> update());
        selected.addListener((o, was, now) -> update());
        update();
    }

    /** A status the engine published (any thread). */
    public void onStatus(CertificateStatus s) {
        Platform.runLater(() -> {
            Cluster c = cluster.getValue();
            if (isVisible() && c != null && c.name().equals(s.cluster())) {
                show(s);
            }
        });
    }

    private void update() {
        Cluster c = cluster.getValue();
        String name = selected.getValue();
        boolean balancer = c != null && name != null && c.balancer().tls() != null
                && c.server(name).filter(s -> s.role() == Role.BALANCER).isPresent();
        setVisible(balancer);
        setManaged(balancer);
        if (!balancer) {
            return;
        }
        facts.getChildren().clear();
        alarm.setVisible(false);
        alarm.setManaged(false);
        if (!c.balancer().tls().managedByAcme()) {
            Label byHand = new Label("Installed by hand: Orrery does not renew it. Certificates… sets up Let's Encrypt.");
            byHand.setWrapText(true);
            byHand.setId("inspector-tls-by-hand");
            facts.add(byHand, 0, 0);
            return;
        }
        facts.add(new Label("Reading the certificate…"), 0, 0);
        io.execute(() -> {
            try {
                CertificateStatus s = access.status(c);
                Platform.runLater(() -> {
                    if (c.equals(cluster.getValue())) {
                        show(s);
                    }
                });
            } catch (Exception e) {
                Platform.runLater(() -> {
                    facts.getChildren().clear();
                    facts.add(new Label("Cannot read it: " + e.getMessage()), 0, 0);
                });
            }
        });
    }

    private void show(CertificateStatus s) {
        facts.show(s, false);
        alarm.setText(s.alarm() ? s.alarmText() : "");
        alarm.setVisible(s.alarm());
        alarm.setManaged(s.alarm());
    }
}
