package dev.orrery.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The Debian root filesystem systemd test hosts boot: built once by
 * {@code src/it/scripts/systemd-rootfs.sh} (debootstrap from this machine's apt archive) into
 * {@code /var/cache/orrery-it}, then reused by every run. The first call in a JVM runs the
 * script (a cache hit takes well under a second); later calls return the same path.
 *
 * <p>A build that fails throws {@link IllegalStateException} with the script's words: the test
 * that needs a systemd host fails saying why, it is never skipped.
 */
public final class SystemdRootfs {
    /** Where the scripts are: the Maven build runs tests from the project directory. */
    static final Path SCRIPTS = Path.of(System.getProperty("orrery.it.scripts", "src/it/scripts"));
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(30);
    private static Path built;

    private SystemdRootfs() {
    }

    /** The cached root filesystem's directory, building it first if there is none. */
    public static synchronized Path path() {
        if (built != null) {
            return built;
        }
        Path script = SCRIPTS.resolve("systemd-rootfs.sh").toAbsolutePath();
        if (!Files.isExecutable(script)) {
            throw new IllegalStateException("systemd test hosts: no executable " + script + " (run the tests from the project directory)");
        }
        long t0 = System.nanoTime();
        Sys.Result r;
        try {
            r = Sys.run(List.of(script.toString()), BUILD_TIMEOUT);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("systemd test hosts: building the root filesystem failed: " + e.getMessage(), e);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        List<String> lines = r.output().strip().lines().toList();
        String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        if (!r.ok() || !Files.isExecutable(Path.of(last, "lib/systemd/systemd"))) {
            throw new IllegalStateException("systemd test hosts: building the root filesystem with " + script + " failed (exit "
                    + r.exit() + "):\n" + r.output().strip());
        }
        System.out.printf("systemd rootfs: %s in %d ms (%s)%n", r.output().contains("cached") ? "cached" : "built", ms, last);
        built = Path.of(last);
        return built;
    }
}
