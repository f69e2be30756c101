package dev.orrery.ui.main;

import dev.orrery.ui.deploy.DeployDialog;
import dev.orrery.ui.job.JobView;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static dev.orrery.ui.main.WindowFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Deploy and Roll back dialogs: the order, a row per server, and the refusals the rollout
 * makes before it touches any server (a bundle that is not a release,
 * nothing to roll back to) shown in the rollout's own words. A second deploy refused by the
 * cluster's lock (kept on the balancer) is OpsUnderLoadITBase's, on a real balancer. The rollout against real app
 * processes behind a real nginx is the deploy integration test's.
 */
@ExtendWith(ApplicationExtension.class)
class DeployWindowTest {
    @TempDir
    Path tempDir;
    private WindowFixture fx;

    @Start
    void start(Stage stage) throws Exception {
        fx = new WindowFixture(tempDir);
        fx.start(stage, fx.clusterFile);
    }

    @AfterEach
    void close() throws Exception {
        fx.close();
    }

    private DeployDialog open(boolean rollback) throws Exception {
        fx.awaitOpen();
        return WaitForAsyncUtils.asyncFx(() -> rollback ? fx.window.deploy().rollback() : fx.window.deploy().deploy()).get(5, TimeUnit.MINUTES);
    }

    @Test
    void theDialogShowsTheOrderAndARowPerServer(FxRobot robot) throws Exception {
        DeployDialog d = open(false);
        String order = robot.lookup("#deploy-order").queryAs(Label.class).getText();
        assertThat(order).contains("app-1 (canary) [nothing] → app-2 [nothing] → app-3 [nothing]");
        assertThat(robot.lookup("#deploy-row-app-2-step").queryAs(Label.class).getText()).isEqualTo("waiting");
        assertThat(robot.lookup("#deploy-start").queryButton().isDisabled()).as("no bundle chosen yet").isTrue();
        assertThat(d.job().isVisible()).isFalse();
    }

    @Test
    void aFileThatIsNotAReleaseIsRefusedInTheRolloutsWords(FxRobot robot) throws Exception {
        DeployDialog d = open(false);
        Path junk = Files.writeString(tempDir.resolve("notes.txt"), "not a bundle");
        robot.clickOn("#deploy-bundle").write(junk.toString());
        robot.clickOn("#deploy-start");
        waitFor(() -> d.job().outcomeProperty().get() != JobView.Outcome.RUNNING);
        assertThat(d.job().outcomeProperty().get()).isEqualTo(JobView.Outcome.FAILED);
        assertThat(robot.lookup("#deploy-result").queryAs(Label.class).getText()).contains("not a release");
        assertThat(fx.window.document().messageProperty().get()).startsWith("Deploy stopped:");
    }

    @Test
    void rollbackWithNothingToGoBackToSaysSo(FxRobot robot) throws Exception {
        DeployDialog d = open(true);
        robot.clickOn("#deploy-start");
        waitFor(() -> d.job().outcomeProperty().get() != JobView.Outcome.RUNNING);
        assertThat(d.job().outcomeProperty().get()).isEqualTo(JobView.Outcome.FAILED);
        assertThat(robot.lookup("#deploy-result").queryAs(Label.class).getText()).contains("no release to roll back to");
    }

    /** A minimal Node app tarball, as `npm pack` makes one. */
    private Path nodeBundle() throws Exception {
        Path dir = Files.createDirectories(tempDir.resolve("app/package"));
        Files.writeString(dir.resolve("package.json"), "{\"name\":\"crater\",\"version\":\"1.0.0\",\"scripts\":{\"start\":\"node server.js\"}}");
        Files.writeString(dir.resolve("server.js"), "require('http').createServer((q, r) => r.end('v1')).listen(process.env.PORT);\n");
        Path out = tempDir.resolve("crater-1.0.0.tgz");
        Process p = new ProcessBuilder("tar", "czf", out.toString(), "-C", tempDir.resolve("app").toString(), "package")
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).isZero();
        return out;
    }
}
