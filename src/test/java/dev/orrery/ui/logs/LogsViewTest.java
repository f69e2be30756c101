package dev.orrery.ui.logs;

import dev.orrery.engine.Engine;
import dev.orrery.engine.Job;
import dev.orrery.engine.LogMarkers;
import dev.orrery.logs.LogCollector;
import dev.orrery.logs.LogLine;
import dev.orrery.logs.LogQueries;
import dev.orrery.logs.LogSource;
import dev.orrery.logs.LogStore;
import dev.orrery.logs.LogTarget;
import dev.orrery.remote.Host;
import dev.orrery.remote.LocalHost;
import dev.orrery.store.history.HistoryDb;
import dev.orrery.task.Progress;
import dev.orrery.testing.RequiresCommands;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Logs tab's view, headless, over real parts: two servers' log files on this machine
 * followed by the real collector (the sandbox's way), lines kept in a real history store, deploy
 * markers from a job the real engine runs for the cluster.
 */
@ExtendWith(ApplicationExtension.class)
@RequiresCommands({"stat", "find", "tail", "head"})
class LogsViewTest {
    @TempDir
    static Path dir;

    private final Engine engine = new Engine();
    private HistoryDb db;
    private LogStore store;
    private LogCollector collector;
    private LogsView view;
    private Path app1;
    private Path app2;

    @Start
    void start(Stage stage) throws Exception {
        Path here = Files.createTempDirectory(dir, "case");
        app1 = Files.writeString(here.resolve("app-1.log"), "");
        app2 = Files.writeString(here.resolve("app-2.log"), "");
        db = HistoryDb.open(here.resolve("history.db"));
        store = LogStore.open(db);
        Map<String, Host> hosts = new ConcurrentHashMap<>();
        collector = new LogCollector("crater", List.of(new LogTarget("app-1", LogSource.APP, app1.toString(), null),
                new LogTarget("app-2", LogSource.APP, app2.toString(), null)), n -> hosts.computeIfAbsent(n, LocalHost::new),
                store, engine.io(), engine.scheduler(), System::currentTimeMillis);
        LogMarkers markers = new LogMarkers("crater", collector::marker, System::currentTimeMillis);
        engine.addListener(markers);
        view = new LogsView(engine.io());
        view.setOnStorage(() -> LogKeepDialog.show(stage, engine.io(), () -> store));
        view.attach("crater", List.of("app-1", "app-2"), collector, new LogQueries(store));
        collector.start();
        stage.setScene(new Scene(view, 1000, 600));
        stage.show();
        await().atMost(Duration.ofMinutes(5)).until(() -> collector.status().values().stream().allMatch(s -> s.startsWith("following")));
    }

    @AfterEach
    void stop() throws Exception {
        collector.close();
        engine.close();
        db.close();
    }

    @Test
    void followsBothServersAndTheServerFilterNarrowsItToOne(FxRobot robot) throws Exception {
        append(app1, "hello from one");
        append(app2, "hello from two");
        waitFor(() -> shown().containsAll(List.of("hello from one", "hello from two")));
        assertThat(fx(this::shown)).as("each line shown once").doesNotHaveDuplicates();

        robot.interact(() -> serverBox(robot).getSelectionModel().select("app-2"));
        waitFor(() -> !shown().contains("hello from one") && shown().contains("hello from two"));
        append(app1, "later one");
        append(app2, "later two");
        waitFor(() -> shown().contains("later two"));
        assertThat(fx(this::shown)).doesNotContain("later one", "hello from one");
        assertThat(fx(() -> view.list().getItems().stream().allMatch(l -> l.server().equals("app-2")))).isTrue();
    }

    @Test
    void aRegexSearchFindsStoredLinesAndMarksTheMatches(FxRobot robot) throws Exception {
        append(app1, "GET /a took 12 ms\nERROR boom 42 in handler\nGET /b took 7 ms");
        append(app2, "ERROR boom 7 elsewhere\nall quiet");
        waitFor(() -> shown().contains("all quiet"));

        // The search has the collector store what it holds first (LogCollector.flush); a line still on
        // its way from a follower to the collector is not there yet, so search again until both are.
        // The two servers' lines carry no time of their own: their order is their arrival's.
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(300)).until(() -> {
            String status = fx(() -> robot.lookup("#logs-status").queryAs(Label.class).getText());
            if (status.startsWith("2 matches in ")) {
                return true;
            }
            if (!status.startsWith("Searching")) {
                robot.interact(() -> {
                    TextField search = robot.lookup("#logs-search").queryAs(TextField.class);
                    search.setText("boom \\d+");
                    search.fireEvent(new javafx.event.ActionEvent());
                });
            }
            return false;
        });
        waitFor(() -> shown().size() == 2 && shown().containsAll(List.of("ERROR boom 42 in handler", "ERROR boom 7 elsewhere")));
        waitFor(() -> robot.lookup(".log-match").queryAll().stream().map(n -> ((Text) n).getText()).toList()
                .containsAll(List.of("boom 42", "boom 7")));
        // a line that comes while searching shows only when it matches
        append(app2, "boom 99 again\nnot this");
        waitFor(() -> shown().contains("boom 99 again"));
        assertThat(fx(this::shown)).doesNotContain("not this");

        robot.interact(() -> robot.lookup("#logs-search").queryAs(TextField.class).setText("boom ("));
        robot.interact(() -> robot.lookup("#logs-search").queryAs(TextField.class).fireEvent(new javafx.event.ActionEvent()));
        assertThat(fx(() -> robot.lookup("#logs-status").queryAs(Label.class).getText())).startsWith("Not a regex");
        assertThat(fx(this::shown)).contains("boom 99 again"); // the last good search's lines stay
    }

    @Test
    void pausedKeepsTheListStillAndResumingShowsWhatCameMeanwhile(FxRobot robot) throws Exception {
        append(app1, "before pause");
        waitFor(() -> shown().contains("before pause"));
        robot.clickOn("#logs-follow");
        append(app1, "while paused");
        waitFor(() -> robot.lookup("#logs-status").queryAs(Label.class).getText().startsWith("Paused · 1 new line"));
        assertThat(fx(this::shown)).doesNotContain("while paused");
        robot.clickOn("#logs-follow");
        waitFor(() -> shown().containsAll(List.of("before pause", "while paused")));
    }

    @Test
    void aJobOnTheClusterPutsItsMarkersInTheStreamAndTheButtonJumpsToTheLast(FxRobot robot) throws Exception {
        append(app1, "serving v1");
        waitFor(() -> shown().contains("serving v1"));
        deployV2();
        append(app1, "serving v2");
        waitFor(() -> shown().containsAll(List.of("Deploy v2 to crater started", "app-1 · switch current", "app-1 done: on v2",
                "Deploy v2 to crater finished: succeeded", "serving v2")));
        robot.clickOn("#logs-marker");
        LogLine selected = fx(() -> view.list().getSelectionModel().getSelectedItem());
        assertThat(selected.marker()).isTrue();
        assertThat(selected.text()).isEqualTo("Deploy v2 to crater finished: succeeded");
        assertThat(robot.lookup(".log-marker").queryAll()).isNotEmpty();
        // markers are kept with the lines: the deploy-markers filter reads them back from the store
        robot.interact(() -> robot.lookup("#logs-source").queryAs(ComboBox.class).getSelectionModel().select("deploy markers"));
        waitFor(() -> shown().equals(List.of("Deploy v2 to crater started", "app-1 · switch current", "app-1 done: on v2",
                "Deploy v2 to crater finished: succeeded")));
    }

    @Test
    void theMarkerMenuListsTheStoredMarkersAndJumpsToOneLongScrolledOut(FxRobot robot) throws Exception {
        deployV2();
        waitFor(() -> shown().contains("Deploy v2 to crater finished: succeeded"));
        // more lines than the tab holds: the markers leave it (they stay in the store)
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < LogsView.SHOWN + 500; i++) {
            many.append("busy line ").append(i).append('\n');
        }
        append(app1, many.toString().strip());
        waitFor(() -> shown().contains("busy line " + (LogsView.SHOWN + 499)) && !shown().contains("Deploy v2 to crater started"));

        javafx.scene.control.SplitMenuButton menu = robot.lookup("#logs-marker").queryAs(javafx.scene.control.SplitMenuButton.class);
        robot.interact(menu::show);
        waitFor(() -> menu.getItems().stream().map(javafx.scene.control.MenuItem::getText).toList().stream()
                .anyMatch(t -> t.endsWith("Deploy v2 to crater started")));
        // newest first
        assertThat(fx(() -> menu.getItems().stream().map(javafx.scene.control.MenuItem::getText).toList()))
                .hasSize(4).first().asString().endsWith("Deploy v2 to crater finished: succeeded");
        robot.interact(() -> {
            menu.hide();
            menu.getItems().stream().filter(m -> m.getText().endsWith("Deploy v2 to crater started")).findFirst().orElseThrow().fire();
        });
        waitFor(() -> {
            LogLine s = view.list().getSelectionModel().getSelectedItem();
            return s != null && s.text().equals("Deploy v2 to crater started");
        });
        assertThat(fx(() -> robot.lookup("#logs-follow").queryAs(javafx.scene.control.ToggleButton.class).isSelected())).isFalse();
        // the lines around it came back from the store: the step after it, and lines from before the flood
        assertThat(fx(this::shown)).contains("app-1 · switch current", "busy line 0").doesNotContain("busy line " + (LogsView.SHOWN + 499));
        assertThat(fx(() -> robot.lookup("#logs-status").queryAs(Label.class).getText())).contains("Deploy v2 to crater started", "paused");
        // Following again shows the newest lines
        robot.clickOn("#logs-follow");
        waitFor(() -> shown().contains("busy line " + (LogsView.SHOWN + 499)));
    }

    @Test
    void storageSetsHowMuchTheStoreKeepsAndRefusesWhatIsNoSize(FxRobot robot) throws Exception {
        robot.clickOn("#logs-storage");
        waitFor(() -> robot.lookup("#logs-keep-size").queryAs(TextField.class).getText().equals("512 MB"));
        assertThat(fx(() -> robot.lookup("#logs-keep-held").queryAs(Label.class).getText())).startsWith("The store holds ");
        robot.interact(() -> {
            robot.lookup("#logs-keep-size").queryAs(TextField.class).setText("300 MB");
            robot.lookup("#logs-keep-days").queryAs(javafx.scene.control.Spinner.class).getEditor().setText("3");
        });
        robot.clickOn("#logs-keep-apply");
        await().atMost(Duration.ofMinutes(5)).until(() -> store.keep().equals(new dev.orrery.logs.LogKeep(300L << 20, 3)));
        waitFor(() -> robot.lookup("#logs-keep-result").queryAs(Label.class).getText().startsWith("Kept 3 days, at most 300 MB"));

        robot.interact(() -> robot.lookup("#logs-keep-size").queryAs(TextField.class).setText("tiny"));
        robot.clickOn("#logs-keep-apply");
        waitFor(() -> robot.lookup("#logs-keep-result").queryAs(Label.class).getText().equals("'tiny' is not a size: write e.g. 500MB, 2GB or 1.5G."));
        robot.interact(() -> robot.lookup("#logs-keep-size").queryAs(TextField.class).setText("100 KB"));
        robot.clickOn("#logs-keep-apply");
        waitFor(() -> robot.lookup("#logs-keep-result").queryAs(Label.class).getText().startsWith("The log store's cap must be at least 1 MB"));
        assertThat(store.keep()).isEqualTo(new dev.orrery.logs.LogKeep(300L << 20, 3));
        robot.interact(() -> ((javafx.stage.Stage) robot.lookup("#logs-keep-dialog").query().getScene().getWindow()).close());
    }

    private void deployV2() {
        engine.submit(new Job<Void>() {
            @Override
            public String title() {
                return "Deploy v2 to crater";
            }

            @Override
            public String cluster() {
                return "crater";
            }

            @Override
            public Void run(Progress progress) {
                progress.serverStep("app-1", "switch current", true);
                progress.serverDone("app-1", "on v2");
                return null;
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static ComboBox<String> serverBox(FxRobot robot) {
        return robot.lookup("#logs-server").queryAs(ComboBox.class);
    }

    private List<String> shown() {
        return view.list().getItems().stream().map(LogLine::text).toList();
    }

    private static void append(Path file, String lines) throws IOException {
        Files.writeString(file, lines + "\n", StandardOpenOption.APPEND);
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(5, TimeUnit.MINUTES);
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        await().atMost(Duration.ofMinutes(5)).ignoreExceptions().until(() -> fx(condition));
    }
}
