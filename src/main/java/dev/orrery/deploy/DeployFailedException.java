package dev.orrery.deploy;

import java.util.List;

/** A rollout stopped: which server, at which step, what state it left, and that server's last log lines. */
public class DeployFailedException extends Exception {
    private final String server;
    private final RolloutStep step;
    private final List<String> lastLogLines;

    public DeployFailedException(String server, RolloutStep step, String message, List<String> lastLogLines, Throwable cause) {
        super(server + ": " + step.label() + " failed: " + message
                + (lastLogLines.isEmpty() ? "" : "\nlast log lines of " + server + ":\n  " + String.join("\n  ", lastLogLines)), cause);
        this.server = server;
        this.step = step;
        this.lastLogLines = List.copyOf(lastLogLines);
    }

    public String server() {
        return server;
    }

    public RolloutStep step() {
        return step;
    }

    public List<String> lastLogLines() {
        return lastLogLines;
    }
}
