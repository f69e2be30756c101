package dev.orrery.ui.sandbox;

import dev.orrery.engine.SandboxJob;
import dev.orrery.engine.state.Look;
import dev.orrery.engine.state.ServerActivity;
import dev.orrery.engine.state.ServerLive;
import dev.orrery.model.Role;
import dev.orrery.ui.main.MainWindow;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.PauseTransition;
import javafx.animation.Timeline;
import javafx.util.Duration;

import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The README's pictures of the live sandbox, played in the real window once it is up
 * ({@code ORRERY_SCREENSHOT_SCENE}): {@code down} crashes app-2 and waits for every face to say
 * so; {@code deploy} deploys the next version and waits until one node is mid-switch while
 * another already runs the new release. Then {@code snap} takes the picture.
 */
public final class SandboxScenes {
    private static final List<String> MID_SWITCH = List.of("stop", "switch current", "restart", "health gate");

    private SandboxScenes() {
    }

    public static void play(String scene, SandboxUi ui, MainWindow window, Runnable snap) {
        if ("down".equals(scene)) {
            ui.runJob(SandboxJob.fail(ui.sandbox(), "app-2"));
            // The badge turns, then the notification shows: give it a moment on screen.
            when(() -> "DOWN".equals(badge(window, "app-2")), () -> after(1.2, snap));
        } else if ("deploy".equals(scene)) {
            ui.runJob(SandboxJob.deployNext(ui.sandbox()));
            when(() -> midSwitch(window), snap);
        } else {
            snap.run();
        }
    }

    private static boolean midSwitch(MainWindow window) {
        List<ServerLive> apps = window.live().model().servers().stream().filter(s -> s.role() == Role.APP).toList();
        boolean switching = apps.stream().anyMatch(s -> {
            ServerActivity a = s.activity();
            return a != null && MID_SWITCH.contains(a.step());
        });
        long labels = apps.stream().map(ServerLive::releaseLabel).distinct().count();
        return switching && labels > 1;
    }

    private static String badge(MainWindow window, String server) {
        Look l = window.live().model().look(server);
        return l == null ? "" : l.badge();
    }

    /** Polls on the FX thread every 20 ms (at most five minutes) until {@code condition}, then runs {@code then}. */
    private static void when(BooleanSupplier condition, Runnable then) {
        Timeline[] poll = new Timeline[1];
        long deadline = System.nanoTime() + 300_000_000_000L;
        poll[0] = new Timeline(new KeyFrame(Duration.millis(20), e -> {
            if (condition.getAsBoolean() || System.nanoTime() > deadline) {
                poll[0].stop();
                then.run();
            }
        }));
        poll[0].setCycleCount(Animation.INDEFINITE);
        poll[0].play();
    }

    private static void after(double seconds, Runnable r) {
        PauseTransition p = new PauseTransition(Duration.seconds(seconds));
        p.setOnFinished(e -> r.run());
        p.play();
    }
}
