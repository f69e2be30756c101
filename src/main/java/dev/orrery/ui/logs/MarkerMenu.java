package dev.orrery.ui.logs;

import dev.orrery.logs.LogLine;
import javafx.application.Platform;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitMenuButton;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The Logs tab's deploy markers: the button jumps to the last marker shown; its menu lists the
 * newest markers kept in the store (read in the background each time it opens, newest first),
 * and choosing one jumps there, reading the lines around it from the store when it has scrolled
 * out of the tab.
 */
final class MarkerMenu {
    /** Markers the menu lists at most. */
    static final int LISTED = 40;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MMM d HH:mm:ss").withZone(ZoneId.systemDefault());

    private final SplitMenuButton button = new SplitMenuButton();

    /**
     * @param markers reads the stored markers, oldest first (runs on {@code background}); null when no cluster is open
     * @param last    the button's own action: the last marker among the shown lines
     * @param jump    a chosen marker, on the FX thread
     */
    MarkerMenu(Executor background, Callable<List<LogLine>> markers, Runnable last, Consumer<LogLine> jump) {
        button.setText("Last deploy marker");
        button.setId("logs-marker");
        button.setOnAction(e -> last.run());
        button.getItems().setAll(placeholder("No deploy markers yet"));
        button.setOnShowing(e -> {
            button.getItems().setAll(placeholder("Reading…"));
            background.execute(() -> {
                List<LogLine> found;
                try {
                    found = markers.call();
                } catch (Exception err) {
                    Platform.runLater(() -> button.getItems().setAll(placeholder("Cannot read the markers: " + err.getMessage())));
                    return;
                }
                Platform.runLater(() -> show(found, jump));
            });
        });
    }

    SplitMenuButton node() {
        return button;
    }

    private void show(List<LogLine> found, Consumer<LogLine> jump) {
        if (found == null || found.isEmpty()) {
            button.getItems().setAll(placeholder("No deploy markers stored"));
            return;
        }
        List<MenuItem> items = new java.util.ArrayList<>();
        for (int i = found.size() - 1; i >= 0 && items.size() < LISTED; i--) {
            LogLine m = found.get(i);
            MenuItem item = new MenuItem(label(m));
            item.getStyleClass().add("logs-marker-item");
            item.setOnAction(e -> jump.accept(m));
            items.add(item);
        }
        button.getItems().setAll(items);
    }

    static String label(LogLine marker) {
        return WHEN.format(Instant.ofEpochMilli(marker.time())) + "  " + marker.text();
    }

    private static MenuItem placeholder(String text) {
        MenuItem m = new MenuItem(text);
        m.setDisable(true);
        return m;
    }
}
