package dev.orrery.cloud;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** An image from {@code /v2/images}: here the id is an <em>integer</em>. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Image(long id, String name, String type, String distribution, String slug,
                    @JsonProperty("public") boolean isPublic,
                    List<String> regions,
                    @JsonProperty("created_at") String createdAt,
                    @JsonProperty("min_disk_size") Integer minDiskSize,
                    @JsonProperty("size_gigabytes") Double sizeGigabytes,
                    String status) {

    public Image {
        regions = regions != null ? List.copyOf(regions) : List.of();
    }
}
