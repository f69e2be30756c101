package dev.orrery.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Folders and files only their owner can read: the data folder holds host keys, locks, the token
 * and history. Every folder Orrery makes is 0700 and every private file 0600 from the moment it
 * exists (made with the mode, not chmod-ed after). Folders that already exist are left as they
 * are, but for the ones named in {@link #tighten}.
 */
public final class PrivateFiles {
    public static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {
    }

    /** Like {@link Files#createDirectories}, but each folder it makes is 0700. */
    public static Path createDirectories(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath();
        List<Path> missing = new ArrayList<>();
        for (Path p = abs; p != null && !Files.isDirectory(p); p = p.getParent()) {
            if (Files.exists(p)) {
                throw new java.nio.file.FileSystemException(p.toString(), null, "is a file, not a folder");
            }
            missing.add(0, p);
        }
        for (Path p : missing) {
            try {
                if (posix(p)) {
                    Files.createDirectory(p, PosixFilePermissions.asFileAttribute(FOLDER));
                } else {
                    Files.createDirectory(p);
                }
            } catch (FileAlreadyExistsException raced) {
                if (!Files.isDirectory(p)) {
                    throw raced;
                }
            }
        }
        return dir;
    }

    /** Makes {@code file} 0600 if it exists with a wider mode (a file an older Orrery made 0644). */
    public static void tighten(Path file, Set<PosixFilePermission> mode) throws IOException {
        if (Files.exists(file) && posix(file) && !Files.getPosixFilePermissions(file).equals(mode)) {
            Files.setPosixFilePermissions(file, mode);
        }
    }

    /** The attribute that creates a file 0600 where the file system has POSIX modes. */
    public static FileAttribute<?>[] fileMode(Path file) {
        return posix(file) ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0];
    }

    static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
