package dev.orrery.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a program on this machine (root namespace) for the test-host fixture. Output is stdout+stderr merged. */
public final class Sys {

    /** What a program left: its exit code and its whole output (stdout and stderr merged). */
    public record Result(int exit, String output) {
        public boolean ok() {
            return exit == 0;
        }

        /** Throws with the command and output when the exit code is not 0; returns this otherwise. */
        public Result orThrow(String what) {
            if (exit != 0) {
                throw new IllegalStateException(what + " exited with " + exit + ": " + output.strip());
            }
            return this;
        }
    }

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

    private Sys() {
    }

    public static Result run(List<String> argv) {
        return run(argv, DEFAULT_TIMEOUT);
    }

    public static Result run(String... argv) {
        return run(List.of(argv));
    }

    /** Runs a program and waits for it (at most {@code timeout}, then kills it and fails). */
    public static Result run(List<String> argv, Duration timeout) {
        try {
            ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            Process p = pb.start();
            // read on a separate thread so a chatty program never blocks on a full pipe
            StringBuilder out = new StringBuilder();
            Thread reader = new Thread(() -> {
                try (InputStream in = p.getInputStream()) {
                    out.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException ignored) {
                    // process killed: whatever was read is kept
                }
            }, "sys-out");
            reader.setDaemon(true);
            reader.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", argv) + " did not finish within " + timeout);
            }
            reader.join(10_000);
            synchronized (out) {
                return new Result(p.exitValue(), out.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + argv.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** True when {@code program} is an executable file (absolute) or found on PATH. */
    public static boolean available(String program) {
        if (program.startsWith("/")) {
            return Files.isExecutable(Path.of(program));
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", program)) || Files.isExecutable(Path.of("/sbin", program));
    }

    static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2].equals("0"); // effective uid
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }
}
