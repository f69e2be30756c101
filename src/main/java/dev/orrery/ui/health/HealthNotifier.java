package dev.orrery.ui.health;

import dev.orrery.health.StateChange;
import javafx.application.Platform;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A notification when a server goes down or comes back (not for first decisions after
 * "checking": a server never seen up did not "go down"). Changes from one pulse are gathered
 * into one notification, so a network blip across 200 servers is one popup, not 200.
 */
public final class HealthNotifier {
    private static final Logger LOG = LoggerFactory.getLogger(HealthNotifier.class);

    /** What is shown: a title, a line and whether it is bad news. */
    public record Notice(String title, String text, boolean bad) {
    }

    private final Consumer<Notice> shower;
    private final List<StateChange> pending = new ArrayList<>();
    private boolean flushQueued;

    /** Shows notices with controlsfx {@link Notifications}. */
    public HealthNotifier() {
        this(HealthNotifier::showWithControlsFx);
    }

    public HealthNotifier(Consumer<Notice> shower) {
        this.shower = shower;
    }

    /** FX thread: called by the model for each state change. */
    public void onStateChange(StateChange c) {
        if (!c.wentDown() && !c.cameBack()) {
            return;
        }
        pending.add(c);
        if (!flushQueued) {
            flushQueued = true;
            Platform.runLater(this::flush);
        }
    }

    void flush() {
        flushQueued = false;
        List<StateChange> down = pending.stream().filter(StateChange::wentDown).toList();
        List<StateChange> back = pending.stream().filter(StateChange::cameBack).toList();
        pending.clear();
        if (!down.isEmpty()) {
            shower.accept(down.size() == 1
                    ? new Notice(down.get(0).server() + " is down", down.get(0).reason(), true)
                    : new Notice(down.size() + " servers are down", names(down), true));
        }
        if (!back.isEmpty()) {
            shower.accept(back.size() == 1
                    ? new Notice(back.get(0).server() + " is back up", back.get(0).reason(), false)
                    : new Notice(back.size() + " servers are back up", names(back), false));
        }
    }

    private static String names(List<StateChange> changes) {
        List<String> names = changes.stream().map(StateChange::server).toList();
        return names.size() <= 6 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 6)) + " and " + (names.size() - 6) + " more";
    }

    private static void showWithControlsFx(Notice n) {
        try {
            Notifications note = Notifications.create().title(n.title()).text(n.text()).hideAfter(Duration.seconds(8));
            if (n.bad()) {
                note.showWarning();
            } else {
                note.showInformation();
            }
        } catch (RuntimeException e) { // no window to show it on yet
            LOG.info("{}: {} (notification not shown: {})", n.title(), n.text(), e.toString());
        }
    }
}
