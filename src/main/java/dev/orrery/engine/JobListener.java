package dev.orrery.engine;

/** Receives job events on the job's thread; the UI re-posts them to the FX thread. */
@FunctionalInterface
public interface JobListener {
    void onEvent(JobEvent event);
}
