package dev.orrery.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What balances the cluster: nginx or HAProxy on a balancer droplet Orrery configures, or
 * DigitalOcean's managed Load Balancer ({@code do-load-balancer}), which Orrery sets up through
 * the API and which needs no balancer droplet.
 */
public enum BalancerKind {
    @JsonProperty("nginx") NGINX,
    @JsonProperty("haproxy") HAPROXY,
    @JsonProperty("do-load-balancer") DO_LOAD_BALANCER;

    /** The balancer programs Orrery runs on a droplet (nginx, HAProxy): what configuration tests go over. */
    public static BalancerKind[] programs() {
        return new BalancerKind[]{NGINX, HAPROXY};
    }

    /** True for a balancer Orrery runs on a droplet (a configuration file, a program, SSH). */
    public boolean onDroplet() {
        return this != DO_LOAD_BALANCER;
    }

    /** The word people use for it. */
    public String label() {
        return switch (this) {
            case NGINX -> "nginx";
            case HAPROXY -> "HAProxy";
            case DO_LOAD_BALANCER -> "DigitalOcean Load Balancer";
        };
    }
}
