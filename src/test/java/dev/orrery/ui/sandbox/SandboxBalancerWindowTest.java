package dev.orrery.ui.sandbox;

import dev.orrery.model.Cluster;
import dev.orrery.testing.RequiresCommands;
import dev.orrery.ui.job.JobView;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.orrery.ui.sandbox.SandboxFixture.onFx;
import static dev.orrery.ui.sandbox.SandboxFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandbox's balancer node is its real nginx on this machine (on a loopback block of its own, {@link dev.orrery.testing.LoopbackBlocks}):
 * it shows where it listens, Configuration… shows the file nginx runs, and Push pushes to that
 * nginx (not over SSH to port 22).
 */
@EnabledOnOs(OS.LINUX)
@ExtendWith(ApplicationExtension.class)
@RequiresCommands({"setsid", "curl", "nginx"})
class SandboxBalancerWindowTest {
    @TempDir
    Path tmp;
    private SandboxFixture fx;

    @Start
    void start(Stage stage) {
        fx = new SandboxFixture(tmp);
        fx.start(stage, dev.orrery.testing.LoopbackBlocks.claim("SandboxBalancerWindowTest"));
        fx.firstRun();
    }

    @AfterEach
    void close() throws Exception {
        fx.close();
    }

    @Test
    void configurationShowsTheFileNginxRunsAndPushGoesToIt(FxRobot robot) throws Exception {
        fx.awaitUp("app-1", "app-2");
        Cluster c = fx.window.document().cluster();
        String lb = c.balancerServer().orElseThrow().name();
        waitFor(() -> "RUNNING".equals(fx.badge(lb)));
        assertThat(fx.window.topology().node(lb).tooltipText()).contains("listen 127.0.0.1:" + c.balancer().httpPort());

        robot.clickOn("#node-" + lb);
        press(robot, "#inspector-balancer-config");
        waitFor(() -> robot.lookup("#balancer-config-text").tryQuery().map(t -> !((TextArea) t).getText().isEmpty()).orElse(false));
        String running = Files.readString(fx.paths.balancerDir().resolve("nginx.conf"));
        assertThat(robot.lookup("#balancer-config-text").queryAs(TextArea.class).getText()).isEqualTo(running);
        assertThat(robot.lookup("#balancer-config-status").queryAs(Label.class).getText())
                .startsWith("The configuration nginx runs now: " + fx.paths.balancerDir().resolve("nginx.conf"))
                .contains("the same as a push would upload");
        robot.clickOn("Close");

        press(robot, "#inspector-balancer-push");
        waitFor(() -> robot.lookup("#push-job").tryQuery().isPresent());
        JobView job = robot.lookup("#push-job").queryAs(JobView.class);
        waitFor(() -> job.outcomeProperty().get() != JobView.Outcome.RUNNING);
        assertThat(job.outcomeProperty().get()).as(job.logText()).isEqualTo(JobView.Outcome.SUCCEEDED);
        assertThat(job.logText()).doesNotContain("port 22");
        assertThat(onFx(() -> fx.window.document().messageProperty().get())).startsWith("Balancer configuration ").endsWith(" is live");
        assertThat(fx.badge(lb)).isEqualTo("RUNNING");
    }

    /** Presses an inspector button wherever the inspector is scrolled (a sandbox balancer's local facts and certificate push it down). */
    private static void press(FxRobot robot, String id) {
        javafx.scene.control.Button b = robot.lookup(id).queryButton();
        robot.interact(b::fire);
    }
}
