package dev.orrery.health;

/**
 * Where the balancer's own view comes from: the check module's status page (JSON) or HAProxy's
 * stats, fetched over the balancer's SSH connection. The parsers belong to the proxy workflow;
 * this seam is all the monitor needs. {@link #fetch} may block: it is called on the io pool.
 */
public interface BalancerViewSource {

    String describe();

    BalancerView fetch() throws Exception;
}
