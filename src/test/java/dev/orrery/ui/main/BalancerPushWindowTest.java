package dev.orrery.ui.main;

import dev.orrery.testing.RequiresCommands;
import dev.orrery.engine.PushProxyJob;
import dev.orrery.model.Balancer;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.proxy.BalancerCommands;
import dev.orrery.proxy.BalancerFeatures;
import dev.orrery.proxy.BalancerLayout;
import dev.orrery.proxy.ProxyConfig;
import dev.orrery.proxy.ProxyRenderer;
import dev.orrery.remote.LineListener;
import dev.orrery.remote.LocalHost;
import dev.orrery.ui.job.JobView;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.orrery.ui.main.WindowFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The balancer node's Configuration view and Push, with the push run against the real nginx of
 * this machine (from a temp directory, on loopback) instead of over SSH.
 */
@ExtendWith(ApplicationExtension.class)
@RequiresCommands({"nginx", "curl"})
class BalancerPushWindowTest {
    @TempDir
    Path tempDir;
    private WindowFixture fx;
    private BalancerLayout layout;
    private final LocalHost local = new LocalHost("lb-1");

    @Start
    void start(Stage stage) throws Exception {
        fx = new WindowFixture(tempDir);
        fx.start(stage, fx.clusterFile);
        layout = BalancerLayout.under(tempDir.resolve("nginx").toString(), BalancerKind.NGINX).listeningOn("127.0.0.1");
    }

    @AfterEach
    void close() throws Exception {
        if (layout != null && Files.exists(Path.of(layout.pidFile()))) {
            local.exec(BalancerCommands.stop(BalancerKind.NGINX, layout), LineListener.IGNORE);
        }
        fx.close();
    }

    @Test
    void theBalancerShowsTheTextAPushWouldUpload(FxRobot robot) throws Exception {
        fx.awaitOpen();
        robot.clickOn("#node-app-1");
        assertThat(robot.lookup("#inspector-balancer-config").query().getParent().isVisible()).as("app servers have no balancer actions").isFalse();
        robot.clickOn("#node-lb-1");
        robot.clickOn("#inspector-balancer-config");
        waitFor(() -> !robot.lookup("#balancer-config-text").queryAs(TextArea.class).getText().isEmpty());

        Cluster c = fx.window.document().cluster();
        ProxyConfig expected = ProxyRenderer.render(c, BalancerLayout.droplet(BalancerKind.NGINX), BalancerFeatures.STOCK);
        assertThat(robot.lookup("#balancer-config-text").queryAs(TextArea.class).getText()).isEqualTo(expected.text());
        assertThat(robot.lookup("#balancer-config-status").queryAs(Label.class).getText()).contains(expected.fingerprint());
    }

    @Test
    void aPushRunsAsAJobWithItsStepsAndLogAndGoesLive(FxRobot robot) throws Exception {
        fx.awaitOpen();
        int port = freePort();
        fx.window.balancer().setPushJob(c -> new PushProxyJob(plainOn(c, port), local, layout));
        robot.clickOn("#node-lb-1");
        robot.clickOn("#inspector-balancer-push");

        waitFor(() -> robot.lookup("#push-job").tryQuery().isPresent());
        JobView job = robot.lookup("#push-job").queryAs(JobView.class);
        waitFor(() -> job.outcomeProperty().get() != JobView.Outcome.RUNNING);
        assertThat(job.outcomeProperty().get()).as(job.logText()).isEqualTo(JobView.Outcome.SUCCEEDED);
        assertThat(job.logText()).contains("• ");
        String live = local.exec(BalancerCommands.localGet(layout, port, ProxyConfig.STATUS_PATH), LineListener.IGNORE).output();
        assertThat(live).matches("orrery [0-9a-f]{16}\\s*");
        String fingerprint = live.strip().substring("orrery ".length());
        assertThat(fx.window.document().messageProperty().get()).isEqualTo("Balancer configuration " + fingerprint + " is live");
        assertThat(Files.readString(Path.of(layout.configPath()))).contains(fingerprint);
    }

    @Test
    void aPushTheValidatorRefusesShowsItsMessage(FxRobot robot) throws Exception {
        fx.awaitOpen();
        int port = freePort();
        // The example's TLS certificate files do not exist here: nginx -t refuses the configuration.
        fx.window.balancer().setPushJob(c -> new PushProxyJob(c.withBalancer(withPort(c.balancer(), port, c.balancer().tls())), local, layout));
        robot.clickOn("#node-lb-1");
        robot.clickOn("#inspector-balancer-push");

        waitFor(() -> robot.lookup("#push-job").tryQuery().isPresent());
        JobView job = robot.lookup("#push-job").queryAs(JobView.class);
        waitFor(() -> job.outcomeProperty().get() != JobView.Outcome.RUNNING);
        assertThat(job.outcomeProperty().get()).isEqualTo(JobView.Outcome.FAILED);
        String shown = robot.lookup("#push-result").queryAs(Label.class).getText();
        assertThat(shown).contains("validation").contains("[emerg]").contains("/etc/ssl/crater/fullchain.pem");
        assertThat(robot.lookup("#push-step").queryAs(Label.class).getText()).isEqualTo("The push failed");
        assertThat(Path.of(layout.configPath())).doesNotExist();
    }

    private static Cluster plainOn(Cluster c, int port) {
        return c.withBalancer(withPort(c.balancer(), port, null));
    }

    private static Balancer withPort(Balancer b, int port, dev.orrery.model.Tls tls) {
        return new Balancer(b.kind(), b.stickiness(), b.healthCheck(), tls, port, b.httpsPort(), b.drained());
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
