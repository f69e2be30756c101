package dev.orrery.health;

/** A fresh poll of the balancer's own view (or why it failed). */
public record BalancerViewUpdate(BalancerView view) implements HealthEvent {
}
