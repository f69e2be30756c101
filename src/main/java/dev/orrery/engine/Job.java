package dev.orrery.engine;

import dev.orrery.task.Progress;

/** A long piece of work the engine runs in the background: push, deploy, provision … */
public interface Job<T> {

    /** What the user sees in the job list, e.g. "Deploy v2 to crater". */
    String title();

    T run(Progress progress) throws Exception;

    /** The cluster the job works on (its name), so that cluster's live state follows it; null for none. */
    default String cluster() {
        return null;
    }

    /** What the job does, so the live state can tell planned work from outages. */
    default dev.orrery.engine.state.JobKind kind() {
        return dev.orrery.engine.state.JobKind.OTHER;
    }
}
