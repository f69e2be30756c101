package dev.orrery.cloud.fake;

import java.util.ArrayList;
import java.util.List;

/** A droplet the fake holds: its status and, once booted, its addresses. */
public final class FakeDroplet {
    final long id;
    final String name, region, size, vpcUuid;
    final long imageId;
    final List<String> tags;
    final List<Long> snapshotIds = new ArrayList<>();
    volatile String status = "new";
    volatile boolean networked;
    volatile String publicIp, privateIp;
    /** What DigitalOcean's monitoring agent reports for this droplet; null: no do-agent (the API returns no data). */
    volatile FakeAgent agent;
    /** Droplets made before VPCs (or with private networking off) have no private address. */
    volatile boolean privateNetwork = true;

    FakeDroplet(long id, String name, String region, String size, long imageId, List<String> tags, String vpcUuid) {
        this.id = id; this.name = name; this.region = region; this.size = size; this.imageId = imageId;
        this.tags = new java.util.concurrent.CopyOnWriteArrayList<>(tags); this.vpcUuid = vpcUuid; // the Tags API adds to tags
    }

    public long id() { return id; }
    public String name() { return name; }
    public String status() { return status; }
    public String publicIp() { return publicIp; }
    public void agent(FakeAgent a) { agent = a; }
    public String privateIp() { return privateIp; }
    public List<String> tags() { return List.copyOf(tags); }
}
