package dev.orrery.proxy;

/**
 * One app server as the balancer sees it.
 *
 * @param server   the Orrery server name, or null when the balancer names a peer the cluster does not have
 * @param endpoint {@code address:port} as the balancer knows it
 * @param detail   the balancer's own words (HAProxy's status and last check, the check module's counters)
 */
public record PeerStatus(String server, String endpoint, PeerState state, String detail) {
}
