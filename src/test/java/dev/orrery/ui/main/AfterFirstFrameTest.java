package dev.orrery.ui.main;

import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Work deferred to after the first frame runs once, on the FX thread, after the window was laid out. */
@ExtendWith(ApplicationExtension.class)
class AfterFirstFrameTest {
    private final AtomicInteger runs = new AtomicInteger();
    private final AtomicBoolean ranBeforeShowReturned = new AtomicBoolean();
    private final AtomicBoolean onFxThread = new AtomicBoolean();
    private final AtomicReference<Double> labelWidthWhenRun = new AtomicReference<>();
    private Scene scene;

    @Start
    void start(Stage stage) {
        Label label = new Label("Orrery");
        scene = new Scene(new StackPane(label), 300, 200);
        stage.setScene(scene);
        AfterFirstFrame.run(scene, () -> {
            runs.incrementAndGet();
            onFxThread.set(Platform.isFxApplicationThread());
            labelWidthWhenRun.set(label.getWidth());
        });
        stage.show();
        ranBeforeShowReturned.set(runs.get() > 0);
    }

    @Test
    void runsOnceAfterTheFirstLayoutNeverDuringShow(FxRobot robot) {
        await().until(() -> runs.get() == 1);
        assertThat(ranBeforeShowReturned).isFalse();
        assertThat(onFxThread).isTrue();
        assertThat(labelWidthWhenRun.get()).as("the label was laid out before the work ran").isGreaterThan(0);
        // later pulses do not run it again
        robot.interact(() -> scene.getRoot().requestLayout());
        robot.interact(() -> { });
        await().until(() -> robot.lookup(".label").tryQuery().isPresent());
        assertThat(runs).hasValue(1);
    }
}
