package dev.orrery.ui.health;

import dev.orrery.health.BalancerView;
import dev.orrery.health.BalancerViewSource;
import dev.orrery.health.DirectRoute;
import dev.orrery.health.HealthMonitor;
import dev.orrery.health.HealthState;
import dev.orrery.health.ManualProbeClock;
import dev.orrery.health.ScriptedProber;
import dev.orrery.engine.state.LiveClusterState;
import dev.orrery.engine.state.Tone;
import dev.orrery.model.AppSpec;
import dev.orrery.model.Balancer;
import dev.orrery.model.Cluster;
import dev.orrery.model.HealthCheck;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.ui.live.LiveLooks;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TableRow;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The health view, headless (Monocle), driven by a monitor on a manual clock. */
@ExtendWith(ApplicationExtension.class)
class HealthViewTest {
    private final ManualProbeClock clock = new ManualProbeClock(1_700_000_000_000L);
    private final ScriptedProber prober = new ScriptedProber();
    private final LiveClusterState live = new LiveClusterState("crater");
    private volatile BalancerView balancerSays;
    private HealthMonitor monitor;
    private HealthView view;

    @Start
    void start(Stage stage) {
        monitor = new HealthMonitor(HealthCheck.DEFAULT, 3000, new DirectRoute(), prober, clock, Runnable::run);
        monitor.setServers(List.of(Server.of("app-1", Role.APP, "10.0.1.1"), Server.of("app-2", Role.APP, "10.0.1.2")));
        monitor.setBalancerViewSource(new BalancerViewSource() {
            @Override
            public String describe() {
                return "check_status json";
            }

            @Override
            public BalancerView fetch() {
                return balancerSays != null ? balancerSays : BalancerView.failed(describe(), 0, "not yet");
            }
        }, 500);
        view = new HealthView(monitor);
        view.resync(monitor.snapshot());
        // The status column shows the live state's looks, fed by the same monitor, as in the window.
        live.setCluster(new Cluster("crater", new AppSpec("crater", 3000, Map.of(), List.of()), Balancer.defaults(), List.of(
                Server.of("app-1", Role.APP, "10.0.1.1"), Server.of("app-2", Role.APP, "10.0.1.2"))));
        monitor.addListener(live);
        LiveLooks.show(live, view);
        stage.setScene(new Scene(view, 1000, 700));
        stage.show();
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(5, TimeUnit.MINUTES);
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(5, TimeUnit.MINUTES, () -> fx(condition));
    }

    private Optional<HealthTable.StatusCell> statusCell(String server) {
        for (Node n : view.table().lookupAll(".health-status-cell")) {
            HealthTable.StatusCell cell = (HealthTable.StatusCell) n;
            TableRow<HealthRow> row = cell.getTableRow();
            if (row != null && row.getItem() != null && row.getItem().name().equals(server) && cell.getText() != null) {
                return Optional.of(cell);
            }
        }
        return Optional.empty();
    }

    /** The status cell says the look's word in its tone's colour class (the same look as the node's). */
    private boolean cellShows(String server, String word, Tone tone) {
        return statusCell(server).map(c -> c.getText().equals(word) && c.getStyleClass().contains(tone.cssClass())
                && c.getTextFill().equals(dev.orrery.ui.look.ToneColors.text(tone))).orElse(false);
    }

    @Test
    void aStateChangeRecoloursTheStatusCellAndAddsPoints() throws Exception {
        prober.healthy("10.0.1.1:3000");
        prober.healthy("10.0.1.2:3000");
        clock.advance(0);
        monitor.start();
        clock.advance(3000);
        // the status cell (live state) and the chart (the health view's own queue) are fed on separate
        // paths and may arrive on different pulses: wait for both
        waitFor(() -> cellShows("app-2", "up", Tone.GOOD) && view.model().pointCount("app-2") >= 2 && view.chart().pointsDrawn() > 0);
        assertThat(fx(() -> cellShows("app-2", "down", Tone.BAD))).isFalse();
        int pointsBefore = fx(() -> view.model().pointCount("app-2"));
        int drawnBefore = fx(() -> view.chart().pointsDrawn());
        assertThat(pointsBefore).isGreaterThanOrEqualTo(2);
        assertThat(drawnBefore).isPositive();

        prober.refused("10.0.1.2:3000");
        clock.advance(3000);
        waitFor(() -> cellShows("app-2", "down", Tone.BAD) && view.model().pointCount("app-2") > pointsBefore
                && view.chart().pointsDrawn() > drawnBefore);
        assertThat(fx(() -> cellShows("app-1", "up", Tone.GOOD))).isTrue();
        assertThat(fx(() -> view.timeline().stateAt("app-2", clock.nowMillis()))).isEqualTo(HealthState.DOWN);

        prober.healthy("10.0.1.2:3000");
        clock.advance(1500);
        waitFor(() -> cellShows("app-2", "up", Tone.GOOD));
    }

    @Test
    void theBalancersDisagreementIsHighlighted() throws Exception {
        prober.healthy("10.0.1.1:3000");
        prober.refused("10.0.1.2:3000");
        balancerSays = new BalancerView("check_status json", 0, true, List.of(
                new BalancerView.Entry("10.0.1.1:3000", "up", true, 9, 0, "http"),
                new BalancerView.Entry("10.0.1.2:3000", "up", true, 9, 0, "http")), null);
        monitor.start();
        clock.advance(3000);
        waitFor(() -> view.table().lookupAll(".health-disagree").size() == 1);
        HealthRow disagreeing = fx(() -> view.model().rows().stream().filter(HealthRow::disagrees).findFirst().orElseThrow());
        assertThat(disagreeing.name()).isEqualTo("app-2");
    }

    @Test
    void scrollingBackDrawsTheEnginesHistory() throws Exception {
        prober.healthy("10.0.1.1:3000");
        prober.healthy("10.0.1.2:3000");
        monitor.start();
        clock.advance(20 * 60_000L);
        waitFor(() -> view.model().pointCount("app-1") == HealthFxModel.SERIES_POINTS);
        fx(() -> {
            view.chart().setBackMs(12 * 60_000L);
            return null;
        });
        // 5 minutes of history at 750 ms for each of the two servers, fetched from the rings
        waitFor(() -> view.chart().pointsDrawn() >= 2 * 390);
        assertThat(fx(() -> view.chart().backMs())).isEqualTo(12 * 60_000.0);
    }

    @Test
    void aBoundSparklineFollowsItsServer() throws Exception {
        prober.healthy("10.0.1.1:3000");
        prober.healthy("10.0.1.2:3000");
        Sparkline spark = fx(Sparkline::new);
        fx(() -> view.model().bindSparkline("app-2", spark, 40));
        monitor.start();
        clock.advance(3000);
        waitFor(() -> spark.pointCount() >= 3 && spark.getStyleClass().contains("health-up"));
        prober.refused("10.0.1.2:3000");
        clock.advance(3000);
        waitFor(() -> spark.getStyleClass().contains("health-down"));
        assertThat(fx(() -> spark.getStyleClass().contains("health-up"))).isFalse();
    }

    @Test
    void serverUpdatesCarryStateDetailAndLatenciesForTheTopology() throws Exception {
        java.util.Map<String, dev.orrery.ui.health.HealthFxModel.ServerUpdate> last = new java.util.concurrent.ConcurrentHashMap<>();
        fx(() -> {
            view.model().onServerUpdate(10, u -> last.put(u.server(), u));
            return null;
        });
        prober.healthy("10.0.1.1:3000");
        prober.refused("10.0.1.2:3000");
        monitor.start();
        clock.advance(3000);
        waitFor(() -> last.containsKey("app-2") && last.get("app-2").state() == HealthState.DOWN
                && last.containsKey("app-1") && last.get("app-1").state() == HealthState.UP);
        assertThat(last.get("app-1").detail()).startsWith("up — HTTP 200 in");
        assertThat(last.get("app-1").latencies().length).isBetween(2, 10);
        assertThat(last.get("app-2").detail()).contains("refused");
    }

    @Test
    void theActOnItSwitchIsOffByDefaultAndTurnsTheOptionOn() throws Exception {
        dev.orrery.health.ActOnHealth act = new dev.orrery.health.ActOnHealth(monitor,
                () -> dev.orrery.model.Balancer.defaults(), new dev.orrery.health.BalancerActions() {
                    @Override
                    public void markDown(String server) {
                    }

                    @Override
                    public void markUp(String server) {
                    }
                }, Runnable::run);
        javafx.scene.control.CheckBox box = fx(() -> view.showActOnHealth(act));
        assertThat(fx(box::isSelected)).isFalse();
        assertThat(act.enabled()).isFalse();
        fx(() -> {
            box.fire();
            return null;
        });
        assertThat(act.enabled()).isTrue();
        assertThat(fx(() -> box.getTooltip().getText())).contains("fail_timeout");
    }

    @Test
    void sparklineTakesPointsAndTheStateStyle() throws Exception {
        Sparkline s = fx(Sparkline::new);
        fx(() -> {
            s.update(new double[]{3, 4, Double.NaN, 5});
            s.setState(HealthState.DOWN);
            return null;
        });
        assertThat(s.pointCount()).isEqualTo(4);
        assertThat(s.getStyleClass()).contains("health-down").doesNotContain("health-up");
        fx(() -> {
            s.setState(HealthState.UP);
            return null;
        });
        assertThat(s.getStyleClass()).contains("health-up").doesNotContain("health-down");
    }
}
