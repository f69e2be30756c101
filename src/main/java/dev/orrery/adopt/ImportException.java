package dev.orrery.adopt;

/** Nothing could be imported: the source is not what it should be, and the message says why. */
public final class ImportException extends Exception {
    public ImportException(String message) {
        super(message);
    }

    public ImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
