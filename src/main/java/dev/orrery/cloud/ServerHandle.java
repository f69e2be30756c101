package dev.orrery.cloud;

/**
 * A server the provider made or found: its id (the droplet id, as text), name, status and —
 * once known — addresses. {@code createActionId} is the create action to wait for, or null
 * (an adopted droplet, or a provider without actions).
 */
public record ServerHandle(String id, String name, String status, String publicIpv4, String privateIpv4,
                           String region, String size, Long createActionId) {

    public boolean hasAddress() {
        return publicIpv4 != null;
    }
}
