package dev.orrery.ui.logs;

import javafx.scene.control.ToggleButton;

/**
 * The Logs tab's Following/Paused toggle. Paused, new lines are counted (they are kept on disk,
 * not shown); following again reads the newest back.
 */
final class FollowControl {
    private final ToggleButton toggle = new ToggleButton("Following");
    private long paused;

    /** @param resumed runs when following is switched back on */
    FollowControl(Runnable resumed) {
        toggle.setId("logs-follow");
        toggle.setSelected(true);
        toggle.selectedProperty().addListener((o, was, now) -> {
            toggle.setText(now ? "Following" : "Paused");
            if (now) {
                resumed.run();
            }
        });
    }

    ToggleButton node() {
        return toggle;
    }

    boolean following() {
        return toggle.isSelected();
    }

    void pause() {
        toggle.setSelected(false);
    }

    /** The lines shown are read afresh: nothing is missed any more. */
    void caughtUp() {
        paused = 0;
    }

    /** Counts {@code n} lines that came while paused and says so. */
    String missed(int n) {
        paused += n;
        return "Paused · " + paused + " new lines (kept on disk)";
    }
}
