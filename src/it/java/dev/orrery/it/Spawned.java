package dev.orrery.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A long-running process started inside a test host by {@link TestHost#spawn} (nginx, an app).
 * It must stay in the foreground (e.g. {@code nginx -g 'daemon off;'}): the handle tracks that
 * one process. Its stdout and stderr go to {@link #log()}. Stopped when the host closes.
 */
public final class Spawned implements AutoCloseable {
    private final Process process;
    private final Path log;

    Spawned(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The file that receives the process's stdout and stderr (on this machine). */
    public Path log() {
        return log;
    }

    public String logText() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Exit code once it has stopped; throws if it is still running. */
    public int exitValue() {
        return process.exitValue();
    }

    /** SIGTERM, then SIGKILL if it has not stopped within 10 seconds. */
    public void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGKILL at once (a crash). */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
