package dev.orrery.cloud;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * A droplet as {@code GET /v2/droplets/{id}} describes it (the fields Orrery uses).
 * {@code networks} is empty right after the create and fills in as the droplet boots.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Droplet(long id, String name, String status, boolean locked,
                      @JsonProperty("size_slug") String sizeSlug,
                      @JsonProperty("created_at") String createdAt,
                      Networks networks, RegionRef region, List<String> tags,
                      @JsonProperty("vpc_uuid") String vpcUuid,
                      @JsonProperty("snapshot_ids") List<Long> snapshotIds,
                      ImageInfo image) {

    public Droplet {
        tags = tags != null ? List.copyOf(tags) : List.of();
        snapshotIds = snapshotIds != null ? List.copyOf(snapshotIds) : List.of();
        networks = networks != null ? networks : new Networks(List.of());
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Networks(List<NetworkV4> v4) {
        public Networks {
            v4 = v4 != null ? List.copyOf(v4) : List.of();
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record NetworkV4(@JsonProperty("ip_address") String ipAddress, String netmask, String gateway, String type) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RegionRef(String slug, String name) {
    }

    /**
     * The image the droplet was made from, as the API describes it: {@code type} is
     * {@code snapshot} for a droplet made from a snapshot, {@code base} for a distribution image.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ImageInfo(Long id, String name, String slug, String type, String distribution) {
        public boolean isSnapshot() {
            return "snapshot".equals(type);
        }
    }

    /** The public IPv4 address, or null while the droplet has none yet. */
    public String publicIpv4() {
        return ipv4("public");
    }

    /** The private (VPC) IPv4 address, or null. */
    public String privateIpv4() {
        return ipv4("private");
    }

    public String regionSlug() {
        return region != null ? region.slug() : null;
    }

    private String ipv4(String type) {
        return networks.v4().stream().filter(n -> type.equals(n.type())).map(NetworkV4::ipAddress)
                .filter(a -> a != null && !a.isBlank()).findFirst().orElse(null);
    }
}
