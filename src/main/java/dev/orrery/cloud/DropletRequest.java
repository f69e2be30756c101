package dev.orrery.cloud;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The body of {@code POST /v2/droplets} for one droplet. {@code sshKeys} holds key ids (numbers)
 * or fingerprints (strings), as the spec allows both. Null fields are left out of the JSON.
 */
public record DropletRequest(String name, String region, String size, ImageRef image,
                             @JsonProperty("ssh_keys") List<Object> sshKeys,
                             @JsonProperty("vpc_uuid") String vpcUuid,
                             List<String> tags,
                             @JsonProperty("user_data") String userData) {

    private static final int USER_DATA_MAX = 64 * 1024;

    public DropletRequest {
        // The API's own rule is a host name (it becomes the droplet's hostname).
        dev.orrery.model.Rules.hostname(name).ifPresent(p -> {
            throw new IllegalArgumentException("droplet name " + p);
        });
        if (size == null || size.isBlank()) {
            throw new IllegalArgumentException("a droplet size is required");
        }
        if (image == null) {
            throw new IllegalArgumentException("an image (snapshot) is required");
        }
        if (userData != null && userData.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > USER_DATA_MAX) {
            throw new IllegalArgumentException("user_data may not exceed 64 KiB");
        }
        sshKeys = sshKeys != null ? List.copyOf(sshKeys) : List.of();
        tags = tags != null ? List.copyOf(tags) : List.of();
    }
}
