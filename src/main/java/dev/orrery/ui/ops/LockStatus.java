package dev.orrery.ui.ops;

import dev.orrery.engine.state.LockInfo;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The cluster's lock in the status bar: who holds it, for what, since when — from this
 * workstation or another ({@link dev.orrery.engine.Orrery#watchLock}). Hidden while the cluster
 * is free. Call {@link #show} on the FX thread.
 */
public final class LockStatus extends Label {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    public LockStatus() {
        setId("lock-status");
        getStyleClass().add("lock-status");
        show(null);
    }

    public void show(LockInfo lock) {
        setText(text(lock));
        setVisible(lock != null);
        setManaged(lock != null);
        getStyleClass().remove("lock-stale");
        if (lock != null && lock.stale()) {
            getStyleClass().add("lock-stale");
        }
        setTooltip(lock == null ? null : new Tooltip(lock.stale()
                ? "Its holder stopped refreshing it: it may be left from a crash. If nobody works on the cluster: orrery lock clear CLUSTER.json"
                : "Deploy, rollback, provision, decommission, push and switch wait for it; orrery lock show CLUSTER.json says the same."));
    }

    /** "Locked: deploy of r7 — ana@laptop, pid 4242 since 10:15:03", "(stale)" when its heartbeat stopped; "" when free. */
    public static String text(LockInfo lock) {
        if (lock == null) {
            return "";
        }
        return "Locked: " + lock.purpose() + " — " + lock.holder() + (lock.sinceMs() > 0 ? " since " + TIME.format(Instant.ofEpochMilli(lock.sinceMs())) : "")
                + (lock.stale() ? " (stale)" : "");
    }
}
