package dev.orrery.ui.security;

import dev.orrery.engine.Engine;
import dev.orrery.engine.FirewallJob;
import dev.orrery.engine.Job;
import dev.orrery.model.Cluster;
import dev.orrery.model.Firewall;
import dev.orrery.model.Role;
import dev.orrery.security.FirewallApply;
import dev.orrery.security.ServerSecurity;
import dev.orrery.store.ClusterStore;
import dev.orrery.task.Progress;
import javafx.application.Platform;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The inspector's Security section over a scripted engine: what is open to whom for the selected
 * server (both layers, from the cluster file's allow-list), the check's findings once its job has
 * run (while it runs the window stays live), and Apply submitting the firewall job.
 */
@ExtendWith(ApplicationExtension.class)
class SecurityInspectorSectionTest {
    private final Engine engine = new Engine();
    private final List<String> submitted = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final SimpleObjectProperty<Cluster> cluster = new SimpleObjectProperty<>(crater());
    private final SimpleObjectProperty<String> selected = new SimpleObjectProperty<>();
    private SecurityInspectorSection section;

    static Cluster crater() {
        try {
            return ClusterStore.load(Path.of("assets/examples/crater.json")).withFirewall(new Firewall(List.of("203.0.113.7")));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    final SecurityAccess access = new SecurityAccess() {
        @Override
        public Job<List<ServerSecurity>> check(Cluster c) {
            return new Job<>() {
                @Override public String title() { return "Security check of " + c.name(); }
                @Override public List<ServerSecurity> run(Progress p) throws Exception {
                    submitted.add("check");
                    release.await(); // the test decides when the servers "answer"
                    return List.of(
                            new ServerSecurity("app-1", Role.APP, "deploy@198.51.100.211:22", true, 40, null, "sudo", "systemd", "open", "none", "open"),
                            new ServerSecurity("app-2", Role.APP, "root@198.51.100.36:22", true, 40, null, "root", "supervisor", "orrery",
                                    "orrery-crater-app", "refused"),
                            new ServerSecurity("lb-1", Role.BALANCER, "root@198.51.100.10:22", false, 3000, "connect timed out", "root", null, null,
                                    "unknown", "-"));
                }
            };
        }

        @Override
        public Job<FirewallJob.Result> apply(Cluster c) {
            return new Job<>() {
                @Override public String title() { return "Firewall of " + c.name(); }
                @Override public FirewallJob.Result run(Progress p) {
                    submitted.add("apply " + c.sshFrom());
                    return new FirewallJob.Result(true, null, List.of(new FirewallApply.Outcome("app-1", true, Duration.ofSeconds(2), "applied")), 0);
                }
            };
        }
    };

    @Start
    void start(Stage stage) {
        section = new SecurityInspectorSection(engine, access, cluster, selected);
        stage.setScene(new Scene(new VBox(section), 420, 700));
        stage.show();
    }

    @AfterEach
    void stop() {
        release.countDown();
        engine.close();
    }

    @Test
    void showsWhatIsOpenToWhomThenWhatTheCheckFoundAndAppliesThroughAJob(FxRobot robot) {
        assertThat(section.isVisible()).as("nothing selected").isFalse();
        robot.interact(() -> selected.set("app-1"));
        assertThat(section.isVisible()).isTrue();
        assertThat(robot.lookup("#security-open").queryAs(javafx.scene.Node.class)).isNotNull();
        String open = texts(robot, "#security-open");
        assertThat(open).contains("3000").contains("balancer 10.0.1.10, 198.51.100.10 | balancer tag orrery:crater:balancer").contains("host+cloud")
                .contains("22").contains("203.0.113.7");
        assertThat(open).doesNotContain("443");

        robot.clickOn("#security-check");
        await().until(() -> submitted.contains("check"));
        // the job waits for the servers; the FX thread does not
        robot.interact(() -> selected.set("lb-1"));
        assertThat(texts(robot, "#security-open")).contains("443").contains("anyone");
        assertThat(robot.lookup("#security-status").queryAs(Label.class).getText()).contains("Checking");
        release.countDown();
        await().until(() -> onFx(() -> robot.lookup("#security-status").queryAs(Label.class).getText()).contains("2 of 3 servers answered"));
        assertThat(label(robot, "#security-fact-reached")).contains("connect timed out");

        robot.interact(() -> selected.set("app-1"));
        assertThat(label(robot, "#security-fact-logs-in-as")).isEqualTo("sudo");
        assertThat(label(robot, "#security-fact-runs-the-app-with")).isEqualTo("systemd");
        assertThat(label(robot, "#security-fact-host-firewall")).isEqualTo("open");
        assertThat(label(robot, "#security-fact-app-port-from-outside")).contains("reachable without the balancer");
        robot.interact(() -> selected.set("app-2"));
        assertThat(label(robot, "#security-fact-cloud-firewall")).isEqualTo("orrery-crater-app");
        assertThat(label(robot, "#security-fact-app-port-from-outside")).isEqualTo("refused");

        robot.clickOn("#security-apply");
        await().until(() -> submitted.contains("apply [203.0.113.7]"));
        // after an apply the servers are checked again, to show what they say now
        await().until(() -> submitted.stream().filter("check"::equals).count() == 2);
    }

    @Test
    void withoutAnAllowListItSaysHowToSetOneAndOffersNoApply(FxRobot robot) {
        robot.interact(() -> {
            cluster.set(crater().withFirewall(null));
            selected.set("app-1");
        });
        assertThat(texts(robot, "#security-open")).contains("No SSH allow-list yet").contains("--save");
        assertThat(robot.lookup("#security-apply").queryButton().isDisabled()).isTrue();
        robot.interact(() -> selected.set("db-1"));
        assertThat(section.isVisible()).isTrue();
    }

    private static String label(FxRobot robot, String id) {
        return onFx(() -> robot.lookup(id).queryAs(Label.class).getText());
    }

    private static String texts(FxRobot robot, String id) {
        return onFx(() -> robot.lookup(id).queryAs(javafx.scene.layout.Pane.class).getChildren().stream()
                .filter(n -> n instanceof Label).map(n -> ((Label) n).getText()).reduce("", (a, b) -> a + " | " + b));
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> c) {
        try {
            return WaitForAsyncUtils.asyncFx(c).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
