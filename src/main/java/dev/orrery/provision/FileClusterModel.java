package dev.orrery.provision;

import dev.orrery.model.Cluster;
import dev.orrery.store.ClusterFile;
import dev.orrery.store.ClusterFileException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A cluster file as a workflow's model. {@link #current} is what the file holds now (re-read when
 * it changed on disk, so a hand edit or another run's change is seen); {@link #update} applies the
 * workflow's change to what is on disk under the file's writer lock ({@link ClusterFile#update}),
 * so nothing another writer did meanwhile is lost.
 */
public final class FileClusterModel implements ClusterModel {
    private final Path file;
    private Cluster cluster;
    private Object seen;

    public FileClusterModel(Path file) throws IOException, ClusterFileException {
        this.file = file;
        this.seen = stamp();
        this.cluster = ClusterFile.read(file);
    }

    @Override
    public synchronized Cluster current() {
        try {
            Object now = stamp();
            if (!Objects.equals(now, seen)) {
                cluster = ClusterFile.read(file);
                seen = now;
            }
            return cluster;
        } catch (ClusterFileException e) {
            throw new IllegalStateException(e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    @Override
    public synchronized Cluster update(UnaryOperator<Cluster> change) {
        try {
            cluster = ClusterFile.update(file, change);
            seen = stamp();
            return cluster;
        } catch (ClusterFileException e) {
            throw new IllegalStateException("the change was not recorded: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /** What changes when the file is written: its identity (a rename makes a new one), time and size. */
    private Object stamp() throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        return java.util.List.of(String.valueOf(a.fileKey()), a.lastModifiedTime(), a.size());
    }
}
