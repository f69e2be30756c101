package dev.orrery.ui.failover;

import dev.orrery.engine.Engine;
import dev.orrery.engine.Job;
import dev.orrery.engine.Orrery;
import dev.orrery.ha.FailoverDrill;
import dev.orrery.ha.FailoverSetup;
import dev.orrery.model.Cluster;
import dev.orrery.model.Role;
import dev.orrery.ui.job.JobDialog;
import dev.orrery.ui.menu.ServerMenu;
import javafx.application.Platform;
import javafx.scene.control.MenuItem;
import javafx.stage.Window;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Balancer failover in the window: the balancer node's menu offers the setup and the drill — the
 * same engine jobs as {@code orrery balancer failover setup} and {@code failover-drill}, shown in
 * the job dialog — and, while a cluster with failover is open, the engine reads who holds the
 * reserved IP (API and keepalived) into the live state every {@link #WATCH_EVERY}, which the
 * topology shows through {@code ServerLook} (ACTIVE / STANDBY). Building a job reads the keychain,
 * so it happens on the engine's io pool; the FX thread only opens the dialog.
 */
public final class FailoverActions implements AutoCloseable {
    public static final Duration WATCH_EVERY = Duration.ofSeconds(15);

    private final Supplier<Window> owner;
    private final Orrery orrery;
    private final Engine engine;
    private final Supplier<Cluster> cluster;
    private final Consumer<String> say;
    private final Consumer<String> reservedIpApplied;
    private AutoCloseable watch;

    /**
     * @param reservedIpApplied gets (on the FX thread) the reserved IP the setup created or adopted,
     *                          for the open cluster file
     */
    public FailoverActions(Supplier<Window> owner, Orrery orrery, Engine engine, Supplier<Cluster> cluster, Consumer<String> say,
                           Consumer<String> reservedIpApplied) {
        this.owner = owner;
        this.orrery = orrery;
        this.engine = engine;
        this.cluster = cluster;
        this.say = say;
        this.reservedIpApplied = reservedIpApplied;
    }

    /** The balancer node's failover items; none for other servers or a cluster without failover. */
    public List<MenuItem> items(String server) {
        Cluster c = cluster.get();
        if (c == null || c.balancer().failover() == null
                || c.server(server).map(s -> s.role() != Role.BALANCER).orElse(true)) {
            return List.of();
        }
        return List.of(ServerMenu.item("Set up failover (reserved IP + keepalived)…", "menu-failover-setup", this::setup),
                ServerMenu.item("Failover drill…", "menu-failover-drill", this::drill));
    }

    /** Follows {@code c} (null: none open): reads its failover state while it is open, when {@code watchBalancers}. */
    public void follow(Cluster c, boolean watchBalancers) {
        stop();
        if (c != null && watchBalancers) {
            watch = orrery.watchFailover(c, WATCH_EVERY);
        }
    }

    public void setup() {
        Cluster c = cluster.get();
        start(() -> orrery.failoverSetupJob(c, ip -> Platform.runLater(() -> reservedIpApplied.accept(ip))), "Failover setup",
                "failover-setup", (FailoverSetup.Result r) -> "Failover is set up: " + r.reservedIp() + " (" + r.how() + ") held by "
                        + r.holder());
    }

    public void drill() {
        Cluster c = cluster.get();
        start(() -> orrery.failoverDrillJob(c), "The failover drill", "failover-drill",
                (FailoverDrill.Result r) -> "Failover drill: " + r.reservedIp() + " moved from " + r.from() + " to " + r.to() + " in "
                        + r.failoverMs() + " ms");
    }

    private <T> void start(Callable<Job<T>> make, String what, String id, java.util.function.Function<T, String> done) {
        engine.io().execute(() -> {
            Job<T> job;
            try {
                job = make.call();
            } catch (Exception e) {
                Platform.runLater(() -> say.accept(what + " cannot start: " + e.getMessage()));
                return;
            }
            Platform.runLater(() -> JobDialog.run(owner.get(), engine, job, what, id, (r, error) -> say.accept(error == null
                    ? done.apply(r) : what + " failed: " + String.valueOf(error.getMessage()).lines().findFirst().orElse(""))));
        });
    }

    private void stop() {
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
        stop();
    }
}
