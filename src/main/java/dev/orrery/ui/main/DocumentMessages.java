package dev.orrery.ui.main;

import dev.orrery.store.ClusterFileException;

/** The words the document uses for what went wrong: the line and field of a bad file, the reason of a failed write. */
final class DocumentMessages {

    private DocumentMessages() {
    }

    static String describeOpenError(Throwable error) {
        String footer = "\n\nNothing was opened and the file was not changed.";
        if (!(error instanceof ClusterFileException e)) {
            return reason(error) + footer;
        }
        boolean hasField = e.field() != null && !e.field().isEmpty();
        String where = (e.line() > 0 ? "Line " + e.line() : "") + (hasField ? (e.line() > 0 ? ", field " : "Field ") + e.field() : "");
        // The exception's message starts with "file:line: field: "; show the reason on its own.
        String prefix = e.file() + (e.line() > 0 ? ":" + e.line() : "") + ": " + (hasField ? e.field() + ": " : "");
        String why = e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
        return (where.isEmpty() ? "" : where + ":\n") + why + "\n\nFile: " + e.file() + footer;
    }

    static String reason(Throwable error) {
        String m = error.getMessage();
        return m == null || m.isBlank() ? error.getClass().getSimpleName() : m;
    }
}
