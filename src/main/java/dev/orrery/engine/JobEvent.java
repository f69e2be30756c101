package dev.orrery.engine;

/** What a running job tells its listeners; delivered on the job's own thread. */
public sealed interface JobEvent {
    long jobId();

    /** {@code cluster} is the cluster's name, null for a job on none. */
    record Started(long jobId, String title, String cluster, dev.orrery.engine.state.JobKind kind) implements JobEvent { }

    /** A step on one server; see {@link dev.orrery.task.Progress#serverStep}. */
    record ServerStep(long jobId, String server, String step, boolean mayBeDown) implements JobEvent { }

    /** The job puts release {@code id}, made from {@code bundleFile}, live. */
    record ReleaseNamed(long jobId, String id, String bundleFile) implements JobEvent { }

    /** This machine sent {@code sent} bytes for a release of {@code releaseBytes} to {@code servers} servers. */
    record Transferred(long jobId, long sent, long releaseBytes, int servers) implements JobEvent { }

    /** The job is done with one server. */
    record ServerDone(long jobId, String server, String result) implements JobEvent { }

    record Step(long jobId, String name) implements JobEvent { }

    record Fraction(long jobId, double done) implements JobEvent { }

    record Log(long jobId, String line) implements JobEvent { }

    /** {@code error} is null on success; {@code cancelled} is true when the user stopped it. */
    record Finished(long jobId, boolean cancelled, Throwable error) implements JobEvent {
        public boolean succeeded() {
            return error == null && !cancelled;
        }
    }
}
