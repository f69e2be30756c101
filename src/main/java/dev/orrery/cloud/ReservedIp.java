package dev.orrery.cloud;

/** A reserved IP ({@code /v2/reserved_ips/{ip}}): its address, region and the droplet holding it (null: none). */
public record ReservedIp(String ip, String region, Long dropletId) {

    public boolean assignedTo(long droplet) {
        return dropletId != null && dropletId == droplet;
    }
}
