package dev.orrery.health;

/**
 * One probe's result for one server, with the counters after it.
 *
 * @param state    what Orrery shows after this probe
 * @param riseCount the module's rise counter after this probe
 * @param fallCount the module's fall counter after this probe
 */
public record HealthSample(String server, long timeMs, ProbeResult result,
                           HealthState state, int riseCount, int fallCount) implements HealthEvent {
}
