package dev.orrery.cloud.fake;

import java.util.List;

/** An image the fake holds: a private snapshot of a droplet, or a public base (distribution) image. */
public final class FakeImage {
    final long id, dropletId;
    final String name;
    final List<String> regions;
    final String type;
    final String slug;
    final String distribution;

    FakeImage(long id, String name, long dropletId, List<String> regions) {
        this(id, name, dropletId, regions, "snapshot", null, "Ubuntu");
    }

    FakeImage(long id, String name, long dropletId, List<String> regions, String type, String slug, String distribution) {
        this.id = id; this.name = name; this.dropletId = dropletId; this.regions = regions;
        this.type = type; this.slug = slug; this.distribution = distribution;
    }

    public long id() { return id; }
    public String name() { return name; }
    public boolean isSnapshot() { return type.equals("snapshot"); }
}
