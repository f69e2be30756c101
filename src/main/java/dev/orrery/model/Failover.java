package dev.orrery.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Two balancers behind a DigitalOcean reserved IP (DigitalOcean's documented pattern): keepalived
 * on both elects the live one over the private network, and its notify script moves the reserved
 * IP to it through the API. Absent ({@code null} in {@link Balancer}) for a cluster with one
 * balancer, which is how every older file reads.
 *
 * @param reservedIp      the reserved IPv4 address users reach (DNS points here); null until
 *                        {@code orrery balancer failover setup} creates one and writes it here
 * @param virtualRouterId keepalived's {@code virtual_router_id}, 1–255, unique on the private network
 * @param networkInterface the interface carrying the balancers' private addresses ({@code eth1} on a droplet)
 */
public record Failover(@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) String reservedIp,
                       int virtualRouterId, String networkInterface) {

    public static final String DEFAULT_INTERFACE = "eth1";

    @JsonCreator
    static Failover fromJson(@JsonProperty("reservedIp") String reservedIp,
                             @JsonProperty("virtualRouterId") Integer virtualRouterId,
                             @JsonProperty("networkInterface") String networkInterface) {
        return new Failover(reservedIp, virtualRouterId != null ? virtualRouterId : 51,
                networkInterface != null ? networkInterface : DEFAULT_INTERFACE);
    }

    public static Failover of(String reservedIp) {
        return fromJson(reservedIp, null, null);
    }

    public Failover withReservedIp(String ip) {
        return new Failover(ip, virtualRouterId, networkInterface);
    }
}
