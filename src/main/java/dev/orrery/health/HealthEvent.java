package dev.orrery.health;

/** What the monitor publishes to its listeners, on engine threads. */
public sealed interface HealthEvent permits HealthSample, StateChange, BalancerViewUpdate {
}
