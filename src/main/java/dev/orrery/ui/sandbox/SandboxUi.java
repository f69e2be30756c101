package dev.orrery.ui.sandbox;

import dev.orrery.engine.Engine;
import dev.orrery.engine.JobEvent;
import dev.orrery.engine.JobHandle;
import dev.orrery.engine.JobListener;
import dev.orrery.engine.SandboxJob;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.sandbox.Sandbox;
import dev.orrery.store.OrreryHome;
import dev.orrery.store.RecentClusters;
import dev.orrery.task.Progress;
import dev.orrery.ui.health.HealthFxModel;
import dev.orrery.ui.health.HealthView;
import dev.orrery.ui.main.MainWindow;
import dev.orrery.ui.palette.RoleDrag;
import dev.orrery.ui.topology.NodeStatus;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.DragEvent;
import javafx.util.Duration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The sandbox in the window. On first start (no recent cluster, no cluster file) it starts the
 * sandbox cluster and opens it; whenever the sandbox cluster is the open one its nodes show live
 * health, an App server tile dropped on the topology starts another server, a node's context
 * menu offers "Simulate failure", "Restart" and "Deploy next version", and closing the window
 * (or opening another cluster) stops the sandbox's processes. All work runs as engine jobs; the
 * status bar shows their steps.
 */
public final class SandboxUi {
    private final MainWindow window;
    private final Engine engine;
    private final OrreryHome home;
    private final Sandbox sandbox;
    private final Path clusterFile;
    private boolean active;
    /** Polls for "every app server up" while a screenshot waits for the live sandbox. */
    private Timeline liveCheck;
    /** Runs once the sandbox's app servers are all up (or at once when the sandbox is not started): the screenshot. */
    private Runnable whenLive;
    private boolean decided;
    /** The sandbox job running now, if any (for the shutdown hook). */
    private volatile JobHandle<?> running;

    private SandboxUi(MainWindow window, Engine engine, OrreryHome home, Sandbox sandbox) {
        this.window = window;
        this.engine = engine;
        this.home = home;
        this.sandbox = sandbox;
        this.clusterFile = sandbox.paths().clusterFile();
    }

    /** Attaches to the window (FX thread). */
    public static SandboxUi install(MainWindow window, Engine engine, OrreryHome home) {
        return install(window, engine, home, Sandbox.open(home, engine.io(), engine.scheduler()));
    }

    /** With a sandbox of the caller's (tests give theirs its own loopback block). */
    static SandboxUi install(MainWindow window, Engine engine, OrreryHome home, Sandbox sandbox) {
        SandboxUi ui = new SandboxUi(window, engine, home, sandbox);
        // Killed rather than closed (SIGTERM, logout): JavaFX never calls stop(), so stop the
        // sandbox's processes from a shutdown hook — by their pid files, without waiting for a job
        // that may hold the sandbox. Anything still left is found by the next start.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (ui.active) {
                JobHandle<?> job = ui.running;
                if (job != null) {
                    // a start still running would otherwise start processes after the sweep
                    job.cancel();
                    try {
                        job.result().get(10, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (Exception ignored) {
                        // cancelled, failed or slow: sweep anyway
                    }
                }
                new dev.orrery.sandbox.SandboxReaper(sandbox.paths().root()).reap(java.time.Duration.ofSeconds(5));
            }
        }, "orrery-sandbox-stop"));
        // The sandbox's actions join the window's one server menu (the node's and the Health row's).
        window.serverMenu().contribute(ui::sandboxItems);
        window.topology().addEventFilter(DragEvent.DRAG_DROPPED, ui::dropped);
        window.document().fileProperty().addListener((o, was, now) -> {
            if (clusterFileEquals(now, ui.clusterFile) && !ui.active) {
                ui.activate();
            } else if (clusterFileEquals(was, ui.clusterFile) && !clusterFileEquals(now, ui.clusterFile) && ui.active) {
                ui.deactivate();
            }
        });
        return ui;
    }

    /** First start: no recent cluster and no cluster file, so the sandbox starts; otherwise {@code otherwise} runs. */
    public void startIfFirstRun(Runnable otherwise) {
        window.document().background().run(this::firstRun, first -> {
            if (first) {
                activate();
            } else {
                otherwise.run();
                decidedWithoutSandbox();
            }
        }, error -> {
            otherwise.run();
            decidedWithoutSandbox();
        });
    }

    /** A cluster was named on the command line: the window shows it, not the sandbox. */
    public void notFirstRun() {
        decidedWithoutSandbox();
    }

    /**
     * Runs {@code r} once the first start has shown the sandbox with every app server up, or at
     * once when this start shows another cluster (the screenshot of the live sandbox waits for it).
     */
    public void whenLive(Runnable r) {
        if (decided && !active) {
            r.run();
        } else {
            whenLive = r;
        }
    }

    private void decidedWithoutSandbox() {
        decided = true;
        if (whenLive != null && !active) {
            Runnable r = whenLive;
            whenLive = null;
            r.run();
        }
    }

    private void checkLive() {
        HealthView view = window.health().view();
        if (whenLive == null || view == null || window.document().cluster() == null) {
            return;
        }
        HealthFxModel model = view.model();
        var apps = window.document().cluster().appServers();
        if (!apps.isEmpty() && apps.stream().allMatch(s -> model.state(s.name()) == dev.orrery.health.HealthState.UP)) {
            Runnable r = whenLive;
            whenLive = null;
            stopLiveCheck();
            r.run();
        }
    }

    /** The window's own health monitor follows the sandbox cluster once it is open; this only watches it. */
    private void startLiveCheck() {
        if (whenLive == null || liveCheck != null) {
            return;
        }
        liveCheck = new Timeline(new KeyFrame(Duration.millis(250), e -> checkLive()));
        liveCheck.setCycleCount(Animation.INDEFINITE);
        liveCheck.play();
    }

    private void stopLiveCheck() {
        if (liveCheck != null) {
            liveCheck.stop();
            liveCheck = null;
        }
    }

    public boolean active() {
        return active;
    }

    public Sandbox sandbox() {
        return sandbox;
    }

    private boolean firstRun() throws Exception {
        if ("off".equalsIgnoreCase(System.getenv("ORRERY_SANDBOX"))) {
            return false; // ORRERY_SANDBOX=off: a first start shows the empty window (timing checks, kiosks)
        }
        if (!new RecentClusters(home.recentFile()).list().isEmpty()) {
            return false;
        }
        Path dir = home.clustersDir();
        if (Files.isDirectory(dir)) {
            try (var files = Files.list(dir)) {
                if (files.anyMatch(f -> f.getFileName().toString().endsWith(".json"))) {
                    return false;
                }
            }
        }
        return true;
    }

    private void activate() {
        active = true;
        decided = true;
        run(SandboxJob.start(sandbox), done -> {
            window.document().open(clusterFile);
            if (done instanceof dev.orrery.model.Cluster c) {
                // ProxyPush saw nginx answer with this configuration: say so on the balancer's node.
                c.balancerServer().ifPresent(lb -> {
                    window.topology().status(lb.name()).set("nginx on :" + c.balancer().httpPort(), NodeStatus.UP);
                    window.topology().status(lb.name()).setDetail("nginx from " + sandbox.paths().balancerDir()
                            + ", answering on http://127.0.0.1:" + c.balancer().httpPort() + "/");
                });
            }
            startLiveCheck();
            window.document().say("Sandbox running: drag an App server tile to add one; right-click a node to fail, restart or deploy.");
        });
    }

    private void deactivate() {
        active = false;
        stopLiveCheck();
        engine.submit(SandboxJob.stop(sandbox));
    }

    /** Stops the sandbox's processes (the window is closing). Blocks for the few seconds that takes. */
    public void close() {
        stopLiveCheck();
        if (active) {
            active = false;
            sandbox.stop(Progress.NONE);
        }
    }

    /** The sandbox's items in the server menu: only while it runs, only for its app servers. */
    private java.util.List<MenuItem> sandboxItems(String name) {
        var c = window.document().cluster();
        if (!active || c == null || c.server(name).filter(s -> s.role() == Role.APP).isEmpty()) {
            return java.util.List.of();
        }
        return items(name);
    }

    /** The sandbox actions for one app server's node, as a menu of their own. */
    ContextMenu menuFor(String name) {
        ContextMenu menu = new ContextMenu();
        menu.getItems().setAll(items(name));
        return menu;
    }

    private java.util.List<MenuItem> items(String name) {
        MenuItem fail = new MenuItem("Simulate failure");
        fail.setId("sandbox-fail");
        fail.setOnAction(a -> run(SandboxJob.fail(sandbox, name), done -> { }));
        MenuItem restart = new MenuItem("Restart");
        restart.setId("sandbox-restart");
        restart.setOnAction(a -> run(SandboxJob.restart(sandbox, name), done -> { }));
        MenuItem deploy = new MenuItem("Deploy next version");
        deploy.setId("sandbox-deploy");
        deploy.setOnAction(a -> run(SandboxJob.deployNext(sandbox), done -> window.document().open(clusterFile)));
        return java.util.List.of(fail, restart, new SeparatorMenuItem(), deploy);
    }

    /** An App server tile dropped on the sandbox: start another server instead of asking for an address. */
    private void dropped(DragEvent e) {
        if (!active || RoleDrag.read(e.getDragboard()).filter(r -> r == Role.APP).isEmpty()) {
            return;
        }
        e.setDropCompleted(true);
        e.consume();
        window.topology().getStyleClass().remove("drop-active");
        addServer();
    }

    /** Starts one more app server (as a drop of an App server tile does). */
    public void addServer() {
        run(SandboxJob.addServer(sandbox), done -> {
            window.document().open(clusterFile);
            if (done instanceof Server s) {
                window.topology().selectedProperty().set(s.name());
            }
        });
    }

    /** Runs a sandbox job, its steps in the status bar, then {@code onDone} on the FX thread (or the error in a dialog). */
    private void run(SandboxJob<?> job, Consumer<Object> onDone) {
        long[] id = {-1};
        JobListener steps = ev -> {
            if (ev.jobId() == id[0] && ev instanceof JobEvent.Step s) {
                Platform.runLater(() -> window.document().say(job.title() + ": " + s.name()));
            }
        };
        engine.addListener(steps);
        JobHandle<?> handle = engine.submit(job);
        running = handle;
        id[0] = handle.id();
        handle.result().whenComplete((result, error) -> {
            engine.removeListener(steps);
            Platform.runLater(() -> {
                if (error != null) {
                    Throwable cause = error.getCause() != null ? error.getCause() : error;
                    window.document().say(job.title() + " failed: " + cause.getMessage());
                    window.showError(job.title() + " failed", String.valueOf(cause.getMessage()));
                } else {
                    window.document().say(job.title() + ": done");
                    onDone.accept(result);
                }
            });
        });
    }

    private static boolean clusterFileEquals(Path a, Path b) {
        return a != null && b != null && a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }
}
