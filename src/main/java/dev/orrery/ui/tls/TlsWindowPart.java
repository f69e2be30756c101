package dev.orrery.ui.tls;

import dev.orrery.engine.Engine;
import dev.orrery.engine.Orrery;
import dev.orrery.model.Cluster;
import dev.orrery.tls.CertificateStatus;
import javafx.application.Platform;
import javafx.beans.value.ObservableValue;
import javafx.scene.layout.Pane;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Certificates in the window, hooked in with one line: the inspector's certificate section, the
 * Certificates… window, the renewal schedule for the open cluster (while the window runs), and a
 * notification when a renewal keeps failing or a certificate is about to expire — once per
 * alarm, not at every hourly check.
 */
public final class TlsWindowPart {
    private static final Logger LOG = LoggerFactory.getLogger(TlsWindowPart.class);

    private final Window owner;
    private final Engine engine;
    private final TlsAccess access;
    private final ObservableValue<Cluster> cluster;
    private final CertificateInspectorSection section;
    private final Map<String, String> alarmed = new ConcurrentHashMap<>();
    private final Consumer<CertificateStatus> notifier;
    private volatile Cluster current;

    public TlsWindowPart(Window owner, Orrery orrery, ObservableValue<Cluster> cluster, ObservableValue<String> selected,
                         Pane inspector) {
        this(owner, orrery.engine(), TlsAccess.of(orrery), cluster, selected, inspector, TlsWindowPart::notifyWithControlsFx);
        orrery.tls().addListener(this::onStatus);
        orrery.watchTls(() -> current == null ? List.of() : List.of(current));
    }

    TlsWindowPart(Window owner, Engine engine, TlsAccess access, ObservableValue<Cluster> cluster, ObservableValue<String> selected,
                  Pane inspector, Consumer<CertificateStatus> notifier) {
        this.owner = owner;
        this.engine = engine;
        this.access = access;
        this.cluster = cluster;
        this.notifier = notifier;
        this.current = cluster.getValue();
        cluster.addListener((o, was, now) -> current = now);
        section = new CertificateInspectorSection(engine.io(), access, cluster, selected, this::openCertificates);
        inspector.getChildren().add(section);
    }

    public CertificatesDialog openCertificates() {
        return CertificatesDialog.show(owner, engine, access, cluster::getValue);
    }

    public CertificateInspectorSection section() {
        return section;
    }

    /** A status from the engine (any thread): into the inspector, and a notification for a new alarm. */
    void onStatus(CertificateStatus s) {
        section.onStatus(s);
        String key = s.cluster() + "/" + s.balancer();
        if (!s.alarm()) {
            alarmed.remove(key);
            return;
        }
        if (!s.alarmText().equals(alarmed.put(key, s.alarmText()))) {
            Platform.runLater(() -> notifier.accept(s));
        }
    }

    private static void notifyWithControlsFx(CertificateStatus s) {
        try {
            Notifications.create().title("Certificate of " + s.cluster() + " needs attention").text(s.alarmText())
                    .hideAfter(Duration.seconds(30)).showWarning();
        } catch (RuntimeException e) {
            LOG.info("{} (notification not shown: {})", s.alarmText(), e.toString());
        }
    }
}
