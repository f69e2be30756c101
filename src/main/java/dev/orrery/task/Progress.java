package dev.orrery.task;

/**
 * How a long piece of work reports what it is doing. Workflows (proxy push, deploy, provision)
 * take one; the engine turns the calls into events for the window and the command line.
 * Implementations must be thread-safe: parallel uploads report from several threads.
 */
public interface Progress {

    /** A new step starts, e.g. "Upload to app-2". */
    void step(String name);

    /**
     * A step on one server starts, e.g. ("app-2", "health gate", true). {@code mayBeDown} says the
     * step may leave the server not answering (stopping, switching, restarting), so the live state
     * shows a failing probe then as planned, not as an outage. By default it is a plain step.
     */
    default void serverStep(String server, String step, boolean mayBeDown) {
        step(server + " · " + step);
    }

    /**
     * From now on the job's plain steps are about {@code server} (a job on one server: provision,
     * decommission), so each also shows as that server's step; {@code mayBeDown} as in
     * {@link #serverStep}. The steps themselves read as before.
     */
    default void stepsAreAbout(String server, boolean mayBeDown) {
    }

    /**
     * The job is putting release {@code id}, made from the file {@code bundleFile}, live: so the
     * faces can call it by its short name ("v3") on every server before the rollout records it.
     */
    default void release(String id, String bundleFile) {
    }

    /**
     * This machine sent {@code sent} bytes for a release of {@code releaseBytes} to {@code servers}
     * servers (uploads, deltas, plans; what servers passed on among themselves not counted).
     */
    default void transferred(long sent, long releaseBytes, int servers) {
    }

    /** The job is done with this server ({@code result}: "on v3", "rolled back", "removed"). */
    default void serverDone(String server, String result) {
    }

    /** How far the whole job is, from 0 to 1. */
    void fraction(double done);

    /** One line for the job's log. */
    void log(String line);

    /** True once the user asked to cancel; work checks it between steps. */
    boolean cancelled();

    /** Throws {@link CancelledException} when cancel was asked for. */
    default void checkCancelled() {
        if (cancelled()) {
            throw new CancelledException();
        }
    }

    Progress NONE = new Progress() {
        @Override public void step(String name) { }
        @Override public void fraction(double done) { }
        @Override public void log(String line) { }
        @Override public boolean cancelled() { return false; }
    };
}
