package dev.orrery.health;

/**
 * Receives health events on the engine's threads (io pool). Must return quickly and never block:
 * the UI enqueues and drains on the FX pulse; the command line only stores the latest.
 */
@FunctionalInterface
public interface HealthListener {
    void onEvent(HealthEvent event);
}
