package dev.orrery.store;

import dev.orrery.model.Cluster;
import dev.orrery.model.ClusterValidator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * THE way a cluster file is read and changed. Every writer — provision, decommission, snapshot,
 * the deploy's release records, the window — changes the file with {@link #update}: it takes the
 * file's writer lock (a second writer waits, then is refused with who holds it), reads what is on
 * disk now, applies its own change to that, and writes the result atomically through symbolic
 * links, keeping the file's mode. No writer ever writes back a copy it read earlier, so a hand
 * edit or another writer's change made meanwhile is kept.
 *
 * <pre>{@code
 * ClusterFile.update(path, c -> c.withServer(server));                 // add a server
 * ClusterFile.update(path, c -> c.replaceServer("app-2", edited));     // the window's edit
 * }</pre>
 *
 * Reading is limited before a byte is read: the path must be a regular file (not a folder, FIFO
 * or device) of at most {@link #MAX_BYTES}; then it is read strictly ({@link ClusterJson}).
 */
public final class ClusterFile {
    /** The largest cluster file read: 10 MiB, about 20 000 servers. */
    public static final long MAX_BYTES = 10L * 1024 * 1024;

    /** How long a writer waits for another to finish before giving up. */
    public static final Duration LOCK_WAIT = Duration.ofSeconds(30);

    /** A file's content as read, with a version to write back against ({@link #replace}). */
    public record Versioned(Cluster cluster, String version) {
    }

    private ClusterFile() {
    }

    /** Reads and validates a cluster file; every failure names the file and why. */
    public static Cluster read(Path file) throws ClusterFileException {
        return readVersioned(file).cluster();
    }

    public static Versioned readVersioned(Path file) throws ClusterFileException {
        byte[] bytes = readBytes(file);
        return new Versioned(ClusterStore.parse(file, bytes), version(bytes));
    }

    /**
     * Changes the file: lock, read what is on disk now, apply {@code change}, validate, write.
     * Returns the cluster as written. When {@code change} returns its argument unchanged nothing
     * is written. A change that throws writes nothing.
     *
     * @throws ClusterFileException     the file on disk cannot be read (it was broken meanwhile)
     * @throws ClusterFileBusyException another writer held the lock for {@link #LOCK_WAIT}
     * @throws dev.orrery.model.InvalidClusterException the change would make the cluster invalid
     */
    public static Cluster update(Path file, UnaryOperator<Cluster> change) throws ClusterFileException, IOException {
        return update(file, change, LOCK_WAIT);
    }

    static Cluster update(Path file, UnaryOperator<Cluster> change, Duration wait) throws ClusterFileException, IOException {
        Path real = AtomicFiles.resolveLinks(file);
        try (ClusterFileLock ignored = ClusterFileLock.acquire(real, wait, "changing " + real.getFileName())) {
            Cluster now = ClusterStore.parse(file, readBytes(real));
            Cluster next = change.apply(now);
            if (next == now) {
                return now;
            }
            ClusterValidator.requireValid(next);
            AtomicFiles.write(real, ClusterStore.toBytes(next));
            return next;
        }
    }

    /**
     * Writes {@code next} only if the file still holds what was read as {@code expectedVersion}
     * (from {@link #readVersioned}); otherwise nothing is written.
     *
     * @throws StaleClusterFileException the file changed since it was read
     */
    public static Versioned replace(Path file, String expectedVersion, Cluster next) throws ClusterFileException, IOException {
        ClusterValidator.requireValid(next);
        Path real = AtomicFiles.resolveLinks(file);
        try (ClusterFileLock ignored = ClusterFileLock.acquire(real, LOCK_WAIT, "saving " + real.getFileName())) {
            if (!version(readBytes(real)).equals(expectedVersion)) {
                throw new StaleClusterFileException(file);
            }
            byte[] bytes = ClusterStore.toBytes(next);
            AtomicFiles.write(real, bytes);
            return new Versioned(next, version(bytes));
        }
    }

    /** Makes a new cluster file; refuses to replace one that exists. */
    public static void create(Path file, Cluster cluster) throws IOException {
        ClusterValidator.requireValid(cluster);
        Path real = AtomicFiles.resolveLinks(file);
        PrivateFiles.createDirectories(real.toAbsolutePath().getParent());
        try (ClusterFileLock ignored = ClusterFileLock.acquire(real, LOCK_WAIT, "creating " + real.getFileName())) {
            if (Files.exists(real)) {
                throw new java.nio.file.FileAlreadyExistsException(file.toString(), null, "a cluster file of this name already exists");
            }
            AtomicFiles.write(real, ClusterStore.toBytes(cluster));
        }
    }

    /** A short fingerprint of the bytes, to notice a change on disk. */
    static String version(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** The file's bytes, after checking it is a regular file within the size limit. */
    static byte[] readBytes(Path file) throws ClusterFileException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new ClusterFileException(file, 0, null, Files.isSymbolicLink(file) ? "is a symbolic link to a file that does not exist"
                    : "no such file", e);
        } catch (IOException e) {
            throw new ClusterFileException(file, 0, null, "cannot be read: " + IoReasons.reason(e), e);
        }
        if (a.isDirectory()) {
            throw new ClusterFileException(file, 0, null, "is a folder, not a cluster file", null);
        }
        if (!a.isRegularFile()) {
            throw new ClusterFileException(file, 0, null, "is not a regular file (a device, FIFO or socket); a cluster file is a .json file", null);
        }
        if (a.size() > MAX_BYTES) {
            throw new ClusterFileException(file, 0, null, "is " + mb(a.size()) + "; a cluster file may be at most " + mb(MAX_BYTES), null);
        }
        try (InputStream in = Files.newInputStream(file)) {
            // Read at most one byte past the limit: a file that grew since it was measured is still refused.
            byte[] bytes = in.readNBytes((int) MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new ClusterFileException(file, 0, null, "grew past " + mb(MAX_BYTES) + " while it was read", null);
            }
            return bytes;
        } catch (AccessDeniedException e) {
            throw new ClusterFileException(file, 0, null, "cannot be read: permission denied", e);
        } catch (FileSystemException e) {
            throw new ClusterFileException(file, 0, null, "cannot be read: " + IoReasons.reason(e), e);
        } catch (IOException e) {
            throw new ClusterFileException(file, 0, null, "cannot be read: " + IoReasons.reason(e), e);
        }
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
