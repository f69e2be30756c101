package dev.orrery.ui.alerts;

import dev.orrery.alerts.AlertBodies;
import dev.orrery.alerts.AlertEvent;
import javafx.application.Platform;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The desktop channel: each alert as a notification in the window's corner. Called on engine
 * threads (it only queues); alerts arriving together become one notification, so a network
 * blip across 200 servers is one popup.
 */
public final class AlertNotifier implements Consumer<AlertEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(AlertNotifier.class);

    private final Consumer<List<AlertEvent>> shower;
    private final List<AlertEvent> pending = new ArrayList<>();
    private boolean queued;

    public AlertNotifier() {
        this(AlertNotifier::show);
    }

    /** @param shower gets each batch on the FX thread (tests pass their own) */
    public AlertNotifier(Consumer<List<AlertEvent>> shower) {
        this.shower = shower;
    }

    @Override
    public void accept(AlertEvent e) {
        synchronized (pending) {
            pending.add(e);
            if (queued) {
                return;
            }
            queued = true;
        }
        Platform.runLater(this::flush);
    }

    private void flush() {
        List<AlertEvent> batch;
        synchronized (pending) {
            batch = new ArrayList<>(pending);
            pending.clear();
            queued = false;
        }
        if (!batch.isEmpty()) {
            shower.accept(batch);
        }
    }

    private static void show(List<AlertEvent> batch) {
        boolean bad = batch.stream().anyMatch(AlertEvent::firing);
        String title = batch.size() == 1 ? (batch.get(0).firing() ? "Alert: " : "Resolved: ") + batch.get(0).rule()
                : batch.size() + " alerts";
        String text = String.join("\n", batch.stream().limit(6).map(AlertBodies::line)
                .map(l -> l.replaceFirst("^:[a-z_]+: ", "")).toList()) + (batch.size() > 6 ? "\n… and " + (batch.size() - 6) + " more" : "");
        try {
            Notifications n = Notifications.create().title(title).text(text).hideAfter(Duration.seconds(bad ? 20 : 8));
            if (bad) {
                n.showWarning();
            } else {
                n.showInformation();
            }
        } catch (RuntimeException e) { // no window to show it on
            LOG.info("{}: {} (notification not shown: {})", title, text, e.toString());
        }
    }
}
