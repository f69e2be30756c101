package dev.orrery.remote;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Splits a command's output into lines, hands each to the {@link LineListener} as it arrives,
 * and keeps the last {@value #KEPT} for the error a failed command carries.
 */
final class OutputLines {
    static final int KEPT = 40;

    private final LineListener listener;
    private final Deque<String> last = new ArrayDeque<>();

    OutputLines(LineListener listener) {
        this.listener = listener;
    }

    /** Reads to end of stream (UTF-8; bad bytes become U+FFFD rather than an error). */
    void pump(InputStream in) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line; (line = r.readLine()) != null; ) {
            add(line);
        }
    }

    synchronized void add(String line) {
        if (last.size() == KEPT) {
            last.removeFirst();
        }
        last.addLast(line);
        listener.line(line);
    }

    synchronized List<String> last() {
        return List.copyOf(last);
    }
}
