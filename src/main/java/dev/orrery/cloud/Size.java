package dev.orrery.cloud;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** A droplet size from {@code /v2/sizes}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Size(String slug, int memory, int vcpus, int disk, double transfer,
                   @JsonProperty("price_monthly") double priceMonthly,
                   @JsonProperty("price_hourly") double priceHourly,
                   List<String> regions, boolean available, String description) {
    public Size {
        regions = regions != null ? List.copyOf(regions) : List.of();
    }
}
