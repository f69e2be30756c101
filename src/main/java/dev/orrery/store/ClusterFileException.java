package dev.orrery.store;

import java.nio.file.Path;

/**
 * A cluster file that cannot be read: it does not parse, a field has the wrong type, or it
 * fails validation. The message says where (line, column, field) and why; the file is untouched.
 */
public class ClusterFileException extends java.io.IOException {
    private final Path file;
    private final int line;
    private final String field;

    public ClusterFileException(Path file, int line, String field, String message, Throwable cause) {
        super(format(file, line, field, message), cause);
        this.file = file;
        this.line = line;
        this.field = field;
    }

    private static String format(Path file, int line, String field, String message) {
        StringBuilder sb = new StringBuilder(String.valueOf(file));
        if (line > 0) {
            sb.append(':').append(line);
        }
        sb.append(": ");
        if (field != null && !field.isEmpty()) {
            sb.append(field).append(": ");
        }
        return sb.append(message).toString();
    }

    public Path file() {
        return file;
    }

    /** 1-based line, or 0 when unknown. */
    public int line() {
        return line;
    }

    public String field() {
        return field;
    }
}
