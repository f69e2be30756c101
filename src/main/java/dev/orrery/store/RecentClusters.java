package dev.orrery.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The clusters opened lately, newest first, kept in the data folder. The window makes one before
 * its first frame and reads it after; the JSON is read and written through {@link Json}'s methods
 * so that making one (and verifying this class) loads nothing of Jackson.
 */
public final class RecentClusters {
    private static final int MAX = 10;
    private final Path file;

    public RecentClusters(Path file) {
        this.file = file;
    }

    public List<Path> list() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            List<String> paths = Json.readStrings(file);
            return paths.stream().map(Path::of).toList();
        } catch (IOException e) {
            // A damaged recent list is not worth stopping for; it is rewritten on the next open.
            return List.of();
        }
    }

    public List<Path> remember(Path cluster) throws IOException {
        Path abs = cluster.toAbsolutePath().normalize();
        List<Path> next = new ArrayList<>(list());
        next.remove(abs);
        next.add(0, abs);
        while (next.size() > MAX) {
            next.remove(next.size() - 1);
        }
        AtomicFiles.write(file, Json.writeStrings(next.stream().map(Path::toString).toList()));
        return next;
    }
}
