package dev.orrery.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds and stops sandbox processes left behind (Orrery crashed or was killed while the sandbox
 * ran). It reads every {@code *.pid} file under the sandbox directory — the supervisor's and
 * app's ({@code servers/NAME/sample/run/}), nginx's ({@code balancer/nginx.pid}) — and stops a
 * process only when it really is the sandbox's: its command line names the sandbox directory
 * (the supervisor, nginx's master), or, on Linux, its working directory lies inside it (the app,
 * which runs {@code java -jar app.jar} in its release directory). A pid the system has since
 * given to another program is left alone. Each one found is stopped with its descendants
 * (nginx's workers, a supervisor's app): SIGTERM first, SIGKILL after the grace period.
 */
public final class SandboxReaper {
    private final Path dir;

    public SandboxReaper(Path sandboxDir) {
        Path d = sandboxDir.toAbsolutePath().normalize();
        try {
            d = d.toRealPath();
        } catch (IOException e) {
            // not there (yet): nothing can be running from it; the plain path is as good as any
        }
        this.dir = d;
    }

    /** A live process of the sandbox's, and the pid file that named it. */
    public record Found(long pid, Path pidFile, String commandLine) {
    }

    /** The sandbox's live processes named by pid files (not yet their descendants). */
    public List<Found> find() {
        List<Found> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.walk(dir, 6)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".pid") && Files.isRegularFile(p)).toList()) {
                readPid(f).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive).filter(this::isOurs)
                        .ifPresent(p -> out.add(new Found(p.pid(), f, commandLine(p))));
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // a file or directory vanished mid-walk (the sandbox stopping): what was read is what there is
        }
        return out;
    }

    /**
     * Stops every process {@link #find} finds, with its descendants: SIGTERM, then SIGKILL to
     * whatever still runs after {@code grace}. Returns the pids that were signalled.
     */
    public List<Long> reap(Duration grace) {
        Map<Long, ProcessHandle> targets = new LinkedHashMap<>();
        for (Found f : find()) {
            ProcessHandle.of(f.pid()).ifPresent(p -> {
                // descendants first: once a parent is gone its children are re-parented and harder to find
                p.descendants().forEach(d -> targets.put(d.pid(), d));
                targets.put(p.pid(), p);
            });
        }
        targets.values().forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        while (System.nanoTime() < deadline && targets.values().stream().anyMatch(SandboxReaper::running)) {
            sleep(50);
        }
        targets.values().stream().filter(SandboxReaper::running).forEach(ProcessHandle::destroyForcibly);
        long killDeadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < killDeadline && targets.values().stream().anyMatch(SandboxReaper::running)) {
            sleep(20);
        }
        return List.copyOf(targets.keySet());
    }

    /**
     * Kills (SIGKILL, no grace) the sandbox processes named by these pid files and their
     * descendants — a crash, for "Simulate failure" — and waits until they are gone. A pid that
     * is not the sandbox's is left alone. The pid files are removed at once: a killed process
     * stays a zombie until init reaps it and {@code kill -0} still finds a zombie, so a start right
     * after must not take it for a running one. Returns the pids killed.
     */
    public List<Long> kill(Path... pidFiles) {
        Map<Long, ProcessHandle> targets = new LinkedHashMap<>();
        for (Path f : pidFiles) {
            readPid(f).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive).filter(this::isOurs).ifPresent(p -> {
                targets.put(p.pid(), p);
                p.descendants().forEach(d -> targets.put(d.pid(), d));
            });
        }
        targets.values().forEach(ProcessHandle::destroyForcibly);
        for (Path f : pidFiles) {
            try {
                Files.deleteIfExists(f);
            } catch (IOException e) {
                // left for the next start's sweep, which checks the pid is still ours
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline && targets.values().stream().anyMatch(SandboxReaper::running)) {
            sleep(10);
        }
        return List.copyOf(targets.keySet());
    }

    /** True while the process {@code pid} runs (a zombie has exited). */
    public static boolean running(long pid) {
        return ProcessHandle.of(pid).map(SandboxReaper::running).orElse(false);
    }

    /** Alive and not a zombie (Linux: state Z in /proc/PID/stat; a zombie has exited, it only awaits its parent). */
    static boolean running(ProcessHandle p) {
        if (!p.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
            int close = stat.lastIndexOf(')');
            return close < 0 || close + 2 >= stat.length() || stat.charAt(close + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            return p.isAlive();
        }
    }

    /** The sandbox's own: the command line names the sandbox directory, or (Linux) the working directory is inside it. */
    boolean isOurs(ProcessHandle p) {
        if (p.pid() == ProcessHandle.current().pid()) {
            return false;
        }
        if (commandLine(p).contains(dir.toString())) {
            return true;
        }
        Path cwd = Path.of("/proc", Long.toString(p.pid()), "cwd");
        try {
            return Files.readSymbolicLink(cwd).startsWith(dir);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false; // no /proc (macOS), or not ours to read: not provably the sandbox's
        }
    }

    static String commandLine(ProcessHandle p) {
        ProcessHandle.Info info = p.info();
        Optional<String> cmd = info.commandLine();
        if (cmd.isPresent()) {
            return cmd.get();
        }
        // Linux: read the arguments directly (ProcessHandle gives none for some processes, e.g. setuid ones)
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline"));
            return new String(raw, java.nio.charset.StandardCharsets.UTF_8).replace('\0', ' ').trim();
        } catch (IOException | SecurityException e) {
            return info.command().orElse("");
        }
    }

    static Optional<Long> readPid(Path file) {
        try {
            String s = Files.readString(file).trim();
            return s.matches("\\d{1,10}") ? Optional.of(Long.parseLong(s)) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
