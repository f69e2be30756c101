package dev.orrery.ui.live;

import dev.orrery.engine.state.LiveClusterState;
import dev.orrery.engine.state.LiveEvent;
import dev.orrery.health.HealthState;
import dev.orrery.health.StateChange;
import dev.orrery.model.AppSpec;
import dev.orrery.model.Balancer;
import dev.orrery.model.Cluster;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The live state's events reach the FX thread once per pulse, each server folded into its latest; alarms are never lost. */
@ExtendWith(ApplicationExtension.class)
class LiveFxBridgeTest {
    private final List<LiveFxBridge.Batch> batches = new ArrayList<>();
    private final LiveFxBridge bridge = new LiveFxBridge(batches::add);
    private final LiveClusterState live = new LiveClusterState("crater");

    @Start
    void start(Stage stage) {
        live.setCluster(new Cluster("crater", new AppSpec("crater", 3000, Map.of(), List.of()), Balancer.defaults(),
                List.of(Server.of("app-1", Role.APP, "10.0.1.1"), Server.of("app-2", Role.APP, "10.0.1.2"))));
        live.addListener(bridge);
    }

    @Test
    void manyChangesOfOneServerArriveAsItsLatestAndEveryAlarmArrives() throws Exception {
        for (int i = 0; i < 50; i++) {
            live.onEvent(new StateChange("app-1", HealthState.CHECKING, HealthState.UP, i, "up"));
            live.onEvent(new StateChange("app-1", HealthState.UP, HealthState.DOWN, i, "refused"));
        }
        live.onEvent(new StateChange("app-2", HealthState.CHECKING, HealthState.UP, 1, "up"));
        WaitForAsyncUtils.asyncFx(bridge::pulse).get(5, TimeUnit.MINUTES);
        assertThat(batches).hasSize(1);
        LiveFxBridge.Batch b = batches.get(0);
        assertThat(b.changed().keySet()).containsExactly("app-1", "app-2");
        assertThat(b.changed().get("app-1").look().badge()).isEqualTo("DOWN");
        assertThat(b.changed().get("app-1").was().badge()).as("what was shown before this pulse").isEqualTo("CHECKING");
        assertThat(b.alarms()).hasSize(99).extracting(LiveEvent.Alarm::raised).startsWith(true, false, true);

        WaitForAsyncUtils.asyncFx(bridge::pulse).get(5, TimeUnit.MINUTES);
        assertThat(batches).as("nothing new, nothing delivered").hasSize(1);
    }

    @Test
    void aRemovedServerIsNotAlsoChanged() throws Exception {
        live.onEvent(new StateChange("app-2", HealthState.CHECKING, HealthState.UP, 1, "up"));
        live.setCluster(new Cluster("crater", new AppSpec("crater", 3000, Map.of(), List.of()), Balancer.defaults(),
                List.of(Server.of("app-1", Role.APP, "10.0.1.1"))));
        WaitForAsyncUtils.asyncFx(bridge::pulse).get(5, TimeUnit.MINUTES);
        LiveFxBridge.Batch b = batches.get(batches.size() - 1);
        assertThat(b.removed()).containsExactly("app-2");
        assertThat(b.changed()).doesNotContainKey("app-2");
    }
}
