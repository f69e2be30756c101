package dev.orrery.adopt;

import dev.orrery.model.Cluster;
import dev.orrery.store.ClusterStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Where an import is saved, the same for the command line and the window: nothing that was there is lost. */
public final class ImportFiles {
    private ImportFiles() {
    }

    /** The copy of what a file held before an import wrote over it. */
    public static Path previous(Path file) {
        return file.resolveSibling(file.getFileName() + ".orrery-prev");
    }

    /**
     * Saves the cluster atomically; an existing file's content is first kept beside it
     * ({@code FILE.orrery-prev}). Returns that copy, or null when there was no file.
     */
    public static Path save(Path file, Cluster cluster) throws IOException {
        Path prev = null;
        if (Files.exists(file)) {
            prev = previous(file);
            Files.copy(file, prev, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        }
        ClusterStore.save(file, cluster);
        return prev;
    }
}
