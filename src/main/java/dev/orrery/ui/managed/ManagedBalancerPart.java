package dev.orrery.ui.managed;

import dev.orrery.cloud.LoadBalancer;
import dev.orrery.engine.Engine;
import dev.orrery.engine.Orrery;
import dev.orrery.model.Cluster;
import dev.orrery.model.Role;
import dev.orrery.ui.job.JobDialog;
import dev.orrery.ui.live.LiveFxModel;
import dev.orrery.ui.menu.ServerMenu;
import dev.orrery.ui.topology.ManagedNode;
import javafx.application.Platform;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.MenuItem;
import javafx.stage.Window;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The DigitalOcean Load Balancer kind in the window: while a cluster of that kind is open, the
 * engine reads its status into the live state every {@link #WATCH_EVERY} (the node, the inspector
 * and the health view show it through ServerLook); Push, Refresh status and the move from a
 * balancer droplet run the engine's jobs ({@code orrery.managedBalancerJob}, the same as
 * {@code orrery balancer managed-push} and {@code migrate-to-managed --apply}) in a job dialog.
 * Nothing here calls the API on the FX thread.
 */
public final class ManagedBalancerPart implements AutoCloseable {
    public static final Duration WATCH_EVERY = Duration.ofSeconds(15);

    private final Supplier<Window> owner;
    private final Orrery orrery;
    private final Engine engine;
    private final Supplier<Cluster> cluster;
    private final Supplier<Path> file;
    private final BiConsumer<Cluster, String> applied;
    private final Consumer<String> say;
    private final ManagedBalancerSection section;
    private AutoCloseable watch;

    /**
     * @param applied gets (FX thread) the cluster a finished move wrote, for the open document
     */
    public ManagedBalancerPart(Supplier<Window> owner, Orrery orrery, Engine engine, ObservableValue<Cluster> shown, Supplier<Cluster> cluster,
                               Supplier<Path> file, ObservableValue<String> selected, LiveFxModel model, BiConsumer<Cluster, String> applied,
                               Consumer<String> say) {
        this.owner = owner;
        this.orrery = orrery;
        this.engine = engine;
        this.cluster = cluster;
        this.file = file;
        this.applied = applied;
        this.say = say;
        this.section = new ManagedBalancerSection(shown, selected, model, this::push, this::refresh, this::migrate);
    }

    /** The inspector's balancer-kind section. */
    public ManagedBalancerSection section() {
        return section;
    }

    /** Follows {@code c} (null: none open): reads its managed load balancer's status while it is open. */
    public void follow(Cluster c) {
        stop();
        if (c != null && c.balancer().managedKind()) {
            watch = orrery.watchManagedBalancer(c, WATCH_EVERY);
        }
    }

    /** The node menu's items: Push and Refresh on the managed load balancer, the move on a balancer droplet. */
    public List<MenuItem> items(String name) {
        Cluster c = cluster.get();
        if (c == null) {
            return List.of();
        }
        if (ManagedNode.is(c, name)) {
            return List.of(ServerMenu.item("Push to DigitalOcean (create or update)", "menu-managed-push", this::push),
                    ServerMenu.item("Refresh status", "menu-managed-refresh", this::refresh));
        }
        if (!c.balancer().managedKind() && c.server(name).map(s -> s.role() == Role.BALANCER).orElse(false)) {
            return List.of(ServerMenu.item("Move to a DigitalOcean Load Balancer…", "menu-managed-migrate", this::migrate));
        }
        return List.of();
    }

    /** Creates or updates the load balancer from the cluster file, as the engine's job. */
    public void push() {
        Cluster c = cluster.get();
        if (c == null || !c.balancer().managedKind()) {
            return;
        }
        JobDialog.run(owner.get(), engine, orrery.managedBalancerJob(c), "The load balancer push", "managed-push", (lb, error) -> {
            say.accept(error == null ? describe(lb) : "Load balancer push failed: " + firstLine(error));
            refresh();
        });
    }

    /** Asks the API for the status now (on the io pool); the live state shows the answer. */
    public void refresh() {
        Cluster c = cluster.get();
        if (c != null && c.balancer().managedKind()) {
            engine.io().execute(() -> orrery.readManagedBalancer(c));
        }
    }

    /** Shows the move's plan; on "Create load balancer" runs the job, then keeps the old file beside and writes the new one. */
    public void migrate() {
        Cluster c = cluster.get();
        if (c == null || c.balancer().managedKind()) {
            return;
        }
        MigrationDialog.show(owner.get(), c, target -> JobDialog.run(owner.get(), engine, orrery.managedBalancerJob(target),
                "The move to a DigitalOcean Load Balancer", "managed-migrate", (lb, error) -> {
                    if (error != null) {
                        say.accept("The move failed, the cluster file is unchanged: " + firstLine(error));
                        return;
                    }
                    Path f = file.get();
                    engine.io().execute(() -> {
                        String kept = keepOld(f);
                        // The save's message carries it, so the status bar keeps saying what is left to the user.
                        Platform.runLater(() -> applied.accept(target, "Moved to " + describe(lb) + "." + kept + " Your step: point DNS at "
                                + (lb.ip().isEmpty() ? "its address once it is active" : lb.ip()) + "; Orrery does not change DNS"));
                    });
                }));
    }

    /** The file as it was, beside it (as the command line keeps it); a failed copy is said, it does not stop the move. */
    private static String keepOld(Path f) {
        if (f == null) {
            return "";
        }
        Path backup = f.resolveSibling(f.getFileName() + ".before-managed");
        try {
            Files.copy(f, backup, StandardCopyOption.REPLACE_EXISTING);
            return " The old file is " + backup.getFileName() + ".";
        } catch (java.io.IOException e) {
            return " (The old file could not be kept: " + e.getMessage() + ")";
        }
    }

    static String describe(LoadBalancer lb) {
        return "DigitalOcean Load Balancer " + lb.name() + ": " + lb.status() + (lb.ip().isEmpty() ? ", no address yet" : " at " + lb.ip())
                + ", " + lb.dropletIds().size() + " droplet(s) behind it";
    }

    private static String firstLine(Throwable e) {
        return String.valueOf(e.getMessage()).lines().findFirst().orElse("");
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
