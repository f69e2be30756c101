package dev.orrery.engine;

/** What a running job tells its listeners; delivered on the job's own thread. */
public sealed interface JobEvent {
    long jobId();

    record Started(long jobId, String title) implements JobEvent { }

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
