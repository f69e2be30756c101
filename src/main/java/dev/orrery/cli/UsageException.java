package dev.orrery.cli;

/** The command line was wrong: exit 2 with the message and the usage. */
public class UsageException extends Exception {
    public UsageException(String message) {
        super(message);
    }
}
