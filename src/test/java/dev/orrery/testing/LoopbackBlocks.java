package dev.orrery.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A loopback /24 ("127.66.N.") that only this test JVM uses, for tests that start real sandbox
 * processes on the app's one port. A fixed block per test class is not enough on a machine where
 * several test runs go at once (helpers' worktrees, a run beside CI): two runs of the same test
 * class met on the same addresses, one sandbox could not start (its port was taken) and the test
 * waited its whole safety net for servers that never came up.
 *
 * <p>A block is claimed with an OS file lock under {@link #DIR}, held until the JVM ends (the
 * kernel drops it then, even on kill -9), and skipped when anything still listens in it (a
 * killed run's sandbox that {@link SandboxOwners} has not swept yet). Within one JVM each key
 * (a test class) gets one block, the same for all its tests.
 */
public final class LoopbackBlocks {
    static final Path DIR = Path.of(System.getProperty("java.io.tmpdir"), "orrery-test-blocks");
    static final int FIRST = 100;
    static final int LAST = 249;

    private static final Map<String, String> BY_KEY = new HashMap<>();
    /** Open channels: closing one would drop its lock. */
    private static final List<FileChannel> HELD = new ArrayList<>();

    private LoopbackBlocks() {
    }

    /** This JVM's block for {@code key}: the same on every call with that key, never another live JVM's. */
    public static synchronized String claim(String key) {
        return BY_KEY.computeIfAbsent(key, k -> take());
    }

    private static String take() {
        try {
            Files.createDirectories(DIR);
            for (int n = FIRST; n <= LAST; n++) {
                String block = "127.66." + n + ".";
                if (BY_KEY.containsValue(block)) {
                    continue;
                }
                FileChannel ch = FileChannel.open(DIR.resolve(n + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock;
                try {
                    lock = ch.tryLock();
                } catch (OverlappingFileLockException ours) {
                    lock = null;
                }
                if (lock == null || listening(n)) {
                    ch.close(); // closing releases a lock taken here
                    continue;
                }
                HELD.add(ch);
                return block;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot claim a loopback block under " + DIR, e);
        }
        throw new IllegalStateException("every test loopback block 127.66." + FIRST + "–" + LAST + ".x is taken by a live test run");
    }

    /** Whether any TCP socket listens on an address of 127.66.n.0/24 (IPv4, or IPv4-mapped IPv6), from /proc. */
    static boolean listening(int n) throws IOException {
        // /proc/net/tcp writes an address's bytes in host (little-endian) order: 127.66.n.x is "xx" + hex(n) + "427F".
        String tail = String.format(Locale.ROOT, "%02X427F", n);
        return listening(Path.of("/proc/net/tcp"), tail) || listening(Path.of("/proc/net/tcp6"), tail);
    }

    private static boolean listening(Path table, String tail) throws IOException {
        if (!Files.isReadable(table)) {
            return false;
        }
        for (String line : Files.readAllLines(table)) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 3 && f[3].equals("0A") && f[1].contains(":")) {
                String address = f[1].substring(0, f[1].indexOf(':'));
                // IPv4: 8 hex digits; IPv4-mapped IPv6: the same 8 at the end
                if (address.length() >= 8 && address.substring(address.length() - 6).equalsIgnoreCase(tail)
                        && (address.length() == 8 || address.startsWith("0000000000000000FFFF0000"))) {
                    return true;
                }
            }
        }
        return false;
    }
}
