package dev.orrery.proxy;

/** What the balancer itself thinks of one app server. */
public enum PeerState {
    /** Receives new requests. */
    UP,
    /** Failed its checks: receives nothing. */
    DOWN,
    /** Taken out on purpose: finishes what it has, gets no new clients (HAProxy DRAIN, nginx {@code down}). */
    DRAIN,
    /** In maintenance (HAProxy MAINT, a server rendered {@code disabled}). */
    MAINT,
    /** The balancer does not check it (HAProxy "no check") or says something Orrery does not know. */
    UNKNOWN
}
