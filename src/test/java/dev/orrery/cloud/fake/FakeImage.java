package dev.orrery.cloud.fake;

import java.util.List;

/** A private image (a droplet snapshot) the fake holds. */
public final class FakeImage {
    final long id, dropletId;
    final String name;
    final List<String> regions;

    FakeImage(long id, String name, long dropletId, List<String> regions) {
        this.id = id; this.name = name; this.dropletId = dropletId; this.regions = regions;
    }

    public long id() { return id; }
    public String name() { return name; }
}
