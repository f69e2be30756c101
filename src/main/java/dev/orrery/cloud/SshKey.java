package dev.orrery.cloud;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** An SSH key of the account ({@code /v2/account/keys}), to embed in new droplets. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SshKey(long id, String fingerprint, @JsonProperty("public_key") String publicKey, String name) {
}
