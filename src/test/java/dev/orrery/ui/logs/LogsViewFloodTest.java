package dev.orrery.ui.logs;

import dev.orrery.engine.Engine;
import dev.orrery.logs.LogCollector;
import dev.orrery.logs.LogLevel;
import dev.orrery.logs.LogLine;
import dev.orrery.logs.LogQueries;
import dev.orrery.logs.LogSource;
import dev.orrery.logs.LogStore;
import dev.orrery.store.history.HistoryDb;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Logs tab under a flood: lines pushed through the real collector into a real store faster
 * than the tab applies them (it takes them in batches, {@link PacedLines}) all appear, in order,
 * bounded; paused, the list does not move; a search whose regex backtracks for years on a new
 * line leaves the window answering, and the next search replaces it.
 */
@ExtendWith(ApplicationExtension.class)
class LogsViewFloodTest {
    @TempDir
    static Path dir;

    private final Engine engine = new Engine();
    private HistoryDb db;
    private LogCollector collector;
    private LogsView view;

    @Start
    void start(Stage stage) throws Exception {
        db = HistoryDb.open(Files.createTempDirectory(dir, "case").resolve("history.db"));
        LogStore store = LogStore.open(db);
        collector = new LogCollector("crater", List.of(), n -> null, store, engine.io(), engine.scheduler(), System::currentTimeMillis);
        view = new LogsView(engine.io());
        view.attach("crater", List.of("app-1"), collector, new LogQueries(store));
        collector.start();
        stage.setScene(new Scene(view, 1000, 600));
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        collector.close();
        engine.close();
        db.close();
    }

    @Test
    void linesAppliedInBatchesAllAppearInOrderAndAPausedListStaysStill(FxRobot robot) throws Exception {
        int n = ShownLines.MAX + 1_500;
        for (int i = 0; i < n; i += 100) { // many collector batches, far more than one a pulse
            for (int j = i; j < i + 100; j++) {
                push("flood " + j);
            }
        }
        waitFor(() -> shown().size() == ShownLines.MAX && shown().get(ShownLines.MAX - 1).equals("flood " + (n - 1)));
        assertThat(fx(this::shown)).as("the newest lines the tab holds, each once, in order")
                .isEqualTo(IntStream.range(n - ShownLines.MAX, n).mapToObj(i -> "flood " + i).toList());

        robot.clickOn("#logs-follow");
        List<String> still = fx(this::shown);
        for (int i = 0; i < 300; i++) {
            push("while paused " + i);
        }
        waitFor(() -> status(robot).equals("Paused · 300 new lines (kept on disk)"));
        assertThat(fx(this::shown)).isEqualTo(still);
        robot.clickOn("#logs-follow");
        waitFor(() -> shown().get(shown().size() - 1).equals("while paused 299"));
    }

    @Test
    void aSearchStuckOnANewLineLeavesTheWindowAnsweringAndTheNextSearchReplacesIt(FxRobot robot) throws Exception {
        push("aaaaaaaax first");
        search(robot, "(.*a){8}x");
        waitFor(() -> status(robot).startsWith("1 matches in "));
        push("a".repeat(2_000)); // years of backtracking for this regex: only the live matcher is held
        push("aaaaaaaax second");
        // the FX thread keeps answering (it never runs the live match), several batches later too
        for (int i = 0; i < 5; i++) {
            push("more " + i);
            assertThat(fx(() -> view.list().getItems().size())).isEqualTo(1);
        }

        search(robot, "second|third");
        waitFor(() -> shown().equals(List.of("aaaaaaaax second")));
        push("third");
        waitFor(() -> shown().equals(List.of("aaaaaaaax second", "third")));
    }

    private void push(String text) {
        collector.marker(new LogLine(0, System.currentTimeMillis(), false, "app-1", LogSource.APP, LogLevel.INFO, text, null));
    }

    private static void search(FxRobot robot, String regex) {
        robot.interact(() -> {
            TextField f = robot.lookup("#logs-search").queryAs(TextField.class);
            f.setText(regex);
            f.fireEvent(new javafx.event.ActionEvent());
        });
    }

    private static String status(FxRobot robot) {
        return robot.lookup("#logs-status").queryAs(Label.class).getText();
    }

    private List<String> shown() {
        return view.list().getItems().stream().map(LogLine::text).toList();
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(5, TimeUnit.MINUTES);
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        await().atMost(Duration.ofMinutes(5)).ignoreExceptions().until(() -> fx(condition));
    }
}
