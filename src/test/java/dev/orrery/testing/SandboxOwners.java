package dev.orrery.testing;

import dev.orrery.sandbox.SandboxReaper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * Which test JVM started which sandbox. A sandbox's processes outlive the JVM on purpose (the
 * command line starts them and exits), so when a test JVM is killed its sandbox keeps running,
 * holding its loopback addresses, and the next run's sandbox tests on that block cannot start.
 * Each test registers its sandbox folder under its JVM's pid; a registration whose JVM is gone
 * is swept (its sandbox's processes stopped by pid, as {@link SandboxReaper} does) before the next
 * one is made. It never touches a sandbox a live JVM (or a user) owns.
 */
public final class SandboxOwners {
    static final Path DIR = Path.of(System.getProperty("java.io.tmpdir"), "orrery-test-sandboxes");

    private SandboxOwners() {
    }

    /** Sweeps the sandboxes of dead test JVMs, then records {@code sandboxRoot} as this JVM's. */
    public static synchronized void register(Path sandboxRoot) {
        sweepDead();
        try {
            Files.createDirectories(DIR);
            Files.writeString(DIR.resolve(Long.toString(ProcessHandle.current().pid())), sandboxRoot.toAbsolutePath() + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException("cannot record the test sandbox " + sandboxRoot + " under " + DIR, e);
        }
    }

    /** Stops the processes of every recorded sandbox whose JVM no longer runs; returns how many were stopped. */
    public static synchronized int sweepDead() {
        int stopped = 0;
        if (!Files.isDirectory(DIR)) {
            return 0;
        }
        try (DirectoryStream<Path> owners = Files.newDirectoryStream(DIR, p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path owner : owners) {
                long pid = Long.parseLong(owner.getFileName().toString());
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                for (String root : Files.readAllLines(owner, StandardCharsets.UTF_8)) {
                    if (!root.isBlank()) {
                        stopped += new SandboxReaper(Path.of(root)).reap(Duration.ofSeconds(10)).size();
                    }
                }
                Files.deleteIfExists(owner);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot sweep the test sandboxes recorded under " + DIR, e);
        }
        return stopped;
    }
}
