package dev.orrery.ha;

/** Failover setup or a drill could not go on; the message says what happened and what was left as it was. */
public final class FailoverException extends Exception {
    public FailoverException(String message) {
        super(message);
    }
}
