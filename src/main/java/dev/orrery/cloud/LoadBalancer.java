package dev.orrery.cloud;

import java.util.List;

/**
 * A DigitalOcean Load Balancer as the API reports it. {@code status} is {@code new} while
 * DigitalOcean builds it, then {@code active}, or {@code errored}; {@code ip} is empty until it
 * has one. {@code dropletIds} are the droplets behind it now (those carrying its tag).
 */
public record LoadBalancer(String id, String ip, String status, List<Long> dropletIds, LoadBalancerSettings settings) {

    public LoadBalancer {
        dropletIds = List.copyOf(dropletIds);
        ip = ip == null ? "" : ip;
    }

    public String name() {
        return settings.name();
    }

    public boolean active() {
        return "active".equals(status);
    }

    public boolean errored() {
        return "errored".equals(status);
    }
}
