package dev.orrery.ui.sandbox;

import dev.orrery.engine.state.Look;
import dev.orrery.engine.state.Tone;
import dev.orrery.ui.main.MainWindow;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.util.Duration;

import java.util.function.BooleanSupplier;

/**
 * Runs something once the first start has shown the sandbox with every app server up (the live
 * state's look is good), or at once when this start shows another cluster: the README's pictures
 * of the live sandbox wait for it. FX thread.
 */
final class LiveWait {
    private final MainWindow window;
    private final BooleanSupplier sandboxShown;
    private final BooleanSupplier sandboxRunning;
    private Timeline poll;
    private Runnable pending;
    private boolean decided;

    LiveWait(MainWindow window, BooleanSupplier sandboxShown, BooleanSupplier sandboxRunning) {
        this.window = window;
        this.sandboxShown = sandboxShown;
        this.sandboxRunning = sandboxRunning;
    }

    void whenLive(Runnable r) {
        if (decided && !sandboxRunning.getAsBoolean()) {
            r.run();
        } else {
            pending = r;
            start();
        }
    }

    /** The first start decided to run the sandbox: wait for it. */
    void decidedForSandbox() {
        decided = true;
        start();
    }

    /** This start shows another cluster: run what waits now. */
    void decidedWithoutSandbox() {
        decided = true;
        if (pending != null && !sandboxRunning.getAsBoolean()) {
            fire();
        }
    }

    void stop() {
        if (poll != null) {
            poll.stop();
            poll = null;
        }
    }

    private void start() {
        if (pending == null || poll != null) {
            return;
        }
        poll = new Timeline(new KeyFrame(Duration.millis(250), e -> check()));
        poll.setCycleCount(Animation.INDEFINITE);
        poll.play();
    }

    private void check() {
        if (pending == null || window.document().cluster() == null || !sandboxShown.getAsBoolean()) {
            return;
        }
        var apps = window.document().cluster().appServers();
        boolean allUp = !apps.isEmpty() && apps.stream().allMatch(s -> {
            Look l = window.live().model().look(s.name());
            return l != null && l.tone() == Tone.GOOD;
        });
        if (allUp) {
            fire();
        }
    }

    private void fire() {
        Runnable r = pending;
        pending = null;
        stop();
        r.run();
    }
}
