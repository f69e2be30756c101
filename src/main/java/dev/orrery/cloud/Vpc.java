package dev.orrery.cloud;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A VPC network as {@code GET /v2/vpcs} lists it: droplets in one VPC reach each other on their private addresses. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Vpc(String id, String name, String region, @JsonProperty("ip_range") String ipRange, @JsonProperty("default") boolean isDefault) {
}
