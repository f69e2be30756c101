package dev.orrery.ui.logs;

import dev.orrery.logs.LogLine;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of the Logs tab: time, server, log, level, then the text with the search's matches
 * marked ({@code log-match}); a deploy marker as a band ({@code log-marker}); a known problem
 * explained in the tooltip and flagged at the end of the line.
 */
final class LogCell extends ListCell<LogLine> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    private final Supplier<Pattern> search;

    LogCell(Supplier<Pattern> search) {
        this.search = search;
        getStyleClass().add("log-cell");
    }

    @Override
    protected void updateItem(LogLine l, boolean empty) {
        super.updateItem(l, empty);
        getStyleClass().removeAll("log-marker", "log-error", "log-warn", "log-problem");
        setText(null);
        setTooltip(null);
        if (empty || l == null) {
            setGraphic(null);
            return;
        }
        Pattern p = search.get();
        if (!l.marker() && l.problem() == null && p == null) {
            // the common case, at thousands of lines a second: one text, no nodes to build
            switch (l.level()) {
                case ERROR, FATAL -> getStyleClass().add("log-error");
                case WARN -> getStyleClass().add("log-warn");
                default -> { }
            }
            setGraphic(null);
            setText(plain(l));
            return;
        }
        TextFlow flow = new TextFlow();
        String head = TIME.format(Instant.ofEpochMilli(l.time())) + "  " + pad(l.server(), 8) + " " + pad(l.source().word(), 6) + " ";
        if (l.marker()) {
            getStyleClass().add("log-marker");
            flow.getChildren().addAll(piece(head, "log-head"), piece("── " + l.text() + " ──", "log-marker-text"));
            setGraphic(flow);
            return;
        }
        switch (l.level()) {
            case ERROR, FATAL -> getStyleClass().add("log-error");
            case WARN -> getStyleClass().add("log-warn");
            default -> { }
        }
        flow.getChildren().addAll(piece(head, "log-head"), piece(pad(l.level().word().toUpperCase(Locale.ROOT), 5) + " ", "log-level"));
        String text = l.text();
        int at = 0;
        if (p != null) {
            Matcher m = p.matcher(text);
            while (m.find()) {
                if (m.end() == m.start()) {
                    continue;
                }
                flow.getChildren().add(piece(text.substring(at, m.start()), "log-text"));
                flow.getChildren().add(piece(text.substring(m.start(), m.end()), "log-match"));
                at = m.end();
            }
        }
        flow.getChildren().add(piece(text.substring(at), "log-text"));
        if (l.problem() != null) {
            getStyleClass().add("log-problem");
            flow.getChildren().add(piece("   ⚑ " + l.problem().title(), "log-problem-title"));
            setTooltip(new Tooltip(l.problem().title() + ": " + l.problem().explanation()));
        }
        setGraphic(flow);
    }

    private static Text piece(String s, String style) {
        Text t = new Text(s);
        t.getStyleClass().add(style);
        return t;
    }

    private static String pad(String s, int n) {
        return s.length() >= n ? s : s + " ".repeat(n - s.length());
    }

    /** The line as copied or saved: the same columns as the command line prints. */
    static String plain(LogLine l) {
        String head = TIME.format(Instant.ofEpochMilli(l.time())) + "  " + pad(l.server(), 8) + " " + pad(l.source().word(), 6) + " ";
        return l.marker() ? head + "── " + l.text() + " ──"
                : head + pad(l.level().word().toUpperCase(Locale.ROOT), 5) + " " + l.text();
    }
}
