package dev.orrery.adopt.conf;

/** A balancer configuration that does not parse: the file, the line and what is wrong. */
public final class ConfSyntaxException extends Exception {
    public ConfSyntaxException(String file, int line, String message) {
        super((file != null ? file : "configuration") + ":" + line + ": " + message);
    }
}
