package dev.orrery.ui.main;

import dev.orrery.engine.Engine;
import dev.orrery.model.Cluster;
import dev.orrery.store.ClusterStore;
import dev.orrery.store.OrreryHome;
import javafx.stage.Stage;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** A real MainWindow over a temp ORRERY_HOME and a copy of the example cluster, for TestFX tests. */
final class WindowFixture {
    static final Path EXAMPLE = Path.of("assets/examples/crater.json").toAbsolutePath();

    final Path home;
    final Path clusterFile;
    Engine engine;
    MainWindow window;

    WindowFixture(Path tempDir) throws Exception {
        home = tempDir.resolve("home");
        clusterFile = tempDir.resolve("clusters").resolve("crater.json");
        Files.createDirectories(clusterFile.getParent());
        Files.copy(EXAMPLE, clusterFile);
    }

    /** Call from {@code @Start}: builds the window on the FX thread and opens {@code file}. */
    void start(Stage stage, Path file) {
        engine = new Engine();
        window = new MainWindow(stage, new Background(engine.io()), new OrreryHome(home));
        stage.show();
        window.start(file);
    }

    void awaitOpen() throws Exception {
        waitFor(() -> window.document().cluster() != null);
    }

    void close() throws Exception {
        FxToolkit.cleanupStages();
        if (engine != null) {
            engine.close();
        }
    }

    /** The cluster as the file on disk has it now. */
    Cluster onDisk() throws Exception {
        return ClusterStore.load(clusterFile);
    }

    /** Polls (never sleeps a fixed time) with a deadline generous enough for a slow shared machine. */
    static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
