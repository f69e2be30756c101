package dev.orrery.ui.main;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orrery.engine.Engine;
import dev.orrery.health.DirectRoute;
import dev.orrery.health.HealthMonitor;
import dev.orrery.health.ManualProbeClock;
import dev.orrery.health.ScriptedProber;
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

    /** Makes the example a failover pair: a second balancer lb-2 (as lb-1 but its addresses) and {@code reservedIp} in front. */
    void failoverPair(String reservedIp) throws java.io.IOException {
        com.fasterxml.jackson.databind.ObjectMapper m = new com.fasterxml.jackson.databind.ObjectMapper();
        ObjectNode file = (ObjectNode) m.readTree(clusterFile.toFile());
        ObjectNode cluster = (ObjectNode) file.get("cluster");
        ArrayNode servers = (ArrayNode) cluster.get("servers");
        ObjectNode lb2 = servers.get(0).deepCopy();
        lb2.put("name", "lb-2").put("publicAddress", "198.51.100.11").put("privateAddress", "10.0.1.11").put("dropletId", "3164445");
        servers.insert(1, lb2);
        ((ObjectNode) cluster.get("balancer")).putObject("failover").put("reservedIp", reservedIp);
        Files.writeString(clusterFile, m.writerWithDefaultPrettyPrinter().writeValueAsString(file));
    }

    /** Call from {@code @Start}: builds the window on the FX thread and opens {@code file}. */
    void start(Stage stage, Path file) {
        engine = new Engine();
        window = new MainWindow(stage, engine, new Background(engine.io()), new OrreryHome(home));
        // Never probe the example's addresses from a test: a monitor on a clock that no one advances.
        quietHealth();
        stage.show();
        window.start(file);
    }

    /** Health monitors whose probes are scripted and whose clock moves only when the test says. */
    void scriptedHealth(ManualProbeClock clock, ScriptedProber prober) {
        window.health().setSources(c -> new HealthMonitor(c.balancer().healthCheck(), c.app().port(), new DirectRoute(), prober, clock,
                Runnable::run));
    }

    void quietHealth() {
        scriptedHealth(new ManualProbeClock(1_700_000_000_000L), new ScriptedProber());
    }

    /** The titles of every notification the window showed so far. */
    java.util.List<String> noticeTitles() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> window.notices().history().stream().map(n -> n.title()).toList()).get(5, TimeUnit.MINUTES);
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
        WaitForAsyncUtils.waitFor(5, TimeUnit.MINUTES, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
