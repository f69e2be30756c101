package dev.orrery.cloud.fake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** The JSON bodies the fake answers with, shaped as the spec's response schemas require. */
final class FakeJson {
    static final ObjectMapper M = new ObjectMapper();
    static final String CREATED_AT = "2026-11-28T01:00:00Z";

    private FakeJson() {
    }

    static ObjectNode droplet(FakeDroplet d, FakeDigitalOcean fake) {
        ObjectNode n = M.createObjectNode();
        n.put("id", d.id);
        n.put("name", d.name);
        n.put("memory", 1024);
        n.put("vcpus", 1);
        n.put("disk", 25);
        n.put("locked", false);
        n.put("status", d.status);
        n.putNull("kernel");
        n.put("created_at", CREATED_AT);
        n.set("features", strings("private_networking"));
        n.set("backup_ids", M.createArrayNode());
        n.putNull("next_backup_window");
        ArrayNode snaps = M.createArrayNode();
        d.snapshotIds.forEach(snaps::add);
        n.set("snapshot_ids", snaps);
        n.set("image", image(fake.imageFor(d.imageId)));
        n.set("volume_ids", M.createArrayNode());
        n.set("size", size(d.size));
        n.put("size_slug", d.size);
        ObjectNode networks = M.createObjectNode();
        ArrayNode v4 = M.createArrayNode();
        if (d.networked) {
            if (d.privateIp != null) {
                v4.add(network(d.privateIp, "255.255.240.0", null, "private"));
            }
            v4.add(network(d.publicIp, "255.255.255.0", "198.18.0.1", "public"));
        }
        networks.set("v4", v4);
        networks.set("v6", M.createArrayNode());
        n.set("networks", networks);
        n.set("region", region(d.region));
        n.set("tags", strings(d.tags));
        if (d.vpcUuid != null) {
            n.put("vpc_uuid", d.vpcUuid);
        }
        return n;
    }

    private static ObjectNode network(String ip, String mask, String gateway, String type) {
        ObjectNode n = M.createObjectNode();
        n.put("ip_address", ip);
        n.put("netmask", mask);
        if (gateway != null) {
            n.put("gateway", gateway);
        }
        n.put("type", type);
        return n;
    }

    static ObjectNode image(FakeImage i) {
        ObjectNode n = M.createObjectNode();
        n.put("id", i.id);
        n.put("name", i.name);
        n.put("type", i.type);
        n.put("distribution", i.distribution);
        if (i.slug == null) {
            n.putNull("slug");
        } else {
            n.put("slug", i.slug);
        }
        n.put("public", !i.isSnapshot());
        n.set("regions", strings(i.regions));
        n.put("created_at", CREATED_AT);
        n.put("min_disk_size", 25);
        n.put("size_gigabytes", 2.34);
        n.put("description", "");
        n.set("tags", M.createArrayNode());
        n.put("status", "available");
        return n;
    }

    /** A snapshot as /v2/snapshots lists it: the same image, but its id is a string. */
    static ObjectNode snapshot(FakeImage i) {
        ObjectNode n = M.createObjectNode();
        n.put("id", String.valueOf(i.id));
        n.put("name", i.name);
        n.put("created_at", CREATED_AT);
        n.set("regions", strings(i.regions));
        n.put("min_disk_size", 25);
        n.put("size_gigabytes", 2.34);
        n.put("resource_id", String.valueOf(i.dropletId));
        n.put("resource_type", "droplet");
        n.set("tags", M.createArrayNode());
        return n;
    }

    static ObjectNode vpc(FakeVpc v) {
        ObjectNode n = M.createObjectNode();
        n.put("id", v.id());
        n.put("urn", "do:vpc:" + v.id());
        n.put("name", v.name());
        n.put("description", "");
        n.put("region", v.region());
        n.put("ip_range", v.ipRange());
        n.put("default", v.isDefault());
        n.put("created_at", CREATED_AT);
        return n;
    }

    static ObjectNode action(FakeAction a) {
        ObjectNode n = M.createObjectNode();
        n.put("id", a.id);
        n.put("status", a.status);
        n.put("type", a.type);
        n.put("started_at", CREATED_AT);
        if (a.status.equals("in-progress")) {
            n.putNull("completed_at");
        } else {
            n.put("completed_at", CREATED_AT);
        }
        n.put("resource_id", a.resourceId);
        n.put("resource_type", a.resourceType);
        n.set("region", region(a.region));
        n.put("region_slug", a.region);
        return n;
    }

    static ObjectNode region(String slug) {
        return region(slug, "Region " + slug);
    }

    static ObjectNode region(String slug, String name) {
        ObjectNode n = M.createObjectNode();
        n.put("name", name);
        n.put("slug", slug);
        n.set("features", strings("private_networking", "backups", "ipv6", "metadata"));
        n.put("available", true);
        n.set("sizes", strings(FakeDigitalOcean.SIZES));
        return n;
    }

    static ObjectNode size(String slug) {
        ObjectNode n = M.createObjectNode();
        n.put("slug", slug);
        n.put("memory", 1024);
        n.put("vcpus", 1);
        n.put("disk", 25);
        n.put("transfer", 1.0);
        n.put("price_monthly", 6.0);
        n.put("price_hourly", 0.00893);
        n.set("regions", strings(FakeDigitalOcean.REGIONS));
        n.put("available", true);
        n.put("description", "Basic");
        return n;
    }

    static ObjectNode sshKey(long id, String name) {
        ObjectNode n = M.createObjectNode();
        n.put("id", id);
        n.put("fingerprint", String.format("3b:16:e4:bf:8b:00:8b:b8:59:8c:a9:d3:f0:19:fa:%02x", id % 256));
        n.put("public_key", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeKeyFor" + id + " " + name);
        n.put("name", name);
        return n;
    }

    static ObjectNode error(String id, String message) {
        ObjectNode n = M.createObjectNode();
        n.put("id", id);
        n.put("message", message);
        n.put("request_id", "4d9d8375-3c56-4925-a3e7-eb137fed17e9");
        return n;
    }

    static ArrayNode strings(String... values) {
        ArrayNode a = M.createArrayNode();
        for (String v : values) {
            a.add(v);
        }
        return a;
    }

    static ArrayNode strings(List<String> values) {
        return strings(values.toArray(String[]::new));
    }
}
