package dev.orrery.cloud;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * A snapshot from {@code /v2/snapshots}, where — unlike {@code /v2/images} — the id is a
 * <em>string</em> ({@code "6372321"}). Droplet snapshots carry the image's numeric id in that
 * string; {@link ImageRef#ofSnapshot(Snapshot)} turns it into what a create needs.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Snapshot(String id, String name,
                       @JsonProperty("created_at") String createdAt,
                       List<String> regions,
                       @JsonProperty("min_disk_size") int minDiskSize,
                       @JsonProperty("size_gigabytes") double sizeGigabytes,
                       @JsonProperty("resource_id") String resourceId,
                       @JsonProperty("resource_type") String resourceType,
                       List<String> tags) {

    public Snapshot {
        regions = regions != null ? List.copyOf(regions) : List.of();
        tags = tags != null ? List.copyOf(tags) : List.of();
    }

    public boolean fromDroplet() {
        return "droplet".equals(resourceType);
    }
}
