package dev.orrery.health;

/**
 * A snapshot of one server's health, for tables: the row of the check-status page plus what
 * Orrery adds (latency, last change, the balancer's own view).
 *
 * @param index         position among the app servers, as the check-status page numbers them
 * @param type          the check type, {@code http}
 * @param last          the last probe's result, null before the first
 * @param lastChangeMs  when the shown state last changed (or monitoring began)
 * @param balancer      the balancer's own view of this server, null when it has none
 */
public record ServerHealth(int index, String name, String address, HealthState state,
                           int riseCount, int fallCount, String type, ProbeResult last,
                           long lastChangeMs, long probes, BalancerView.Entry balancer) {

    /** True when the balancer reports a state and it is not the one Orrery sees. */
    public boolean disagrees() {
        if (balancer == null || !balancer.verdict() || state == HealthState.CHECKING) {
            return false;
        }
        return balancer.up() != (state == HealthState.UP);
    }
}
