package dev.orrery.cloud;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/** A region from {@code /v2/regions}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Region(String slug, String name, boolean available, List<String> features, List<String> sizes) {
    public Region {
        features = features != null ? List.copyOf(features) : List.of();
        sizes = sizes != null ? List.copyOf(sizes) : List.of();
    }
}
