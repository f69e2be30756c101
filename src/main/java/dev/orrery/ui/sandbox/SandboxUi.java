package dev.orrery.ui.sandbox;

import dev.orrery.engine.Engine;
import dev.orrery.engine.SandboxJob;
import dev.orrery.engine.state.ServerLive;
import dev.orrery.model.Cluster;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.sandbox.Sandbox;
import dev.orrery.sandbox.SandboxCluster;
import dev.orrery.store.OrreryHome;
import dev.orrery.task.Progress;
import dev.orrery.ui.main.MainWindow;
import dev.orrery.ui.main.SandboxControls;
import javafx.application.Platform;
import javafx.scene.control.ContextMenu;
import javafx.util.Duration;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The sandbox in the window. On first start (no recent cluster, no cluster file) it shows the
 * sandbox's servers as placeholders that follow the start job, then opens the sandbox cluster.
 * While the sandbox is shown, an App server tile dropped on the topology starts another server;
 * a node's context menu offers Simulate failure (not on a node already down), Restart, Deploy
 * next version and Delete; Delete on a sandbox server stops its process and takes it out of the
 * balancer. The Sandbox menu starts, stops, resets it and opens the app in the browser. Opening
 * another cluster while it runs asks whether to keep it running in the background or stop it;
 * closing the window stops it. Every action is an engine job; the live state shows its steps.
 */
public final class SandboxUi implements SandboxControls {
    private final MainWindow window;
    private final OrreryHome home;
    private final Sandbox sandbox;
    private final Path clusterFile;
    private final SandboxQuestions ask;
    /** This window runs the sandbox's processes (shown or in the background). */
    private volatile boolean running;
    private final LiveWait liveWait;
    private SandboxGestures gestures;
    private final SandboxJobs jobs;
    private Consumer<String> browser;

    private SandboxUi(MainWindow window, Engine engine, OrreryHome home, Sandbox sandbox) {
        this.window = window;
        this.home = home;
        this.sandbox = sandbox;
        this.clusterFile = sandbox.paths().clusterFile();
        this.ask = new SandboxQuestions(window);
        this.browser = url -> window.document().say("The sandbox's app answers at " + url);
        this.liveWait = new LiveWait(window, this::shown, this::running);
        this.jobs = new SandboxJobs(engine, window);
    }

    /** Attaches to the window (FX thread). */
    public static SandboxUi install(MainWindow window, Engine engine, OrreryHome home) {
        return install(window, engine, home, Sandbox.open(home, engine.io(), engine.scheduler()));
    }

    /** With a sandbox of the caller's (tests give theirs its own loopback block). */
    public static SandboxUi install(MainWindow window, Engine engine, OrreryHome home, Sandbox sandbox) {
        SandboxUi ui = new SandboxUi(window, engine, home, sandbox);
        SandboxShutdownHook.install(() -> ui.running, ui.jobs::current, sandbox.paths().root());
        // Whatever the sandbox saves (a release going live, a server added, the stop) shows at once.
        sandbox.setOnSaved(ui::showSaved);
        window.setSandbox(ui);
        ui.gestures = SandboxGestures.install(ui, window);
        window.document().fileProperty().addListener((o, was, now) -> {
            if (ui.isSandbox(now)) {
                window.placeholderProperty().set(null);
                if (!ui.running) {
                    ui.startNow();
                }
            } else if (ui.isSandbox(was) && ui.running) {
                ui.ask.keepOrStop(ui::stop);
            }
        });
        return ui;
    }

    /** Where "Open the App in the Browser" goes (the app passes its host services). */
    public void setBrowser(Consumer<String> browser) {
        this.browser = browser;
    }

    /** First start: no recent cluster and no cluster file, so the sandbox starts; otherwise {@code otherwise} runs. */
    public void startIfFirstRun(Runnable otherwise) {
        window.topology().setEmptyText("Opening…");
        window.document().background().run(() -> SandboxFirstRun.isFirstRun(home), first -> {
            if (first) {
                showPlaceholder();
            } else {
                window.topology().setEmptyText(null);
                otherwise.run();
                liveWait.decidedWithoutSandbox();
            }
        }, error -> {
            window.topology().setEmptyText(null);
            otherwise.run();
            liveWait.decidedWithoutSandbox();
        });
    }

    /** A cluster was named on the command line: the window shows it, not the sandbox. */
    public void notFirstRun() {
        liveWait.decidedWithoutSandbox();
    }

    /**
     * Runs {@code r} once the first start has shown the sandbox with every app server up, or at
     * once when this start shows another cluster (the screenshot of the live sandbox waits for it).
     */
    public void whenLive(Runnable r) {
        liveWait.whenLive(r);
    }

    @Override
    public boolean running() {
        return running;
    }

    @Override
    public boolean shown() {
        return isSandbox(window.document().fileProperty().get());
    }

    public Sandbox sandbox() {
        return sandbox;
    }

    /** Kept for callers of the first round: the sandbox runs and is the cluster shown. */
    public boolean active() {
        return running && shown();
    }

    @Override
    public void start() {
        if (shown()) {
            if (!running) {
                startNow();
            }
        } else {
            window.document().open(clusterFile); // starts it unless it runs in the background
        }
    }

    @Override
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        jobs.run(SandboxJob.stop(sandbox), done -> window.document().say("The sandbox is stopped; Sandbox ▸ Start starts it again."));
    }

    @Override
    public void reset() {
        ask.confirmReset(sandbox.paths().root(), () -> {
            running = true;
            // A new cluster file: read it again (or open it when another cluster is shown).
            jobs.run(SandboxJob.reset(sandbox), done -> window.document().open(clusterFile));
        });
    }

    @Override
    public void openApp() {
        window.document().background().run(() -> sandbox.balancerUrl().orElseGet(() -> firstAppUrl()), url -> browser.accept(url),
                error -> window.showError("Cannot open the sandbox's app", String.valueOf(error.getMessage())));
    }

    private String firstAppUrl() {
        try {
            Cluster c = sandbox.cluster();
            return c.appServers().stream().findFirst().map(s -> "http://" + s.internalAddress() + ":" + c.app().port() + "/")
                    .orElseThrow(() -> new IllegalStateException("the sandbox has no app server"));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public boolean owns(Server server) {
        return shown() && SandboxCluster.PROVIDER.equals(server.provider());
    }

    @Override
    public void delete(Server server) {
        if (server.role() != Role.APP) {
            window.showError("The sandbox's " + server.role().label().toLowerCase() + " cannot be deleted",
                    "Sandbox ▸ Stop stops it with the rest of the sandbox; Sandbox ▸ Reset starts over.");
            return;
        }
        ServerLive live = window.live().model().server(server.name());
        String pid = live == null ? null : live.facts().get("pid");
        ask.confirmDelete(server, pid, sandbox.paths().serverBase(server.name()), () ->
                jobs.run(SandboxJob.remove(sandbox, server.name()), done -> window.document().say(server.name()
                        + " is stopped and out of the balancer" + (pid == null ? "" : " (process " + pid + " ended)"))));
    }

    /** Stops the sandbox's processes (the window is closing). Blocks for the few seconds that takes. */
    public void close() {
        liveWait.stop();
        if (running) {
            running = false;
            sandbox.setOnSaved(null);
            sandbox.stop(Progress.NONE);
        }
    }

    /** The actions of an app server's node (as its context menu shows them). */
    ContextMenu menuFor(String name) {
        return gestures.menuFor(name);
    }

    /** Starts one more app server (as a drop of an App server tile does). */
    public void addServer() {
        jobs.run(SandboxJob.addServer(sandbox), done -> {
            if (done instanceof Server s) {
                window.topology().selectedProperty().set(s.name());
            }
        });
    }

    // ---- starting ----

    /** The sandbox's servers as they will be, as placeholders that follow the start job; then the start. */
    private void showPlaceholder() {
        window.topology().setEmptyText("Starting the sandbox on this machine…");
        running = true;
        liveWait.decidedForSandbox();
        window.document().background().run(sandbox::preview, preview -> {
            if (window.document().cluster() == null) {
                window.placeholderProperty().set(preview);
            }
            startNow();
        }, error -> startNow());
    }

    private void startNow() {
        running = true;
        liveWait.decidedForSandbox();
        jobs.run(SandboxJob.start(sandbox), done -> {
            window.topology().setEmptyText(null);
            if (!shown()) {
                window.document().open(clusterFile);
            }
            liveWait.decidedForSandbox();
            window.document().say("Sandbox running: drag an App server tile to add one; right-click a node to fail, restart, deploy or delete.");
        }, error -> {
            running = false;
            window.placeholderProperty().set(null);
            window.topology().setEmptyText("The sandbox did not start: " + error
                    + "\nSandbox ▸ Start tries again; File ▸ Open… opens a cluster.");
        });
    }

    /** The sandbox saved {@code c} (any thread): the window shows it before the job goes on. */
    private void showSaved(Cluster c) {
        if (Platform.isFxApplicationThread()) {
            window.document().showSaved(clusterFile, c);
            return;
        }
        CompletableFuture<Void> shownNow = new CompletableFuture<>();
        Platform.runLater(() -> {
            window.document().showSaved(clusterFile, c);
            shownNow.complete(null);
        });
        try {
            // So the live state has the release before the job says it finished; never waits long.
            shownNow.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the window is closing or busy: it shows the file when it next reads it
        }
    }

    // ---- running jobs ----

    /** Runs one of the sandbox's jobs as the menu does (errors in a dialog). */
    public void runJob(SandboxJob<?> job) {
        jobs.run(job, done -> { });
    }

    private boolean isSandbox(Path p) {
        return p != null && p.toAbsolutePath().normalize().equals(clusterFile.toAbsolutePath().normalize());
    }
}
