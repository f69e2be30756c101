package dev.orrery.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;

/**
 * Writes a file so that a crash at any moment leaves either the old or the new content under
 * its name, never a mix: temp file in the same folder, fsync, atomic rename, fsync the folder.
 * A symbolic link is written through: its target gets the new content and the link stays a link.
 * An existing file keeps its permissions (a 0644 file stays 0644); a new one is made 0600.
 * A failure says why ("cannot save crater.json: permission denied"), never only a temp name.
 */
public final class AtomicFiles {

    /** Test seam: runs between the fsync of the temp file and the rename. */
    interface BeforeRename {
        void run(Path temp) throws IOException;
    }

    private AtomicFiles() {
    }

    public static void write(Path target, byte[] content) throws IOException {
        write(target, content, temp -> { });
    }

    static void write(Path target, byte[] content, BeforeRename hook) throws IOException {
        Path real = resolveLinks(target);
        if (Files.isDirectory(real)) {
            throw failed(target, "it is a folder", null);
        }
        Path dir = real.toAbsolutePath().getParent();
        try {
            PrivateFiles.createDirectories(dir);
        } catch (IOException e) {
            throw failed(target, "its folder " + dir + " cannot be made: " + IoReasons.reason(e), e);
        }
        Path temp;
        try {
            temp = Files.createTempFile(dir, "." + real.getFileName() + ".", ".tmp");
        } catch (IOException e) {
            throw failed(target, "the folder " + dir + " does not let a file be written (" + IoReasons.reason(e) + ")", e);
        }
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            } catch (IOException e) {
                throw failed(target, IoReasons.reason(e), e);
            }
            keepAttributes(real, temp);
            hook.run(temp);
            try {
                try {
                    Files.move(temp, real, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, real, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                throw failed(target, IoReasons.reason(e), e);
            }
            syncDirectory(dir);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Where the bytes of {@code target} live: the file itself, or the end of its chain of
     * symbolic links (followed by hand so a link to a file not yet made is written through too).
     */
    static Path resolveLinks(Path target) throws IOException {
        Path p = target.toAbsolutePath();
        for (int hops = 0; Files.isSymbolicLink(p); hops++) {
            if (hops > 40) {
                throw failed(target, "its symbolic links form a loop", null);
            }
            p = p.getParent().resolve(Files.readSymbolicLink(p)).normalize();
        }
        return p;
    }

    /** The existing file's permissions (and group, where this user may set it) onto the new content. */
    private static void keepAttributes(Path real, Path temp) throws IOException {
        PosixFileAttributeView tempView = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
        if (tempView == null || !Files.exists(real, LinkOption.NOFOLLOW_LINKS)) {
            return; // not POSIX (Windows), or a new file: it stays owner-only (0600 from createTempFile)
        }
        PosixFileAttributes was = Files.readAttributes(real, PosixFileAttributes.class);
        tempView.setPermissions(was.permissions());
        try {
            tempView.setGroup(was.group());
        } catch (IOException | SecurityException ignored) {
            // only the owner's groups can be given away; the permissions are what matters
        }
    }

    private static IOException failed(Path target, String why, IOException cause) {
        return new IOException("cannot save " + target + ": " + why, cause);
    }

    private static void syncDirectory(Path dir) {
        // Makes the rename itself durable; not possible on every OS (Windows), where it is skipped.
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // best effort: the rename is still atomic, only its durability is left to the OS
        }
    }
}
