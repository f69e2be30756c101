package dev.orrery.cloud;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a create's {@code image} field takes: an integer id (a private image or snapshot) or a
 * slug string (a public image). The distinction matters: the API reads a string as a slug, so
 * a snapshot id sent as {@code "6372321"} would not find the snapshot.
 */
public sealed interface ImageRef {

    record ById(long id) implements ImageRef {
        @JsonValue
        public long json() {
            return id;
        }
    }

    record BySlug(String slug) implements ImageRef {
        @JsonValue
        public String json() {
            return slug;
        }
    }

    static ImageRef of(Image image) {
        return new ById(image.id());
    }

    static ImageRef ofSnapshot(Snapshot s) {
        if (!s.fromDroplet()) {
            throw new IllegalArgumentException("snapshot " + s.name() + " is of a " + s.resourceType() + ", not a droplet");
        }
        return ofSnapshotId(s.id());
    }

    /** A droplet snapshot's id as {@code /v2/snapshots} gives it (a string of digits). */
    static ImageRef ofSnapshotId(String id) {
        if (id == null || !id.matches("[1-9][0-9]{0,18}")) {
            throw new IllegalArgumentException("\"" + id + "\" is not a droplet snapshot id (expected digits, as /v2/snapshots lists them)");
        }
        return new ById(Long.parseLong(id));
    }
}
