package dev.orrery.ui.logs;

import dev.orrery.logs.LogLine;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The lines the Logs tab holds and its list: at most {@link #MAX}, oldest first; older ones stay
 * in the store on disk. FX thread only.
 */
final class ShownLines {
    /** Lines kept on the heap for display; older ones are in the store. */
    static final int MAX = 5_000;

    private final ObservableList<LogLine> lines = FXCollections.observableArrayList();
    private final ListView<LogLine> list = new ListView<>(lines);

    /** @param search the search's pattern, whose matches the cells mark (null: none) */
    ShownLines(Supplier<Pattern> search) {
        list.setId("logs-list");
        list.setCellFactory(v -> new LogCell(search));
        // One text line a row: a fixed height spares the list measuring every cell on each change
        // (at thousands of lines a second that measuring is what stalls the pulse).
        list.setFixedCellSize(18);
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
    }

    ListView<LogLine> list() {
        return list;
    }

    List<LogLine> lines() {
        return lines;
    }

    void setAll(List<LogLine> read) {
        lines.setAll(read);
    }

    void clear() {
        lines.clear();
    }

    /** Adds {@code shown} after the others, keeping at most {@link #MAX}; true when any was added. */
    boolean add(List<LogLine> shown) {
        if (shown.isEmpty()) {
            return false;
        }
        if (lines.size() + shown.size() > MAX) {
            // one change for the list, not an add and then a remove
            List<LogLine> kept = new ArrayList<>(MAX);
            int drop = lines.size() + shown.size() - MAX;
            if (drop < lines.size()) {
                kept.addAll(lines.subList(drop, lines.size()));
                kept.addAll(shown);
            } else {
                kept.addAll(shown.subList(shown.size() - MAX, shown.size()));
            }
            lines.setAll(kept);
        } else {
            lines.addAll(shown);
        }
        return true;
    }

    void scrollToEnd() {
        if (!lines.isEmpty()) {
            list.scrollTo(lines.size() - 1);
        }
    }

    /** The place of the newest shown line with {@code id}, or -1. */
    int indexOf(long id) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).id() == id) {
                return i;
            }
        }
        return -1;
    }

    /** The place of the newest shown deploy marker, or -1. */
    int lastMarker() {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).marker()) {
                return i;
            }
        }
        return -1;
    }

    /** Selects the line at {@code i} alone, with a few lines before it in sight; nothing for a place out of range. */
    void select(int i) {
        if (i < 0 || i >= lines.size()) {
            return;
        }
        list.getSelectionModel().clearAndSelect(i);
        list.scrollTo(Math.max(0, i - 3));
    }
}
