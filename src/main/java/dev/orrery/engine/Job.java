package dev.orrery.engine;

import dev.orrery.task.Progress;

/** A long piece of work the engine runs in the background: push, deploy, provision … */
public interface Job<T> {

    /** What the user sees in the job list, e.g. "Deploy v2 to crater". */
    String title();

    T run(Progress progress) throws Exception;
}
