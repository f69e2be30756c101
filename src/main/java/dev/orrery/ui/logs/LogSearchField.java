package dev.orrery.ui.logs;

import javafx.scene.control.TextField;

import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The Logs tab's regex search: Enter searches, clearing the field ends the search; a text that is
 * no regex is marked and said, and the search before it stays. The pattern also marks the
 * matches in the shown lines ({@link LogCell}).
 */
final class LogSearchField {
    private final TextField field = new TextField();
    private Pattern pattern;

    /**
     * @param search runs when the pattern changed (a new search, or none)
     * @param notARegex says why the text is no regex
     */
    LogSearchField(Runnable search, Consumer<String> notARegex) {
        field.setId("logs-search");
        field.setPromptText("Search (regex), Enter");
        field.setOnAction(e -> compile(search, notARegex));
        field.textProperty().addListener((o, was, now) -> {
            if (now.isEmpty() && pattern != null) {
                compile(search, notARegex);
            }
        });
    }

    TextField node() {
        return field;
    }

    /** The search's pattern, or null when there is none. */
    Pattern pattern() {
        return pattern;
    }

    /** Ends the search without starting a read (the caller reads itself). */
    void clearQuietly() {
        if (pattern != null) {
            pattern = null; // first, so clearing the field starts no search
            field.setText("");
        }
    }

    private void compile(Runnable search, Consumer<String> notARegex) {
        String text = field.getText();
        try {
            pattern = text.isEmpty() ? null : Pattern.compile(text);
            field.getStyleClass().remove("error");
        } catch (PatternSyntaxException e) {
            field.getStyleClass().add("error");
            notARegex.accept("Not a regex: " + e.getDescription() + " at " + e.getIndex());
            return;
        }
        search.run();
    }
}
