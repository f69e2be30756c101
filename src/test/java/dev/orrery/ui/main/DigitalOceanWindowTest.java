package dev.orrery.ui.main;

import dev.orrery.cloud.ApiToken;
import dev.orrery.cloud.DigitalOceanConfig;
import dev.orrery.cloud.FakeApiFixture;
import dev.orrery.cloud.FileTokenStore;
import dev.orrery.cloud.Region;
import dev.orrery.cloud.Size;
import dev.orrery.cloud.Snapshot;
import dev.orrery.cloud.TokenStores;
import dev.orrery.model.Cluster;
import dev.orrery.model.Server;
import dev.orrery.model.ServerState;
import dev.orrery.provision.ProvisionTimeouts;
import dev.orrery.provision.Seams;
import dev.orrery.store.OrreryHome;
import dev.orrery.ui.cloud.CloudAccess;
import dev.orrery.ui.job.JobView;
import dev.orrery.ui.topology.ServerNode;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.orrery.ui.main.WindowFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * DigitalOcean in the window, against the fake API (MockWebServer answering as the spec says):
 * the new-droplet pickers, the placeholder node fed by the provision job, failure and cancel,
 * and the token settings page. SSH, deploy and the balancer push are recorded seams here; the
 * provision integration test runs them for real on the test hosts.
 */
@ExtendWith(ApplicationExtension.class)
class DigitalOceanWindowTest {
    @TempDir
    Path tempDir;
    private WindowFixture fx;
    private FakeApiFixture api;
    private FileTokenStore store;
    private final List<Cluster> pushes = new CopyOnWriteArrayList<>();
    private volatile Seams.SshReadiness ssh = (server, timeout, progress) -> "SHA256:fake";

    @Start
    void start(Stage stage) throws Exception {
        fx = new WindowFixture(tempDir);
        fx.start(stage, fx.clusterFile);
        api = new FakeApiFixture();
        api.fake.actionPolls(1);
        OrreryHome home = new OrreryHome(fx.home);
        store = TokenStores.fileStore(home);
        CloudAccess cloud = new CloudAccess(home, Map.of(DigitalOceanConfig.URL_ENV, api.server.url("/").toString()), store);
        fx.window.provision().setCloud(cloud);
        fx.window.provision().setSeams(() -> new Seams.ProvisionSeams((server, timeout, progress) -> ssh.awaitAndRecordHostKey(server, timeout, progress),
                (cluster, server, progress) -> { },
                (cluster, server, release, progress) -> { },
                (cluster, progress) -> pushes.add(cluster)), ProvisionTimeouts.DEFAULT);
        // The example's balancer is not reachable here: the cluster's lock in the data folder instead of on it.
        fx.window.provision().setLock(new dev.orrery.deploy.LocalClusterLock(home.locksDir()));
    }

    @AfterEach
    void close() throws Exception {
        fx.close();
        api.close();
    }

    private void openNewDroplet(FxRobot robot) throws Exception {
        fx.awaitOpen();
        store.save(new ApiToken(FakeApiFixture.TOKEN));
        robot.drag("#tile-app").dropTo("#topology");
        waitFor(() -> robot.lookup("#add-app-choice").tryQuery().isPresent());
        robot.clickOn(ProvisionActions.NEW_DROPLET.getText());
        try {
            waitFor(() -> robot.lookup("#droplet-size").tryQuery().isPresent()
                    && robot.lookup("#droplet-size").queryAs(ComboBox.class).getValue() != null);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the pickers did not fill: " + robot.lookup("#droplet-status").queryAs(Label.class).getText(), e);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aNewDropletFromTheSnapshotAppearsAtOnceAndBecomesAReadyServer(FxRobot robot) throws Exception {
        openNewDroplet(robot);
        ComboBox<Region> region = robot.lookup("#droplet-region").queryAs(ComboBox.class);
        ComboBox<Snapshot> snapshot = robot.lookup("#droplet-snapshot").queryAs(ComboBox.class);
        ComboBox<Size> size = robot.lookup("#droplet-size").queryAs(ComboBox.class);
        assertThat(region.getItems()).extracting(Region::slug).contains("nyc3", "fra1");
        assertThat(snapshot.getValue().id()).isEqualTo(String.valueOf(api.fake.baseImage().id()));
        assertThat(size.getItems()).allMatch(s -> s.disk() >= snapshot.getValue().minDiskSize() && s.regions().contains(region.getValue().slug()));

        robot.clickOn("#droplet-ok");
        // At once: a placeholder node being provisioned, before the API has made anything.
        waitFor(() -> fx.window.topology().node("app-4") != null);
        assertThat(((ServerNode) robot.lookup("#node-app-4").query()).stateWord()).isIn("PROVISIONING", "CHECKING");

        JobView job = robot.lookup("#provision-job").queryAs(JobView.class);
        waitFor(() -> job.outcomeProperty().get() != JobView.Outcome.RUNNING);
        assertThat(job.outcomeProperty().get()).as(job.logText()).isEqualTo(JobView.Outcome.SUCCEEDED);
        assertThat(job.logText()).contains("accepted");
        waitFor(() -> fx.window.document().saveStateProperty().get() == ClusterDocument.SaveState.SAVED
                && fx.onDisk().server("app-4").map(s -> s.state() == ServerState.READY).orElse(false));
        Server made = fx.onDisk().server("app-4").orElseThrow();
        assertThat(made.dropletId()).isEqualTo(String.valueOf(api.fake.droplets().get(0).id()));
        assertThat(made.publicAddress()).isEqualTo(api.fake.droplets().get(0).publicIp());
        assertThat(pushes).isNotEmpty();
        assertThat(pushes.get(pushes.size() - 1).server("app-4")).isPresent();
        assertThat(api.fake.createBodies().get(0).get("image").asText()).isEqualTo(String.valueOf(api.fake.baseImage().id()));
    }

    @Test
    void aFailedProvisionLeavesAFailedNodeWithDelete(FxRobot robot) throws Exception {
        ssh = (server, timeout, progress) -> {
            throw new IllegalStateException("sshd on " + server.publicAddress() + " never answered");
        };
        openNewDroplet(robot);
        robot.clickOn("#droplet-ok");
        JobView job = waitForJob(robot);
        waitFor(() -> job.outcomeProperty().get() != JobView.Outcome.RUNNING);
        assertThat(job.outcomeProperty().get()).isEqualTo(JobView.Outcome.FAILED);
        assertThat(robot.lookup("#provision-result").queryAs(Label.class).getText()).contains("never answered");
        assertThat(api.fake.droplets()).as("the workflow deleted the droplet it made").isEmpty();
        waitFor(() -> fx.window.document().cluster().server("app-4").map(s -> s.state() == ServerState.FAILED).orElse(false));
        waitFor(() -> "failed".equals(fx.window.topology().status("app-4").word()));

        robot.clickOn("#provision-close");
        robot.clickOn("#node-app-4");
        robot.clickOn("#inspector-delete");
        waitFor(() -> robot.lookup("#confirm-delete-failed").tryQuery().isPresent());
        robot.clickOn("Delete");
        waitFor(() -> fx.window.document().cluster().server("app-4").isEmpty());
        waitFor(() -> fx.onDisk().server("app-4").isEmpty());
    }

    @Test
    void cancelHalfwayLeavesNothingBehind(FxRobot robot) throws Exception {
        ssh = (server, timeout, progress) -> {
            // until the test cancels; 10 minutes only as a safety net (a loaded machine may take long to)
            for (int i = 0; i < 60_000; i++) {
                progress.checkCancelled();
                Thread.sleep(10);
            }
            throw new IllegalStateException("the test's cancel never arrived");
        };
        openNewDroplet(robot);
        robot.clickOn("#droplet-ok");
        JobView job = waitForJob(robot);
        waitFor(() -> robot.lookup("#provision-step").queryAs(Label.class).getText().startsWith("Wait for SSH"));
        assertThat(api.fake.droplets()).hasSize(1);
        robot.clickOn("#provision-cancel");
        waitFor(() -> job.outcomeProperty().get() != JobView.Outcome.RUNNING);
        assertThat(job.outcomeProperty().get()).isEqualTo(JobView.Outcome.CANCELLED);
        assertThat(api.fake.droplets()).isEmpty();
        waitFor(() -> fx.window.document().cluster().server("app-4").isEmpty());
        waitFor(() -> fx.onDisk().server("app-4").isEmpty());
    }

    @Test
    void theTokenPageChecksATokenAndSavesIt(FxRobot robot) throws Exception {
        fx.awaitOpen();
        robot.clickOn("#menu-bar").clickOn("File").clickOn("#menu-cloud");
        waitFor(() -> robot.lookup("#token-stored").queryAs(Label.class).getText().equals("No token is stored."));

        robot.clickOn("#token-field").write("dop_v1_wrongwrongwrong");
        robot.clickOn("#token-check");
        waitFor(() -> robot.lookup("#token-result").queryAs(Label.class).getText().startsWith("The token does not work"));
        assertThat(robot.lookup("#token-result").queryAs(Label.class).getText()).doesNotContain("wrongwrongwrong");

        robot.clickOn("#token-field").eraseText(40).write(FakeApiFixture.TOKEN);
        robot.clickOn("#token-check");
        waitFor(() -> robot.lookup("#token-result").queryAs(Label.class).getText().equals("The token works: the account has 3 SSH keys."));
        robot.clickOn("#token-save");
        waitFor(() -> robot.lookup("#token-stored").queryAs(Label.class).getText().equals("A token is stored."));
        assertThat(store.load()).contains(new ApiToken(FakeApiFixture.TOKEN));
    }

    private static JobView waitForJob(FxRobot robot) throws Exception {
        waitFor(() -> robot.lookup("#provision-job").tryQuery().isPresent());
        return robot.lookup("#provision-job").queryAs(JobView.class);
    }
}
