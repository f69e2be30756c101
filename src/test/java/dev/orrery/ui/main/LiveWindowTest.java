package dev.orrery.ui.main;

import dev.orrery.engine.Job;
import dev.orrery.engine.state.JobKind;
import dev.orrery.engine.state.LiveClusterState;
import dev.orrery.engine.state.Tone;
import dev.orrery.health.ManualProbeClock;
import dev.orrery.health.ScriptedProber;
import dev.orrery.model.Version;
import dev.orrery.task.Progress;
import dev.orrery.ui.health.HealthRow;
import dev.orrery.ui.health.HealthView;
import dev.orrery.ui.live.NoticeArea;
import dev.orrery.ui.topology.ServerNode;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.util.Duration;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.orrery.ui.main.WindowFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The window tells one truth (the crater example, probes scripted on a manual clock): every
 * place that shows a server's state shows the live state's look; a planned stop in a deploy
 * raises nothing while a crash does; another cluster starts from nothing; notifications stay
 * clear of the controls and go by themselves; Help ▸ About says where things are.
 */
@ExtendWith(ApplicationExtension.class)
class LiveWindowTest {
    @TempDir
    Path tempDir;
    private WindowFixture fx;
    private final ManualProbeClock clock = new ManualProbeClock(1_700_000_000_000L);
    private final ScriptedProber prober = new ScriptedProber();

    @Start
    void start(Stage stage) throws Exception {
        fx = new WindowFixture(tempDir);
        fx.start(stage, fx.clusterFile);
        fx.scriptedHealth(clock, prober);
    }

    @AfterEach
    void close() throws Exception {
        fx.close();
    }

    private static <T> T onFx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(5, TimeUnit.MINUTES);
    }

    /** Every app server answers; the monitor has decided. */
    private void allUp() throws Exception {
        fx.awaitOpen();
        waitFor(() -> fx.window.health().monitor() != null && fx.window.health().monitor().serverNames().size() == 3);
        for (String a : List.of("10.0.1.73", "10.0.1.151", "10.0.1.152")) {
            prober.healthy(a + ":3000");
        }
        clock.advance(0);
        clock.advance(3000);
        waitFor(() -> badge("app-1").equals("UP") && badge("app-2").equals("UP") && badge("app-3").equals("UP"));
    }

    private String badge(String server) throws Exception {
        return onFx(() -> fx.window.topology().node(server) == null ? "" : fx.window.topology().node(server).stateWord());
    }

    private Optional<TableCell<?, ?>> statusCell(HealthView view, String server) {
        for (Node n : view.table().lookupAll(".health-status-cell")) {
            TableCell<?, ?> cell = (TableCell<?, ?>) n;
            if (cell.getTableRow() != null && cell.getTableRow().getItem() instanceof HealthRow r && r.name().equals(server)
                    && cell.getText() != null) {
                return Optional.of(cell);
            }
        }
        return Optional.empty();
    }

    @Test
    void aDownServerShowsDownEverywhereAndNeverReady(FxRobot robot) throws Exception {
        allUp();
        robot.clickOn("#node-app-2");
        prober.refused("10.0.1.151:3000");
        clock.advance(3000);
        waitFor(() -> badge("app-2").equals("DOWN"));

        ServerNode node = fx.window.topology().node("app-2");
        assertThat(node.statusWord()).isEqualTo("down");
        assertThat(node.getStyleClass()).contains(Tone.BAD.cssClass()).doesNotContain(Tone.GOOD.cssClass());
        assertThat(node.tooltipText()).contains("down — The health probes fail");
        Label state = robot.lookup("#inspector-fact-state").queryAs(Label.class);
        waitFor(() -> "down".equals(state.getText()));
        assertThat(state.getStyleClass()).contains(Tone.BAD.cssClass());
        waitFor(() -> robot.lookup("#status-live").queryAs(Label.class).getText().equals("app servers: 2 up · 1 down"));
        assertThat(robot.lookup("#status-live").queryAs(Label.class).getStyleClass()).contains(Tone.BAD.cssClass());

        robot.clickOn("Health");
        HealthView view = fx.window.health().view();
        waitFor(() -> onFx(() -> statusCell(view, "app-2").map(c -> c.getText().equals("down")
                && c.getStyleClass().contains(Tone.BAD.cssClass())).orElse(false)));
        waitFor(() -> fx.noticeTitles().contains("app-2 is down"));

        // Nowhere does app-2 say READY: not the badge, the word, the inspector or the table.
        assertThat(List.of(node.stateWord(), node.statusWord(), state.getText(),
                onFx(() -> statusCell(view, "app-2").map(TableCell::getText).orElse("")))).noneMatch(s -> s.equalsIgnoreCase("ready"));
    }

    @Test
    void aPlannedStopInADeployRaisesNothingButACrashDuringTheDeployDoes(FxRobot robot) throws Exception {
        allUp();
        CountDownLatch stopping = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        // A rollout as the engine runs one: app-2 is stopped on purpose, step by step.
        fx.window.orrery().submit(new Job<Void>() {
            @Override
            public String title() {
                return "Deploy crater-v2.tgz to crater";
            }

            @Override
            public String cluster() {
                return "crater";
            }

            @Override
            public JobKind kind() {
                return JobKind.DEPLOY;
            }

            @Override
            public Void run(Progress progress) throws Exception {
                progress.serverStep("app-2", "stop", true);
                stopping.countDown();
                // held until the test has checked the stop; minutes only as a safety net (60 s let a loaded
                // machine's job run on past "stop" while the test still asserted it)
                finish.await(10, TimeUnit.MINUTES);
                progress.serverStep("app-2", "switch current", true);
                return null;
            }
        });
        assertThat(stopping.await(3, TimeUnit.MINUTES)).isTrue();
        waitFor(() -> badge("app-2").equals("DEPLOYING"));
        prober.refused("10.0.1.151:3000");
        clock.advance(3000);
        waitFor(() -> onFx(() -> fx.window.live().model().server("app-2").health()) == dev.orrery.health.HealthState.DOWN);
        ServerNode app2 = fx.window.topology().node("app-2");
        assertThat(app2.stateWord()).isEqualTo("DEPLOYING");
        assertThat(app2.statusWord()).isEqualTo("deploying · stop");
        assertThat(app2.getStyleClass()).contains(Tone.PLANNED.cssClass());
        assertThat(fx.window.deployPanel().stepOf("app-2")).isEqualTo("stop");
        assertThat(robot.lookup("#status-job").queryAs(Label.class).getText()).startsWith("Deploy crater-v2.tgz to crater — app-2 · stop");

        // Meanwhile app-1 crashes: nobody planned that, deploy or not.
        prober.refused("10.0.1.73:3000");
        clock.advance(3000);
        waitFor(() -> fx.noticeTitles().contains("app-1 is down"));
        assertThat(badge("app-1")).isEqualTo("DOWN");
        assertThat(fx.noticeTitles()).noneMatch(t -> t.contains("app-2")).noneMatch(t -> t.startsWith("2 servers"));

        // The rollout ends with app-2 back: still nothing about app-2, and the end is announced.
        prober.healthy("10.0.1.151:3000");
        finish.countDown();
        clock.advance(3000);
        waitFor(() -> fx.window.deployPanel().resultText() != null);
        waitFor(() -> badge("app-2").equals("UP"));
        assertThat(fx.noticeTitles()).contains("Deploy finished").noneMatch(t -> t.contains("app-2"));
    }

    @Test
    void openingAnotherClusterStartsFromNothing(FxRobot robot) throws Exception {
        allUp();
        LiveClusterState crater = fx.window.live().state();
        robot.clickOn("#node-app-2");
        prober.refused("10.0.1.151:3000");
        clock.advance(3000);
        waitFor(() -> fx.noticeTitles().contains("app-2 is down"));
        // The sandbox's nginx said where it listens: a fact of this cluster's balancer only.
        crater.setFacts("lb-1", Map.of("process", "running", "listen", "127.0.0.1:56123"));
        waitFor(() -> onFx(() -> fx.window.topology().node("lb-1").tooltipText()).contains("listen 127.0.0.1:56123"));
        assertThat(badge("lb-1")).isEqualTo("RUNNING");

        Path other = tempDir.resolve("clusters").resolve("other.json");
        Files.writeString(other, Files.readString(WindowFixture.EXAMPLE).replace("\"name\" : \"crater\",\n    \"app\"", "\"name\" : \"other\",\n    \"app\""));
        robot.interact(() -> fx.window.document().open(other));
        waitFor(() -> other.equals(fx.window.document().fileProperty().get()));

        waitFor(() -> badge("app-2").equals("CHECKING"));
        assertThat(badge("lb-1")).isEqualTo("READY");
        assertThat(fx.window.topology().node("lb-1").statusWord()).isEqualTo("not monitored");
        assertThat(fx.window.topology().node("lb-1").tooltipText()).contains("public 198.51.100.10").doesNotContain("56123");
        assertThat(fx.window.topology().selectedProperty().get()).isNull();
        assertThat(fx.window.inspector().shown()).isNull();
        assertThat(onFx(() -> fx.window.notices().shown())).isEmpty();
        assertThat(robot.lookup("#status-live").queryAs(Label.class).getText()).isEqualTo("app servers: 3 checking");
        assertThat(fx.window.live().state()).isNotSameAs(crater);
        assertThat(fx.window.live().state().name()).isEqualTo("other");
        // The old cluster's state no longer hears the window's probes.
        crater.setFacts("app-1", Map.of("listen", "127.0.0.1:1"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx.window.topology().node("app-1").tooltipText()).doesNotContain("127.0.0.1:1");
    }

    @Test
    void notificationsAreGroupedStayClearOfTheControlsAndGoByThemselves(FxRobot robot) throws Exception {
        allUp();
        robot.interact(() -> fx.window.notices().setLifetimes(Duration.seconds(1), Duration.seconds(2)));
        prober.refused("10.0.1.151:3000");
        prober.refused("10.0.1.152:3000");
        clock.advance(3000);
        waitFor(() -> onFx(() -> fx.window.notices().shown().stream().map(NoticeArea.Notice::title).toList())
                .equals(List.of("2 servers are down")));
        NoticeArea.Notice n = onFx(() -> fx.window.notices().shown().get(0));
        assertThat(n.text()).isEqualTo("app-2, app-3");
        assertThat(n.tone()).isEqualTo(Tone.BAD);

        Node card = robot.lookup("#notice-down").query();
        Bounds b = onFx(() -> card.localToScene(card.getBoundsInLocal()));
        Bounds zoom = onFx(() -> robot.lookup("#zoom-in").query().getParent().localToScene(
                robot.lookup("#zoom-in").query().getParent().getBoundsInLocal()));
        Bounds tabs = onFx(() -> robot.lookup(".tab-header-area").query().localToScene(robot.lookup(".tab-header-area").query().getBoundsInLocal()));
        double width = fx.window.scene().getWidth();
        assertThat(b.intersects(zoom)).as("over the zoom bar").isFalse();
        assertThat(b.getMinY()).as("over the tabs").isGreaterThanOrEqualTo(tabs.getMaxY());
        assertThat(b.getMaxX()).as("at the window's edge").isLessThanOrEqualTo(width - 8);
        assertThat(b.getMinX()).isGreaterThan(0);

        waitFor(() -> onFx(() -> fx.window.notices().shown().isEmpty()));
        assertThat(robot.lookup("#notice-down").tryQuery()).isEmpty();
    }

    @Test
    void helpAboutShowsTheVersionTheDataFolderAndTheLogFile(FxRobot robot) throws Exception {
        fx.awaitOpen();
        robot.clickOn("Help").clickOn("#menu-about");
        waitFor(() -> robot.lookup("#about-dialog").tryQuery().isPresent());
        assertThat(robot.lookup("#about-version").queryAs(TextField.class).getText()).isEqualTo(Version.current());
        assertThat(robot.lookup("#about-home").queryAs(TextField.class).getText()).isEqualTo(fx.home.toAbsolutePath().toString());
        assertThat(robot.lookup("#about-log").queryAs(TextField.class).getText()).isNotBlank();
    }
}
