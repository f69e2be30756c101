package dev.orrery.remote;

/** A command ran but exited non-zero: carries the host, the command and its last lines of output. */
public class CommandFailedException extends RemoteException {
    private final Command command;
    private final ExecResult result;

    public CommandFailedException(String host, Command command, ExecResult result) {
        super(host, "`" + command.description() + "` exited with " + result.exitCode()
                + (result.lastLines().isEmpty() ? "" : ":\n  " + String.join("\n  ", result.lastLines())), null);
        this.command = command;
        this.result = result;
    }

    public Command command() {
        return command;
    }

    public ExecResult result() {
        return result;
    }
}
