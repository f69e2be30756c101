package dev.orrery.ui.main;

import dev.orrery.metrics.Metric;
import dev.orrery.model.AppSpec;
import dev.orrery.model.Balancer;
import dev.orrery.model.Cluster;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.model.ServerState;
import dev.orrery.store.ClusterStore;
import dev.orrery.ui.metrics.MetricsView;
import dev.orrery.ui.topology.ResourceBars;
import dev.orrery.ui.topology.ServerNode;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static dev.orrery.ui.main.WindowFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Metrics in the window for a cluster whose servers are this machine (as the sandbox's are): the
 * watch samples them, the node cards get CPU and memory bars, the Metrics tab draws from the
 * store, and the Alerts tab lists the rules; opening another cluster replaces the watch.
 */
@ExtendWith(ApplicationExtension.class)
class WindowMetricsTest {
    @TempDir
    Path tempDir;
    private WindowFixture fx;
    private Path local;

    @Start
    void start(Stage stage) throws Exception {
        fx = new WindowFixture(tempDir);
        local = tempDir.resolve("clusters").resolve("local.json");
        ClusterStore.save(local, new Cluster("local", new AppSpec("sample", 3000, Map.of(), List.of()), Balancer.defaults(), List.of(
                Server.of("lb-1", Role.BALANCER, "127.0.0.1").withProvider("sandbox", null, null, null).withState(ServerState.READY),
                Server.of("app-1", Role.APP, "127.66.0.2").withProvider("sandbox", null, null, null).withState(ServerState.READY))));
        fx.start(stage, local);
    }

    @AfterEach
    void close() throws Exception {
        fx.close();
    }

    private static <T> T onFx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(5, TimeUnit.MINUTES);
    }

    @Test
    void nodeBarsChartsAndRulesFollowTheOpenCluster() throws Exception {
        fx.awaitOpen();
        waitFor(() -> onFx(() -> fx.window.metrics().watch() != null));
        // node cards: bars appear once a sample with rates has arrived (two readings)
        waitFor(() -> onFx(() -> {
            ServerNode lb = (ServerNode) fx.window.topology().lookup("#node-lb-1");
            ResourceBars bars = (ResourceBars) lb.lookup(".resource-bars");
            return bars.isVisible() && !Double.isNaN(fx.window.topology().status("lb-1").cpuProperty().get());
        }));
        double mem = onFx(() -> fx.window.topology().status("lb-1").memoryProperty().get());
        assertThat(mem).isBetween(0.0, 100.0);

        onFx(() -> {
            TabPane tabs = (TabPane) fx.window.scene().lookup("#main-tabs");
            tabs.getSelectionModel().select(2);
            return null;
        });
        MetricsView view = onFx(() -> fx.window.metrics().metricsView());
        waitFor(() -> onFx(() -> {
            view.reload();
            return view.shown() != null && view.shown().metrics().size() > 0
                    && !Double.isNaN(view.shown().metrics().last(Metric.CPU));
        }));
        assertThat(onFx(() -> view.charts().get(0).points())).isPositive();
        assertThat(onFx(() -> fx.window.metrics().alertsView().rules().getItems())).hasSize(6);

        // another cluster: the old watch is closed and a new one follows the new file
        var first = onFx(() -> fx.window.metrics().watch());
        onFx(() -> {
            fx.window.document().open(fx.clusterFile);
            return null;
        });
        waitFor(() -> onFx(() -> fx.window.metrics().watch() != null && fx.window.metrics().watch() != first
                && fx.window.metrics().watch().name().equals("crater")));
        // the example's servers have made-up addresses and unknown host keys: none is sampled, and each says why
        assertThat(onFx(() -> fx.window.metrics().watch().sampling())).isNotEmpty()
                .allSatisfy(s -> assertThat(s.error()).contains("host key is not trusted"));
    }
}
