package dev.orrery.sandbox;

import dev.orrery.model.Rules;
import dev.orrery.store.OrreryHome;

import java.nio.file.Path;

/**
 * Where the sandbox keeps everything, under {@link OrreryHome#sandboxDir()}:
 * <pre>
 * cluster.json          the sandbox cluster (an ordinary cluster file)
 * servers/NAME/         one app server's layout base (NAME/sample/releases, run/, log/ …)
 * balancer/             nginx's prefix: nginx.conf, nginx.pid, logs, temp
 * releases/sample-vN.jar the sample app's releases, built from Orrery's own classes
 * locks/                the deploy lock
 * </pre>
 * Every path here is written into shell lines and nginx's configuration, so the sandbox
 * directory must pass {@link Rules#filePath} (no spaces: on macOS set ORRERY_HOME to a path
 * without one, since "Application Support" has a space).
 */
public record SandboxPaths(Path root) {

    public SandboxPaths {
        root = root.toAbsolutePath().normalize();
        Rules.filePath(root.toString()).ifPresent(why -> {
            throw new IllegalArgumentException("the sandbox directory " + why
                    + "; set ORRERY_HOME to a folder whose path has no spaces or shell characters");
        });
    }

    public static SandboxPaths of(OrreryHome home) {
        return new SandboxPaths(home.sandboxDir());
    }

    public Path clusterFile() {
        return root.resolve("cluster.json");
    }

    public Path serversDir() {
        return root.resolve("servers");
    }

    /** The layout base of one app server: its app lives in {@code serverBase(name)/APP}. */
    public Path serverBase(String serverName) {
        Rules.name(serverName).ifPresent(why -> {
            throw new IllegalArgumentException("server name " + why);
        });
        return serversDir().resolve(serverName);
    }

    public Path balancerDir() {
        return root.resolve("balancer");
    }

    public Path releasesDir() {
        return root.resolve("releases");
    }

    /** The sample app's release jar for a version such as {@code v2}. */
    public Path bundle(int version) {
        return releasesDir().resolve(SandboxCluster.APP + "-v" + version + ".jar");
    }

    public Path locksDir() {
        return root.resolve("locks");
    }
}
