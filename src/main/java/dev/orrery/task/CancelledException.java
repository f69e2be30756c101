package dev.orrery.task;

/** Thrown by work that stopped because the user cancelled it. */
public class CancelledException extends RuntimeException {
    public CancelledException() {
        super("cancelled");
    }
}
