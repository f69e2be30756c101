package dev.orrery.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * How Orrery closes the cluster's servers (the host firewall on each server and, for droplets,
 * DigitalOcean's Cloud Firewall): the addresses SSH is allowed from. Absent ({@code null} in
 * {@link Cluster}) until the user sets it; each entry is checked by {@link Rules#cidr}.
 *
 * @param sshFrom addresses or ranges, e.g. {@code 203.0.113.7} or {@code 10.0.0.0/8}; must include
 *                the address Orrery connects from
 */
public record Firewall(List<String> sshFrom) {

    public Firewall {
        sshFrom = sshFrom != null ? List.copyOf(sshFrom) : List.of();
    }

    @JsonCreator
    static Firewall fromJson(@JsonProperty("sshFrom") List<String> sshFrom) {
        return new Firewall(sshFrom);
    }
}
