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
import java.util.List;
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
        List<int[]> found = p == null ? null : BoundedText.matches(p, text); // null: too slow to mark, shown unmarked
        if (found != null) {
            for (int[] m : found) {
                flow.getChildren().add(piece(text.substring(at, m[0]), "log-text"));
                flow.getChildren().add(piece(text.substring(m[0], m[1]), "log-match"));
                at = m[1];
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

    /**
     * A plain row's width from its characters (the font is monospaced), not from laying its text
     * out: the list asks every row on screen for it whenever lines are applied (for the horizontal
     * scroll extent), and laying out each row's text there was most of the FX thread's pulse. Tabs
     * and wide characters count more so the estimate errs long, never cutting a line off.
     */
    @Override
    protected double computePrefWidth(double height) {
        String t = getText();
        if (getGraphic() != null || t == null) {
            return super.computePrefWidth(height);
        }
        int columns = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            columns += c == '\t' ? 8 : c < 0x2E80 ? 1 : 2;
        }
        return snappedLeftInset() + snappedRightInset() + columns * ColumnWidth.of(getFont());
    }

    /** The advance of one character of a monospaced font, measured once per font. */
    static final class ColumnWidth {
        private static final java.util.Map<javafx.scene.text.Font, Double> WIDTHS = new java.util.HashMap<>();

        static double of(javafx.scene.text.Font f) {
            return WIDTHS.computeIfAbsent(f, x -> {
                Text t = new Text("0123456789".repeat(10));
                t.setFont(x);
                return Math.ceil(t.getLayoutBounds().getWidth()) / 100.0;
            });
        }
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
