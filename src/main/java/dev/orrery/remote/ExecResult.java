package dev.orrery.remote;

import java.util.List;

/** What a command left: its exit code and its last lines of output (stdout and stderr interleaved). */
public record ExecResult(int exitCode, List<String> lastLines) {
    /** The exit code {@link Host#follow} reports when it was stopped from this side. */
    public static final int STOPPED = -2;

    public ExecResult {
        lastLines = List.copyOf(lastLines);
    }

    public boolean ok() {
        return exitCode == 0;
    }

    public String output() {
        return String.join("\n", lastLines);
    }
}
