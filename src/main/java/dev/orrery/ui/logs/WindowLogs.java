package dev.orrery.ui.logs;

import dev.orrery.engine.Orrery;
import dev.orrery.logs.LogCollector;
import dev.orrery.logs.LogLine;
import dev.orrery.logs.LogQueries;
import dev.orrery.logs.LogStore;
import dev.orrery.model.Cluster;
import dev.orrery.model.Server;
import javafx.application.Platform;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Alert;
import javafx.scene.control.Tab;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The window's Logs tab: follows the open cluster's logs through the engine ({@link
 * Orrery#logs}) once the tab is first shown, keeping them in the history store, and stops when
 * another cluster opens or the window closes. Opening the store and starting or closing the
 * collector happen on {@code background}, never on the FX thread.
 */
public final class WindowLogs {
    private final Orrery orrery;
    private final Tab tab;
    private final Executor background;
    private final LogsView view;
    private Cluster following;
    private LogCollector collector;

    public WindowLogs(Orrery orrery, Tab tab, ObservableValue<Cluster> cluster, Executor background, Supplier<Window> owner) {
        this.orrery = orrery;
        this.tab = tab;
        this.background = background;
        this.view = new LogsView(background);
        view.setOnSave(lines -> save(owner.get(), lines));
        view.setOnStorage(() -> LogKeepDialog.show(owner.get(), background, orrery::logStore));
        tab.setContent(view);
        tab.selectedProperty().addListener((o, was, now) -> {
            if (now) {
                follow(cluster.getValue());
            }
        });
        cluster.addListener((o, was, now) -> {
            if (now == null || following == null || !now.name().equals(following.name()) || !now.servers().equals(following.servers())) {
                stop();
                if (tab.isSelected()) {
                    follow(now);
                }
            }
        });
    }

    public LogsView view() {
        return view;
    }

    /** A node's Show logs: the tab, with only that server's lines. */
    public void showServer(String server) {
        tab.getTabPane().getSelectionModel().select(tab);
        view.showServer(server);
    }

    private void follow(Cluster c) {
        if (c == null || (following != null && following.name().equals(c.name()))) {
            return;
        }
        following = c;
        background.execute(() -> {
            try {
                LogStore store = orrery.logStore();
                LogCollector started = orrery.logs(c, store);
                Platform.runLater(() -> {
                    if (following != c) {
                        background.execute(started::close);
                        return;
                    }
                    collector = started;
                    view.attach(c.name(), c.servers().stream().map(Server::name).toList(), started, new LogQueries(store, background));
                    background.execute(started::start);
                });
            } catch (Exception e) {
                Platform.runLater(() -> {
                    following = null;
                    view.failed("Cannot follow the logs of " + c.name() + ": " + e.getMessage());
                });
            }
        });
    }

    /** Stops following (another cluster opened): the collector is closed in the background. */
    private void stop() {
        background.execute(close());
    }

    /**
     * For the window's end, on the FX thread: stops showing lines and returns what closes the
     * collector, to run off the FX thread before the engine's store is closed.
     */
    public Runnable close() {
        following = null;
        view.detach();
        LogCollector c = collector;
        collector = null;
        return c == null ? () -> { } : c::close;
    }

    private void save(Window owner, List<LogLine> lines) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save the shown log lines");
        chooser.setInitialFileName("orrery-logs.txt");
        File file = chooser.showSaveDialog(owner);
        if (file == null) {
            return;
        }
        background.execute(() -> {
            try {
                Files.write(file.toPath(), lines.stream().map(LogCell::plain).toList(), StandardCharsets.UTF_8);
            } catch (Exception e) {
                Platform.runLater(() -> {
                    Alert a = new Alert(Alert.AlertType.ERROR, "Could not save " + file + ": " + e.getMessage());
                    a.initOwner(owner);
                    a.show();
                });
            }
        });
    }
}
