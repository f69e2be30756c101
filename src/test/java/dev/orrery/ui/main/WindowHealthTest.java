package dev.orrery.ui.main;

import dev.orrery.health.ManualProbeClock;
import dev.orrery.health.ScriptedProber;
import dev.orrery.engine.state.Tone;
import dev.orrery.ui.health.HealthView;
import dev.orrery.ui.health.Sparkline;
import dev.orrery.ui.topology.ServerNode;
import javafx.scene.Node;
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
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static dev.orrery.ui.main.WindowFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Health in the window: the open cluster's monitor (scripted probes on a manual clock) recolours
 * the topology nodes with a word and a sparkline, fills the Health tab's chart, notifies on down
 * and up, and is replaced when another cluster opens.
 */
@ExtendWith(ApplicationExtension.class)
class WindowHealthTest {
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

    private boolean nodeShows(String server, String word, Tone tone) throws Exception {
        return onFx(() -> {
            ServerNode n = fx.window.topology().node(server);
            return n != null && word.equals(n.statusWord()) && n.getStyleClass().contains(tone.cssClass());
        });
    }

    @Test
    void aStateChangeRecoloursTheNodeAndAddsPointsToTheChart(FxRobot robot) throws Exception {
        fx.awaitOpen();
        waitFor(() -> fx.window.health().monitor() != null && fx.window.health().monitor().serverNames().size() == 3);
        for (String a : List.of("10.0.1.73", "10.0.1.151", "10.0.1.152")) {
            prober.healthy(a + ":3000");
        }
        clock.advance(0);
        clock.advance(3000);
        waitFor(() -> nodeShows("app-2", "up", Tone.GOOD));
        HealthView view = fx.window.health().view();
        int pointsBefore = onFx(() -> view.model().pointCount("app-2"));
        assertThat(pointsBefore).isGreaterThanOrEqualTo(2);
        waitFor(() -> !fx.window.topology().status("app-2").samples().isEmpty());
        assertThat(onFx(() -> fx.window.topology().node("app-2").lookup(".sparkline") != null
                || !fx.window.topology().node("app-2").lookupAll("*").stream().filter(Sparkline.class::isInstance).toList().isEmpty())).isTrue();

        prober.refused("10.0.1.151:3000");
        clock.advance(3000);
        waitFor(() -> nodeShows("app-2", "down", Tone.BAD));
        assertThat(nodeShows("app-1", "up", Tone.GOOD)).isTrue();
        assertThat(onFx(() -> view.model().pointCount("app-2"))).isGreaterThan(pointsBefore);
        waitFor(() -> fx.noticeTitles().contains("app-2 is down"));

        robot.clickOn("Health");
        waitFor(() -> onFx(() -> view.chart().pointsDrawn()) > 0);

        prober.healthy("10.0.1.151:3000");
        clock.advance(1500);
        waitFor(() -> nodeShows("app-2", "up", Tone.GOOD));
        waitFor(() -> fx.noticeTitles().contains("app-2 is back"));
    }

    @Test
    void openingAnotherClusterReplacesTheMonitorAndAnAddedServerIsProbed(FxRobot robot) throws Exception {
        fx.awaitOpen();
        waitFor(() -> fx.window.health().monitor() != null);
        var first = fx.window.health().monitor();
        // An app server added in the window is probed by the same monitor.
        onFx(() -> {
            fx.window.document().apply(fx.window.document().cluster().withServer(
                    dev.orrery.model.Server.of("app-9", dev.orrery.model.Role.APP, "10.0.1.99")), "Added app-9");
            return null;
        });
        waitFor(() -> fx.window.health().monitor() == first && first.serverNames().contains("app-9"));

        Path other = tempDir.resolve("clusters").resolve("other.json");
        Files.writeString(other, Files.readString(WindowFixture.EXAMPLE).replace("\"name\" : \"crater\",\n    \"app\"", "\"name\" : \"other\",\n    \"app\""));
        onFx(() -> {
            fx.window.document().open(other);
            return null;
        });
        try {
            waitFor(() -> fx.window.document().cluster() != null && fx.window.document().cluster().name().equals("other"));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("not opened: " + fx.window.document().messageProperty().get() + " / " + fx.window.document().fileProperty().get(), e);
        }
        waitFor(() -> fx.window.health().monitor() != null && fx.window.health().monitor() != first);
        assertThat(first.serverNames()).as("the old monitor keeps its list but is closed").isNotEmpty();
        assertThat(fx.window.health().monitor().serverNames()).containsExactly("app-1", "app-2", "app-3");
    }

    @Test
    void closingTheWindowStopsTheProbes() throws Exception {
        fx.awaitOpen();
        waitFor(() -> fx.window.health().monitor() != null && fx.window.health().monitor().serverNames().size() == 3);
        clock.advance(0);
        clock.advance(1500);
        waitFor(() -> !prober.asked().isEmpty());
        onFx(() -> {
            fx.window.quit();
            return null;
        });
        waitFor(() -> fx.window.health().monitor() == null);
        int asked = prober.asked().size();
        clock.advance(5000);
        assertThat(prober.asked()).hasSize(asked);
    }
}
