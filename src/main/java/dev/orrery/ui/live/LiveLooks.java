package dev.orrery.ui.live;

import dev.orrery.engine.state.LiveClusterState;
import dev.orrery.engine.state.Look;
import dev.orrery.engine.state.ServerLive;
import dev.orrery.ui.health.HealthView;

/**
 * A live state's looks on a {@link HealthView} used on its own (the FX benchmark, the view's
 * tests): the same bridge and model the window uses ({@link WindowLive}), minus the rest of the
 * window. FX thread.
 *
 * <pre>{@code
 * LiveClusterState live = new LiveClusterState(cluster.name());
 * live.setCluster(cluster);
 * monitor.addListener(live);
 * LiveLooks.show(live, view);
 * }</pre>
 */
public final class LiveLooks {
    private LiveLooks() {
    }

    /** Starts showing {@code live}'s looks in the view's status column; returns the bridge (stop it to end). */
    public static LiveFxBridge show(LiveClusterState live, HealthView view) {
        LiveFxModel model = new LiveFxModel();
        model.addListener(new LiveFxModel.Listener() {
            @Override
            public void reset(LiveFxModel m) {
                m.servers().forEach(s -> view.showLook(s.name(), m.look(s.name())));
            }

            @Override
            public void server(ServerLive s, Look was, Look look) {
                view.showLook(s.name(), look);
            }
        });
        LiveFxBridge bridge = new LiveFxBridge(model::accept);
        live.addListener(bridge);
        model.resetTo(live.snapshot());
        bridge.start();
        return bridge;
    }
}
