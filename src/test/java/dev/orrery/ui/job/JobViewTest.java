package dev.orrery.ui.job;

import dev.orrery.engine.Engine;
import dev.orrery.engine.Job;
import dev.orrery.task.Progress;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The reusable job view: a chatty job's log stays bounded, Cancel stops a job, per-server rows follow the steps. */
@ExtendWith(ApplicationExtension.class)
class JobViewTest {
    private final Engine engine = new Engine();
    private JobView view;
    private ServerStepsView rows;

    @Start
    void start(Stage stage) {
        view = new JobView("t");
        rows = new ServerStepsView("t", List.of("app-1", "app-2"), List.of("upload", "drain", "restart", "done"));
        view.setOnStep(rows::onStep);
        stage.setScene(new Scene(new javafx.scene.layout.VBox(rows, view), 600, 500));
        stage.show();
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private <T> void run(Job<T> job) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> view.run(engine, job, "The test job", (v, e) -> { })).get(5, TimeUnit.MINUTES);
    }

    @Test
    void aChattyJobKeepsOnlyTheLastLinesAndEndsSucceeded(FxRobot robot) throws Exception {
        run(job(p -> {
            p.step("app-1 · upload");
            p.step("app-1 · restart");
            p.step("app-2 · drain");
            for (int i = 0; i < 5000; i++) {
                p.log("line " + i);
            }
            p.fraction(1);
        }));
        WaitForAsyncUtils.waitFor(5, TimeUnit.MINUTES, () -> view.outcomeProperty().get() != JobView.Outcome.RUNNING);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.outcomeProperty().get()).isEqualTo(JobView.Outcome.SUCCEEDED);
        String[] lines = view.logText().split("\n");
        assertThat(lines.length).isLessThanOrEqualTo(JobView.MAX_LINES);
        assertThat(lines[lines.length - 1]).isEqualTo("    line 4999");
        assertThat(robot.lookup("#t-step").queryAs(Label.class).getText()).isEqualTo("Done");
        assertThat(rows.stepOf("app-1")).isEqualTo("restart");
        assertThat(rows.progressOf("app-1")).isCloseTo(2.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(rows.stepOf("app-2")).isEqualTo("drain");
    }

    @Test
    void cancelStopsTheJobAndSaysSo(FxRobot robot) throws Exception {
        CompletableFuture<Void> started = new CompletableFuture<>();
        run(job(p -> {
            p.step("app-1 · upload");
            started.complete(null);
            // until the test cancels; 10 minutes only as a safety net (a loaded machine may take long to)
            for (int i = 0; i < 60_000; i++) {
                p.checkCancelled();
                Thread.sleep(10);
            }
            throw new IllegalStateException("never cancelled");
        }));
        started.get(5, TimeUnit.MINUTES);
        robot.clickOn("#t-cancel");
        WaitForAsyncUtils.waitFor(5, TimeUnit.MINUTES, () -> view.outcomeProperty().get() != JobView.Outcome.RUNNING);
        assertThat(view.outcomeProperty().get()).isEqualTo(JobView.Outcome.CANCELLED);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#t-result").queryAs(Label.class).getText()).contains("was cancelled");
    }

    @Test
    void aFailureShowsTheJobsOwnWords(FxRobot robot) throws Exception {
        run(job(p -> {
            throw new IllegalStateException("nginx: [emerg] unknown directive \"proxy_pas\"");
        }));
        WaitForAsyncUtils.waitFor(5, TimeUnit.MINUTES, () -> view.outcomeProperty().get() != JobView.Outcome.RUNNING);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.outcomeProperty().get()).isEqualTo(JobView.Outcome.FAILED);
        assertThat(robot.lookup("#t-result").queryAs(Label.class).getText()).isEqualTo("nginx: [emerg] unknown directive \"proxy_pas\"");
        assertThat(robot.lookup("#t-step").queryAs(Label.class).getText()).isEqualTo("The test job failed");
    }

    private interface Body {
        void run(Progress p) throws Exception;
    }

    private static Job<Void> job(Body body) {
        return new Job<>() {
            @Override
            public String title() {
                return "test";
            }

            @Override
            public Void run(Progress progress) throws Exception {
                body.run(progress);
                return null;
            }
        };
    }
}
