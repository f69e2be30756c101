package dev.orrery.deploy;

import dev.orrery.model.Rules;

/**
 * Where an app lives on an app server:
 * <pre>
 * /opt/APP/releases/ID/      one directory per release, root-owned, read-only to the app
 * /opt/APP/current           symlink to the live release, switched atomically
 * /opt/APP/env/ID.env        the release's environment, 0600, owned by the app's user (dir 0700)
 * /opt/APP/bin/orrery-run    the launcher (sources the env file, starts the release)
 * /opt/APP/bin/orrery-supervise  the portable supervisor, where there is no systemd
 * /opt/APP/run/, log/        pid files and the app's log (supervisor only)
 * /opt/APP/incoming/         uploads on their way to becoming a release
 * /opt/APP/manifests/ID.sha256  each release's files by SHA-256 (sha256sum format), for delta uploads
 * </pre>
 * The base ({@code /opt}) can be changed so several test hosts can share one file system.
 *
 * @param asCurrentUser run the app as whoever runs Orrery's commands instead of its own system
 *                      user: no useradd, no chown, no setpriv. Only for the sandbox on a laptop,
 *                      where Orrery is not root and the app is a local process like any other.
 */
public record AppLayout(String base, String app, boolean asCurrentUser) {

    public static final String DEFAULT_BASE = "/opt";

    public AppLayout(String base, String app) {
        this(base, app, false);
    }

    public AppLayout {
        Rules.filePath(base).ifPresent(why -> {
            throw new IllegalArgumentException("layout base " + why);
        });
        Rules.unixUser(app).ifPresent(why -> {
            throw new IllegalArgumentException("app name " + why);
        });
    }

    public static AppLayout of(String app) {
        return new AppLayout(DEFAULT_BASE, app);
    }

    public AppLayout withCurrentUser(boolean v) {
        return new AppLayout(base, app, v);
    }

    /** The app's unix user: the app's name (unused when {@link #asCurrentUser}). */
    public String user() {
        return app;
    }

    public String root() {
        return (base.endsWith("/") ? base : base + "/") + app;
    }

    public String releases() {
        return root() + "/releases";
    }

    public String release(String id) {
        requireId(id);
        return releases() + "/" + id;
    }

    public String current() {
        return root() + "/current";
    }

    public String envDir() {
        return root() + "/env";
    }

    public String envFile(String id) {
        requireId(id);
        return envDir() + "/" + id + ".env";
    }

    public String bin() {
        return root() + "/bin";
    }

    public String launcher() {
        return bin() + "/orrery-run";
    }

    public String supervisor() {
        return bin() + "/orrery-supervise";
    }

    public String runDir() {
        return root() + "/run";
    }

    public String logDir() {
        return root() + "/log";
    }

    public String logFile() {
        return logDir() + "/app.log";
    }

    public String incoming() {
        return root() + "/incoming";
    }

    public String upload(String id) {
        requireId(id);
        return incoming() + "/" + id + ".upload";
    }

    /** The plan of a delta upload ({@link DeltaPlan}), beside the upload. */
    public String deltaPlan(String id) {
        requireId(id);
        return incoming() + "/" + id + ".plan";
    }

    /** The file hashes a delta upload verified for ID ({@code HASH  ./path}), read when its manifest is written. */
    public String verifiedHashes(String id) {
        requireId(id);
        return incoming() + "/" + id + ".verified";
    }

    public String manifests() {
        return root() + "/manifests";
    }

    /** The systemd unit's name for this app. */
    public String unitName() {
        return "orrery-" + app + ".service";
    }

    static void requireId(String id) {
        Rules.releaseId(id).ifPresent(why -> {
            throw new IllegalArgumentException("release id " + why);
        });
    }
}
