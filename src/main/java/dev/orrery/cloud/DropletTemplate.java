package dev.orrery.cloud;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.orrery.model.Rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a cluster's new app servers are made: region, size, the snapshot to start from (its id as
 * {@code /v2/snapshots} gives it), the account SSH keys to embed, the VPC and first-boot user
 * data. Kept per cluster in {@link CloudSettings}, not in the cluster file, so the model stays
 * provider-neutral.
 */
public record DropletTemplate(String region, String size, String snapshotId, List<String> sshKeys,
                              String vpcUuid, String userData) {

    private static final Pattern SNAPSHOT_ID = Pattern.compile("[1-9][0-9]{0,18}");
    private static final Pattern KEY = Pattern.compile("[0-9]{1,18}|([0-9a-f]{2}:){15}[0-9a-f]{2}|SHA256:[A-Za-z0-9+/=]{10,64}");
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    public DropletTemplate {
        sshKeys = sshKeys != null ? List.copyOf(sshKeys) : List.of();
    }

    @JsonCreator
    static DropletTemplate fromJson(@JsonProperty("region") String region, @JsonProperty("size") String size,
                                    @JsonProperty("snapshotId") String snapshotId, @JsonProperty("sshKeys") List<String> sshKeys,
                                    @JsonProperty("vpcUuid") String vpcUuid, @JsonProperty("userData") String userData) {
        return new DropletTemplate(region, size, snapshotId, sshKeys, vpcUuid, userData);
    }

    /** Every problem, as "field: why"; empty when a droplet can be made from it. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        required(out, "region", region);
        required(out, "size", size);
        Rules.token(region).ifPresent(p -> out.add("region: " + p));
        Rules.token(size).ifPresent(p -> out.add("size: " + p));
        if (snapshotId == null || !SNAPSHOT_ID.matcher(snapshotId).matches()) {
            out.add("snapshot: is required, a droplet snapshot id as /v2/snapshots lists it (digits)" + (snapshotId == null ? "" : ", got \"" + snapshotId + "\""));
        }
        for (String k : sshKeys) {
            if (!KEY.matcher(k).matches()) {
                out.add("sshKeys: \"" + k + "\" is neither a key id nor a fingerprint");
            }
        }
        if (vpcUuid != null && !UUID.matcher(vpcUuid).matches()) {
            out.add("vpcUuid: \"" + vpcUuid + "\" is not a VPC UUID");
        }
        if (userData != null && userData.length() > 64 * 1024) {
            out.add("userData: may not exceed 64 KiB");
        }
        return out;
    }

    public Optional<String> firstProblem() {
        return problems().stream().findFirst();
    }

    public DropletTemplate withSnapshot(String id) {
        return new DropletTemplate(region, size, id, sshKeys, vpcUuid, userData);
    }

    public DropletTemplate overlay(DropletTemplate o) {
        return new DropletTemplate(o.region != null ? o.region : region, o.size != null ? o.size : size,
                o.snapshotId != null ? o.snapshotId : snapshotId, !o.sshKeys.isEmpty() ? o.sshKeys : sshKeys,
                o.vpcUuid != null ? o.vpcUuid : vpcUuid, o.userData != null ? o.userData : userData);
    }

    private static void required(List<String> out, String field, String v) {
        if (v == null || v.isBlank()) {
            out.add(field + ": is required");
        }
    }
}
