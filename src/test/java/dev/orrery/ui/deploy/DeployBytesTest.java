package dev.orrery.ui.deploy;

import dev.orrery.engine.Engine;
import dev.orrery.engine.Job;
import dev.orrery.model.AppSpec;
import dev.orrery.model.Balancer;
import dev.orrery.model.Cluster;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.task.Progress;
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
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deploy dialog shows the bytes this machine sent against the release's size, from the job's
 * {@code Transferred} event (the engine's job events, as a real deploy's {@code Rollout} reports it).
 */
@ExtendWith(ApplicationExtension.class)
class DeployBytesTest {
    private final Engine engine = new Engine();
    private DeployDialog dialog;
    private final Cluster cluster = new Cluster("crater", new AppSpec("crater", 3000, Map.of(), List.of()), Balancer.defaults(),
            List.of(Server.of("lb-1", Role.BALANCER, "10.0.0.2"), Server.of("app-1", Role.APP, "10.0.1.1"),
                    Server.of("app-2", Role.APP, "10.0.1.2"), Server.of("app-3", Role.APP, "10.0.1.3")));

    @Start
    void start(Stage stage) {
        stage.setScene(new javafx.scene.Scene(new javafx.scene.layout.VBox(), 200, 100));
        stage.show();
        Job<Cluster> job = new Job<>() {
            @Override public String title() { return "deploy"; }
            @Override public Cluster run(Progress p) {
                p.step("app-1 · upload");
                p.transferred(52_400_000L, 52_400_000L, 3);
                return cluster;
            }
        };
        dialog = DeployDialog.show(stage, engine, cluster, false, path -> job, (c, e) -> { });
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    @Test
    void theBytesSentShowOnceTheUploadsAreDone(FxRobot robot) throws Exception {
        Label sent = robot.lookup("#deploy-bytes").queryAs(Label.class);
        assertThat(sent.isVisible()).as("nothing sent yet").isFalse();
        robot.clickOn("#deploy-bundle").write("/tmp/release.tar.gz");
        robot.clickOn("#deploy-start");
        WaitForAsyncUtils.waitFor(5, TimeUnit.MINUTES, () -> sent.isVisible());
        assertThat(sent.getText()).isEqualTo("Sent 52.4 MB from this machine for a 52.4 MB release to 3 servers (33.3% of 3 whole uploads)");
    }

    @Test
    void theTextSaysHowLittleADeltaSent() {
        assertThat(DeployDialog.bytesText(2_000, 52_400_000L, 3)).isEqualTo("Sent 2.0 kB from this machine for a 52.4 MB release to 3 servers (0.0% of 3 whole uploads)");
        assertThat(DeployDialog.bytesText(4_200_000, 4_200_000, 1)).isEqualTo("Sent 4.2 MB from this machine for a 4.2 MB release to 1 server (100.0% of 1 whole uploads)");
    }
}
