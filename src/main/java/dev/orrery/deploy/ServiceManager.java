package dev.orrery.deploy;

import dev.orrery.remote.Command;

import java.util.List;

/**
 * Starts and stops the app on one server: systemd where the server runs it, Orrery's portable
 * supervisor where it does not. Everything is a {@link Command}, so it reads as text in tests.
 */
public interface ServiceManager {

    /** "systemd" or "supervisor", for logs. */
    String kind();

    /** Files to install before the first start: (remote path, content, mode). */
    List<InstallFile> files();

    /** Run once the files are in place (daemon-reload, enable). */
    Command activate();

    /**
     * Stops the app gracefully and returns once it is gone: SIGTERM (the app stops accepting and
     * finishes the requests it has), then SIGKILL after the stop timeout.
     */
    Command stop();

    Command start();

    /** Exits 0 while the app is running. */
    Command status();

    /** The app's last {@code lines} lines of log. */
    Command logTail(int lines);

    /**
     * Prints {@code orrery:alive TOKEN} while the app runs — the token changes when it is
     * restarted — or {@code orrery:dead WHY} when it has exited or its supervisor gave up, so the
     * health gate stops waiting on an app that is gone ({@link HealthGate}).
     */
    Command liveness();

    record InstallFile(String path, byte[] content, String mode) {
    }
}
