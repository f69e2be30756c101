package dev.orrery.ui;

import dev.orrery.engine.Engine;
import dev.orrery.store.OrreryHome;
import dev.orrery.ui.main.AfterFirstFrame;
import dev.orrery.ui.main.Background;
import dev.orrery.ui.main.MainWindow;
import dev.orrery.ui.main.Screenshot;
import dev.orrery.ui.main.StartupMarks;
import dev.orrery.ui.main.WindowLog;
import dev.orrery.ui.sandbox.SandboxScenes;
import dev.orrery.ui.sandbox.SandboxUi;
import javafx.application.Application;
import javafx.stage.Stage;

import java.nio.file.Path;
import java.util.List;

/**
 * The Orrery window. A cluster file to open may be named as the first argument or by the
 * {@code ORRERY_CLUSTER} environment variable; otherwise the most recent one opens.
 * {@code --screenshot=PATH} (or {@code ORRERY_SCREENSHOT}) saves a picture of the window once the
 * cluster is drawn and quits — for the README and for checking the look under Xvfb;
 * {@code --select=NAME} (or {@code ORRERY_SELECT}) selects a server first so the inspector shows in the picture.
 */
public class OrreryApp extends Application {
    private Engine engine;
    private SandboxUi sandbox;

    public static void launchWindow(String[] args) {
        Application.launch(OrreryApp.class, args);
    }

    @Override
    public void init() {
        engine = new Engine();
    }

    @Override
    public void start(Stage stage) {
        StartupMarks.appStart();
        List<String> raw = getParameters().getRaw();
        String screenshot = System.getenv("ORRERY_SCREENSHOT");
        String clusterArg = System.getenv("ORRERY_CLUSTER");
        String select = System.getenv("ORRERY_SELECT");
        for (String arg : raw) {
            if (arg.startsWith("--screenshot=")) {
                screenshot = arg.substring("--screenshot=".length());
            } else if (arg.startsWith("--select=")) {
                select = arg.substring("--select=".length());
            } else if (!arg.startsWith("--")) {
                clusterArg = arg;
            }
        }
        Background background = new Background(engine.io());
        OrreryHome home = OrreryHome.fromEnvironment();
        MainWindow window = new MainWindow(stage, engine, background, home);
        if (screenshot != null && !screenshot.isBlank() && clusterArg != null && !clusterArg.isBlank()) {
            // The example clusters' addresses are made up: a screenshot of one must not probe them.
            window.health().disable();
            window.metrics().disable();
        }
        StartupMarks.windowBuilt();
        stage.show();
        StartupMarks.shown();
        sandbox = SandboxUi.install(window, engine, home);
        sandbox.setBrowser(getHostServices()::showDocument);
        String cluster = clusterArg;
        // The window is drawn first; reading and opening a cluster waits for its first frame.
        window.document().say("Opening…");
        AfterFirstFrame.run(window.scene(), () -> {
            // The log file (a rolling appender, a folder made, a file opened) is not needed to draw the first frame.
            WindowLog.install(home);
            if (cluster == null || cluster.isBlank()) {
                // First start (no cluster anywhere): the sandbox cluster, started; otherwise the most recent cluster.
                sandbox.startIfFirstRun(() -> window.start(null));
            } else {
                window.start(Path.of(cluster));
                sandbox.notFirstRun();
            }
        });
        if (screenshot != null && !screenshot.isBlank()) {
            Path shot = Path.of(screenshot);
            String selected = select == null || select.isBlank() ? null : select;
            String scene = System.getenv("ORRERY_SCREENSHOT_SCENE");
            if (scene == null || scene.isBlank()) {
                sandbox.whenLive(() -> Screenshot.takeWhenReady(window, stage, background, shot, selected));
            } else {
                // A moment of the live sandbox (a crash, a rollout mid-switch), taken when it happens.
                sandbox.whenLive(() -> SandboxScenes.play(scene, sandbox, window, () -> Screenshot.takeNow(window, stage, background, shot)));
            }
        }
    }

    @Override
    public void stop() {
        if (sandbox != null) {
            sandbox.close(); // the sandbox's processes end with the window
        }
        if (engine != null) {
            engine.close();
        }
    }
}
