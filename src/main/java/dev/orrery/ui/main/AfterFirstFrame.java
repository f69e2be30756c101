package dev.orrery.ui.main;

import javafx.application.Platform;
import javafx.scene.Scene;

/**
 * Runs work once the window's first frame has been laid out and handed to the renderer, so what
 * is not needed to draw it (reading the recent clusters, parsing one, starting the sandbox) never
 * delays it: on a busy two-core machine a background read still takes a core from the first frame.
 */
public final class AfterFirstFrame {
    private AfterFirstFrame() {
    }

    /** Calls {@code work} on the FX thread right after {@code scene}'s next pulse (its first, when just shown). */
    public static void run(Scene scene, Runnable work) {
        Runnable[] listener = new Runnable[1];
        listener[0] = () -> {
            scene.removePostLayoutPulseListener(listener[0]);
            StartupMarks.firstLayout();
            // after this pulse: the frame is rendered off the FX thread meanwhile
            Platform.runLater(() -> {
                StartupMarks.firstFrame();
                work.run();
            });
        };
        scene.addPostLayoutPulseListener(listener[0]);
    }
}
