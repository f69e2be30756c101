package dev.orrery.ui.bench;

import dev.orrery.logs.LogCollector;
import dev.orrery.logs.LogLine;
import dev.orrery.logs.LogQueries;
import dev.orrery.logs.LogStore;
import dev.orrery.ui.logs.LogsView;
import dev.orrery.ui.main.MainWindow;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.stage.Stage;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/** The Logs tab as the window shows it (1200×800, the window's stylesheet), for the logs benchmarks. */
final class BenchLogsTab {
    private BenchLogsTab() {
    }

    /** A shown stage whose root is a Logs tab attached to {@code c}'s cluster. */
    static Stage show(LogCollector c, LogStore store, ExecutorService io) throws Exception {
        CompletableFuture<Stage> made = new CompletableFuture<>();
        Platform.runLater(() -> {
            LogsView v = new LogsView(io);
            Scene scene = new Scene(v, 1200, 800);
            scene.getStylesheets().add(MainWindow.class.getResource(MainWindow.STYLESHEET).toExternalForm());
            Stage stage = new Stage();
            stage.setScene(scene);
            stage.show();
            v.attach(c.cluster(), List.of(), c, new LogQueries(store));
            made.complete(stage);
        });
        return made.get();
    }

    @SuppressWarnings("unchecked")
    static ListView<LogLine> list(LogsView v) {
        return (ListView<LogLine>) v.lookup("#logs-list");
    }
}
