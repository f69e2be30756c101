package dev.orrery.cloud;

import java.util.List;

/**
 * A server to make: its name, where, how big, from which snapshot (the id as
 * {@code /v2/snapshots} lists it), which account SSH keys (ids or fingerprints) to embed, the
 * VPC, tags and first-boot user data. Region, VPC and user data may be null.
 */
public record ServerSpec(String name, String region, String size, String snapshotId, List<String> sshKeys,
                         String vpcUuid, List<String> tags, String userData) {
    public ServerSpec {
        sshKeys = sshKeys != null ? List.copyOf(sshKeys) : List.of();
        tags = tags != null ? List.copyOf(tags) : List.of();
    }
}
