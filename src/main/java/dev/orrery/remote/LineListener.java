package dev.orrery.remote;

/** Receives a command's output one line at a time as it arrives (stdout and stderr). */
@FunctionalInterface
public interface LineListener {
    void line(String line);

    LineListener IGNORE = line -> { };
}
