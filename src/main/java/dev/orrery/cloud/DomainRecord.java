package dev.orrery.cloud;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One record of a DigitalOcean domain. {@code name} is relative to the domain ({@code @} for the
 * apex, {@code _acme-challenge.www} below it), as the API gives it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DomainRecord(@JsonProperty("id") long id, @JsonProperty("type") String type, @JsonProperty("name") String name,
                           @JsonProperty("data") String data, @JsonProperty("ttl") Integer ttl) {
}
