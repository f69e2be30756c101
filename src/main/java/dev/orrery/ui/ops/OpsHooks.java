package dev.orrery.ui.ops;

import dev.orrery.engine.BalancerSwitchJob;
import dev.orrery.engine.Orrery;
import dev.orrery.engine.state.LiveClusterState;
import dev.orrery.engine.state.LiveEvent;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.ui.job.JobDialog;
import javafx.application.Platform;
import javafx.stage.Window;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Issue 14's parts of the window, hooked in by {@code MainWindow}: the cluster's lock in the
 * status bar ({@link LockStatus}, fed by the live state, which this keeps in step with the lock on
 * the balancer every {@link #WATCH_EVERY}), and the balancer switch action. Network work runs on
 * the engine's pools; the FX thread only updates nodes.
 */
public final class OpsHooks implements AutoCloseable {
    public static final Duration WATCH_EVERY = Duration.ofSeconds(15);

    private final Window owner;
    private final Orrery orrery;
    private final LockStatus status = new LockStatus();
    private AutoCloseable watch;
    private LiveClusterState live;
    private final Consumer<LiveEvent> listener = e -> {
        if (e instanceof LiveEvent.LockChanged changed) {
            Platform.runLater(() -> status.show(changed.lock()));
        }
    };

    public OpsHooks(Window owner, Orrery orrery) {
        this.owner = owner;
        this.orrery = orrery;
    }

    public LockStatus lockStatus() {
        return status;
    }

    /**
     * Shows the lock of {@code cluster} (null: none open) and, when it has a balancer and
     * {@code watch} is true, reads it there every {@link #WATCH_EVERY} — with host keys never
     * asked about (an unknown balancer just stays unread). The sandbox passes false: its lock is local.
     */
    public void follow(Cluster cluster, boolean watchBalancer) {
        stopFollowing();
        if (cluster == null) {
            status.show(null);
            return;
        }
        live = orrery.live(cluster.name());
        live.addListener(listener);
        status.show(live.snapshot().lock());
        if (watchBalancer && cluster.balancerServer().isPresent()) {
            watch = orrery.watchLock(cluster, WATCH_EVERY);
        }
    }

    /**
     * Asks, then switches the balancer program as an engine job holding the cluster's lock; the
     * new kind is handed to {@code applied} (on the FX thread) once the new program answers.
     */
    public void switchBalancer(Supplier<Cluster> cluster, dev.orrery.engine.Engine engine, Consumer<BalancerKind> applied,
                               Consumer<String> say) {
        Cluster c = cluster.get();
        if (c == null || c.balancerServer().isEmpty()) {
            say.accept("The cluster has no balancer server to switch");
            return;
        }
        SwitchBalancerDialog.show(owner, c, to -> {
            BalancerSwitchJob job = orrery.balancerSwitchJob(c.name(), cluster::get, kind -> Platform.runLater(() -> applied.accept(kind)), to);
            JobDialog.run(owner, engine, job, "The switch", "switch", (r, error) -> say.accept(error == null
                    ? "The balancer is " + SwitchBalancerDialog.name(to) + " now; its ports were closed for " + r.closedMs() + " ms"
                    : "Switch failed: " + String.valueOf(error.getMessage()).lines().findFirst().orElse("")));
        });
    }

    private void stopFollowing() {
        if (live != null) {
            live.removeListener(listener);
            live = null;
        }
        try {
            if (watch != null) {
                watch.close();
            }
        } catch (Exception ignored) {
            // a cancelled tick
        }
        watch = null;
    }

    @Override
    public void close() {
        stopFollowing();
    }
}
