package dev.orrery.ui.sandbox;

import dev.orrery.engine.Engine;
import dev.orrery.engine.state.Look;
import dev.orrery.sandbox.Sandbox;
import dev.orrery.sandbox.SandboxPaths;
import dev.orrery.sandbox.SandboxReaper;
import dev.orrery.store.OrreryHome;
import dev.orrery.ui.main.Background;
import dev.orrery.ui.main.MainWindow;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** A real window over a temp ORRERY_HOME whose first start runs a real sandbox in its own loopback block. */
final class SandboxFixture {
    final Path home;
    final SandboxPaths paths;
    Engine engine;
    MainWindow window;
    SandboxUi ui;

    SandboxFixture(Path tmp) {
        home = tmp.resolve("home");
        paths = SandboxPaths.of(new OrreryHome(home));
        dev.orrery.testing.SandboxOwners.register(paths.root());
    }

    /** From {@code @Start}: the window, then the first run (the sandbox starts). */
    void start(Stage stage, String block) {
        engine = new Engine();
        OrreryHome h = new OrreryHome(home);
        window = new MainWindow(stage, engine, new Background(engine.io()), h);
        stage.show();
        ui = SandboxUi.install(window, engine, h, new Sandbox(paths, engine.io(), engine.scheduler(), block));
    }

    void firstRun() {
        ui.startIfFirstRun(() -> window.start(null));
    }

    /**
     * The sandbox is open and every app server's look is good (up). A start that failed (its
     * address taken, a health deadline missed) fails here with its reason, instead of after the
     * whole safety net waiting for a file that will never open.
     */
    void awaitUp(String... servers) throws Exception {
        waitFor(() -> paths.clusterFile().equals(window.document().fileProperty().get()) || startFailure() != null);
        org.assertj.core.api.Assertions.assertThat(startFailure()).as("the sandbox's start").isNull();
        waitFor(() -> List.of(servers).stream().allMatch(s -> "UP".equals(badge(s))));
    }

    /** What the topology says when the sandbox did not start; null otherwise. */
    String startFailure() throws Exception {
        return onFx(() -> window.topology().lookup(".topology-hint") instanceof javafx.scene.control.Label l && l.getText() != null
                && l.getText().startsWith("The sandbox did not start") ? l.getText() : null);
    }

    String badge(String server) {
        Look l = window.live().model().look(server);
        return l == null ? "" : l.badge();
    }

    List<String> noticeTitles() throws Exception {
        return onFx(() -> window.notices().history().stream().map(n -> n.title()).toList());
    }

    MenuItem item(String server, String text) throws Exception {
        return onFx(() -> ui.menuFor(server).getItems().stream().filter(i -> text.equals(i.getText())).findFirst().orElse(null));
    }

    /** The pid the live state's facts give for a server's process. */
    long pid(String server) throws Exception {
        waitFor(() -> window.live().model().server(server) != null && window.live().model().server(server).facts().containsKey("pid"));
        return Long.parseLong(onFx(() -> window.live().model().server(server).facts().get("pid")));
    }

    void close() throws Exception {
        if (ui != null) {
            ui.close();
        }
        FxToolkit.cleanupStages();
        if (engine != null) {
            engine.close();
        }
        // Whatever a failed test left is stopped here, by pid, never by name.
        new SandboxReaper(paths.root()).reap(java.time.Duration.ofSeconds(5));
    }

    static <T> T onFx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(2, TimeUnit.MINUTES);
    }

    static void waitFor(Callable<Boolean> condition) throws Exception {
        // A generous safety net: sandbox starts and rollouts are slow on a loaded machine.
        WaitForAsyncUtils.waitFor(5, TimeUnit.MINUTES, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
