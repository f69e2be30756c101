package dev.orrery.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How the balancer keeps a client on one app server (Meteor's DDP needs it).
 * {@code IP_HASH} is the seed's choice; it hashes only the first three octets, so a whole /24
 * lands on one server and most clients move when a server is added.
 * {@code CONSISTENT_HASH} (ketama over the full address) moves only about 1/N of clients.
 */
public enum Stickiness {
    @JsonProperty("ip_hash") IP_HASH("ip_hash (seed): hashes the client's /24"),
    @JsonProperty("consistent_hash") CONSISTENT_HASH("consistent hash of the client address"),
    @JsonProperty("cookie") COOKIE("cookie"),
    @JsonProperty("none") NONE("none (round robin)");

    private final String description;

    Stickiness(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
