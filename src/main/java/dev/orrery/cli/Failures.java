package dev.orrery.cli;

import dev.orrery.store.IoReasons;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * A failure in words, for the one line the command line prints: the exception's own message,
 * which Orrery's code writes for people; never a Java class name. An exception without a message
 * (a bug) is said to be one, with how to see the details.
 */
final class Failures {
    private Failures() {
    }

    static String describe(Throwable e) {
        Throwable t = unwrap(e);
        if (t instanceof UncheckedIOException u) {
            t = u.getCause();
        }
        if (t instanceof IOException io && !(t instanceof java.io.InterruptedIOException)) {
            return IoReasons.describe(io);
        }
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            return "an internal error (" + t.getClass().getSimpleName() + " without a message); ORRERY_LOG_LEVEL=debug shows where";
        }
        return m;
    }

    static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
