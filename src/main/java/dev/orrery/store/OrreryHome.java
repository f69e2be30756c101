package dev.orrery.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The one folder where Orrery keeps its files: clusters, known hosts, recent list, logs.
 * {@code ORRERY_HOME} overrides it; otherwise each system's convention:
 * {@code $XDG_DATA_HOME/orrery} (default {@code ~/.local/share/orrery}) on Linux,
 * {@code %APPDATA%\Orrery} on Windows, {@code ~/Library/Application Support/Orrery} on macOS.
 */
public final class OrreryHome {

    private final Path root;

    public OrreryHome(Path root) {
        this.root = root.toAbsolutePath();
    }

    public static OrreryHome fromEnvironment() {
        return new OrreryHome(resolve(System.getenv(), System.getProperty("os.name", ""), Path.of(System.getProperty("user.home"))));
    }

    static Path resolve(Map<String, String> env, String osName, Path userHome) {
        String override = env.get("ORRERY_HOME");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String os = osName.toLowerCase(java.util.Locale.ROOT);
        if (os.startsWith("windows")) {
            String appData = env.get("APPDATA");
            return appData != null ? Path.of(appData, "Orrery") : userHome.resolve("AppData").resolve("Roaming").resolve("Orrery");
        }
        if (os.startsWith("mac")) {
            return userHome.resolve("Library").resolve("Application Support").resolve("Orrery");
        }
        String xdg = env.get("XDG_DATA_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : userHome.resolve(".local").resolve("share")).resolve("orrery");
    }

    public Path root() {
        return root;
    }

    public Path clustersDir() {
        return root.resolve("clusters");
    }

    public Path knownHosts() {
        return root.resolve("known_hosts");
    }

    public Path recentFile() {
        return root.resolve("recent.json");
    }

    public Path settingsFile() {
        return root.resolve("settings.json");
    }

    public Path locksDir() {
        return root.resolve("locks");
    }

    /** The embedded history store: metrics, probe results, logs kept for search, alert history. */
    public Path historyDb() {
        return root.resolve("history").resolve("history.db");
    }

    public Path sandboxDir() {
        return root.resolve("sandbox");
    }

    /** Creates the folder and any missing parent owner-only (0700 where the file system has modes) and returns it. */
    public Path ensure(Path dir) throws java.io.IOException {
        return PrivateFiles.createDirectories(dir);
    }
}
