package dev.orrery.store;

import java.io.IOException;
import java.nio.file.Path;

/** Another writer held the cluster file's lock for the whole wait; nothing was written. */
public final class ClusterFileBusyException extends IOException {
    public ClusterFileBusyException(Path file, String message) {
        super(file + " " + message);
    }
}
