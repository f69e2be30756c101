package dev.orrery.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The writer's lock on one cluster file: one writer at a time, across threads and processes.
 * A lock file {@code .NAME.lock} beside the (real) cluster file is locked with the operating
 * system's file lock, which the system releases when the holder dies, so a crash never leaves
 * the file locked. The holder writes who it is into the lock file, for the message a waiting
 * writer gives up with. Within one process a lock per file orders threads first (the system's
 * lock is per process).
 */
final class ClusterFileLock implements AutoCloseable {
    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final ReentrantLock local;
    private final FileChannel channel;
    private final FileLock lock;

    private ClusterFileLock(ReentrantLock local, FileChannel channel, FileLock lock) {
        this.local = local;
        this.channel = channel;
        this.lock = lock;
    }

    static Path lockFileFor(Path realFile) {
        return realFile.resolveSibling("." + realFile.getFileName() + ".lock");
    }

    /**
     * Waits up to {@code wait} for the lock on {@code realFile} (a path with no links left).
     *
     * @throws ClusterFileBusyException another writer held it all that time; it says who
     */
    static ClusterFileLock acquire(Path realFile, Duration wait, String purpose) throws IOException {
        ReentrantLock local = IN_PROCESS.computeIfAbsent(realFile, p -> new ReentrantLock());
        if (local.isHeldByCurrentThread()) {
            throw new IllegalStateException("a cluster file change may not start another change of " + realFile + " inside it");
        }
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            if (!local.tryLock(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw busy(realFile, wait, "another task of this Orrery");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting to change " + realFile);
        }
        FileChannel ch = null;
        try {
            Path lockFile = lockFileFor(realFile);
            ch = open(lockFile);
            while (true) {
                FileLock l = ch.tryLock();
                if (l != null) {
                    ch.truncate(0);
                    ch.write(ByteBuffer.wrap(holder(purpose).getBytes(StandardCharsets.UTF_8)), 0);
                    return new ClusterFileLock(local, ch, l);
                }
                if (System.nanoTime() >= deadline) {
                    throw busy(realFile, wait, readHolder(lockFile));
                }
                // The system's file lock has no timed wait; holders keep it for milliseconds.
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(ch);
            local.unlock();
            throw new java.io.InterruptedIOException("interrupted while waiting to change " + realFile);
        } catch (IOException | RuntimeException e) {
            closeQuietly(ch);
            local.unlock();
            throw e;
        }
    }

    private static FileChannel open(Path lockFile) throws IOException {
        try {
            if (!Files.exists(lockFile) && lockFile.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(lockFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
        } catch (java.nio.file.FileAlreadyExistsException raced) {
            // another writer made it first: use theirs
        } catch (IOException e) {
            throw new IOException("cannot lock " + lockFile.resolveSibling(lockFile.getFileName().toString().substring(1).replaceFirst("\\.lock$", ""))
                    + " for writing: " + IoReasons.reason(e) + " (the lock file " + lockFile.getFileName() + " goes beside it)", e);
        }
        return FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    private static String holder(String purpose) {
        return "orrery pid " + ProcessHandle.current().pid() + " (" + purpose + ") since " + Instant.now() + "\n";
    }

    private static String readHolder(Path lockFile) {
        try {
            String s = Files.readString(lockFile).strip();
            return s.isEmpty() ? "another program" : s;
        } catch (IOException e) {
            return "another program";
        }
    }

    private static ClusterFileBusyException busy(Path file, Duration wait, String who) {
        return new ClusterFileBusyException(file, "is being changed by " + who + "; waited " + wait.toSeconds()
                + " s and changed nothing: try again when it is done");
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // closing releases the lock; nothing more can be done
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        closeQuietly(channel);
        local.unlock();
    }
}
