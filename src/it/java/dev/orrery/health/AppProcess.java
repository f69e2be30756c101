package dev.orrery.health;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A real app process for the tests: {@code python3 -m http.server} bound to one loopback
 * address (127.0.0.N: Linux routes all of 127/8 to lo, so each "server" gets its own address
 * and they share the app port, as real app servers do). The test kills, freezes and restarts it.
 */
final class AppProcess implements AutoCloseable {
    private final String address;
    private final int port;
    private final Path root;
    private Process process;

    AppProcess(String address, int port) throws IOException {
        this.address = address;
        this.port = port;
        this.root = Files.createTempDirectory("orrery-app");
    }

    /** Starts the process and waits until it accepts connections (or fails at once if it exits). */
    AppProcess start() throws IOException {
        process = new ProcessBuilder("python3", "-m", "http.server", "--bind", address, String.valueOf(port))
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        await("python3 http.server on " + address + ":" + port + " to start listening").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(20)).until(() -> {
                    if (!process.isAlive()) {
                        throw new IOException("python3 http.server on " + address + ":" + port + " exited with " + process.exitValue());
                    }
                    return accepts();
                });
        return this;
    }

    boolean accepts() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** SIGKILL, and wait until it is gone: the port refuses from here on. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGSTOP: the kernel still accepts connections but nothing answers, so probes time out. */
    void freeze() throws IOException, InterruptedException {
        signal("-STOP");
    }

    void thaw() throws IOException, InterruptedException {
        signal("-CONT");
    }

    private void signal(String sig) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("kill", sig, String.valueOf(process.pid())).inheritIO().start();
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("kill " + sig + " " + process.pid() + " failed");
        }
    }

    @Override
    public void close() throws IOException {
        if (process != null && process.isAlive()) {
            try {
                thaw();
            } catch (Exception ignored) {
                // it may not be stopped
            }
            process.destroyForcibly();
        }
        try (var files = Files.walk(root)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
