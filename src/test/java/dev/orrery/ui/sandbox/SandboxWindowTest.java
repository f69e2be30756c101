package dev.orrery.ui.sandbox;

import dev.orrery.testing.RequiresCommands;
import dev.orrery.engine.Engine;
import dev.orrery.model.Server;
import dev.orrery.sandbox.Sandbox;
import dev.orrery.sandbox.SandboxPaths;
import dev.orrery.sandbox.SandboxReaper;
import dev.orrery.store.OrreryHome;
import dev.orrery.ui.main.Background;
import dev.orrery.ui.main.MainWindow;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first start with no cluster anywhere: the window opens the sandbox cluster, starts its real
 * processes and shows live health on the nodes; "Simulate failure" turns a node down and
 * "Restart" brings it back; closing stops every process. (Linux: a loopback block of its own, {@link dev.orrery.testing.LoopbackBlocks}.)
 */
@EnabledOnOs(OS.LINUX)
@ExtendWith(ApplicationExtension.class)
@RequiresCommands({"setsid", "curl"})
class SandboxWindowTest {
    @TempDir
    Path tmp;
    Engine engine;
    MainWindow window;
    SandboxUi ui;
    SandboxPaths paths;

    @Start
    void start(Stage stage) {
        engine = new Engine();
        OrreryHome home = new OrreryHome(tmp.resolve("home"));
        paths = SandboxPaths.of(home);
        dev.orrery.testing.SandboxOwners.register(paths.root());
        window = new MainWindow(stage, engine, new Background(engine.io()), home);
        stage.show();
        ui = SandboxUi.install(window, engine, home, new Sandbox(paths, engine.io(), engine.scheduler(), dev.orrery.testing.LoopbackBlocks.claim("SandboxWindowTest")));
        ui.startIfFirstRun(() -> window.start(null));
    }

    @AfterEach
    void close() throws Exception {
        if (ui != null) {
            ui.close();
        }
        FxToolkit.cleanupStages();
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void firstRunShowsTheSandboxClusterWithLiveStatesAndFailureAndRestartFromTheNodeMenu(FxRobot robot) throws Exception {
        waitFor(() -> paths.clusterFile().equals(window.document().fileProperty().get()));
        assertThat(ui.active()).isTrue();
        assertThat(window.document().cluster().appServers()).extracting(Server::name).containsExactly("app-1", "app-2");
        assertThat(window.topology().node("app-1")).isNotNull();
        waitFor(() -> word("app-1").equals("up") && word("app-2").equals("up"));

        // The node's context menu (built as a right-click builds it; Monocle's robot does not raise context-menu events).
        robot.interact(() -> item("app-2", "Simulate failure").fire());
        waitFor(() -> word("app-2").equals("down"));
        assertThat(word("app-1")).isEqualTo("up");

        robot.interact(() -> item("app-2", "Restart").fire());
        waitFor(() -> word("app-2").equals("up"));

        // Closing the window stops the sandbox: nothing of it is left running.
        robot.interact(() -> ui.close());
        assertThat(new SandboxReaper(paths.root()).find()).isEmpty();
        ui = null;
    }

    private MenuItem item(String server, String text) {
        return ui.menuFor(server).getItems().stream().filter(i -> text.equals(i.getText())).findFirst().orElseThrow();
    }

    private String word(String server) {
        return window.topology().status(server).word();
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(5, TimeUnit.MINUTES, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
