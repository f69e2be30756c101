package dev.orrery.ha;

import dev.orrery.remote.Command;

import java.util.ArrayList;
import java.util.List;

/**
 * Every command failover runs on a balancer, as data (unit-tested as text). Where a shell feature
 * is needed the script is constant text and the paths travel as quoted positional arguments
 * ({@code sh -c SCRIPT sh ARG…}), never pasted into it. The token never appears in any of them: it
 * is written as a 0600 file over SFTP.
 */
public final class FailoverCommands {

    /** What {@link #state} prints when the notify script has not run yet. */
    public static final String NO_STATE = "orrery:no-state";

    private FailoverCommands() {
    }

    /** Exit 0 when keepalived and curl (the notify script's HTTP client) are installed. */
    public static Command installed() {
        return Command.of("sh", "-c", "command -v keepalived >/dev/null && command -v curl >/dev/null")
                .describedAs("are keepalived and curl installed");
    }

    /** The Debian packages failover needs on a balancer: keepalived, and curl for the notify script's API call. */
    public static final List<String> PACKAGES = List.of("keepalived", "curl");

    /** Exit code of {@link #install} when the server has no apt-get. */
    public static final int NO_APT = 100;

    /** Prints the programs of {@link #PACKAGES} that are not installed, space-separated (nothing when all are). */
    public static Command missing() {
        List<String> args = new ArrayList<>(List.of("-c",
                "for p in \"$@\"; do command -v \"$p\" >/dev/null 2>&1 || printf '%s ' \"$p\"; done; exit 0", "sh"));
        args.addAll(PACKAGES);
        return Command.of("sh", args).describedAs("which of keepalived and curl are missing");
    }

    // A fresh droplet may hold the dpkg lock for a while (unattended-upgrades): wait for it rather
    // than fail. Package lists that a fresh image lacks or that went stale are read once, then the
    // install is tried again.
    private static final String INSTALL = """
            command -v apt-get >/dev/null 2>&1 || { echo "this server has no apt-get: install $* with its package manager"; exit %d; }
            export DEBIAN_FRONTEND=noninteractive
            apt-get install -y -q -o DPkg::Lock::Timeout=120 "$@" && exit 0
            echo "apt-get install $* failed; reading the package lists again (apt-get update) and trying once more"
            apt-get update -q -o DPkg::Lock::Timeout=120 && apt-get install -y -q -o DPkg::Lock::Timeout=120 "$@"
            """.formatted(NO_APT);

    /** {@code apt-get install -y} of {@code packages} (each one of {@link #PACKAGES}), as root like every command. */
    public static Command install(List<String> packages) {
        if (packages.isEmpty() || !PACKAGES.containsAll(packages)) {
            throw new IllegalArgumentException("failover installs only " + PACKAGES + ", not " + packages);
        }
        List<String> args = new ArrayList<>(List.of("-c", INSTALL, "sh"));
        args.addAll(packages);
        return Command.of("sh", args).describedAs("apt-get install -y " + String.join(" ", packages));
    }

    /** The root-only folder for the scripts and the token, and the configuration's folder. */
    public static Command folders(HaLayout layout) {
        return Command.of("sh", "-c", "mkdir -p \"$1\" \"$(dirname \"$2\")\" && chmod 700 \"$1\"", "sh", layout.dir(), layout.configPath())
                .describedAs("create " + layout.dir());
    }

    /** keepalived's own check of a configuration that is not live yet. */
    public static Command validate(String path) {
        return Command.of("keepalived", "-t", "-f", path).describedAs("keepalived -t -f " + path);
    }

    public static Command moveIntoPlace(String from, String to) {
        return Command.of("mv", "-f", from, to);
    }

    public static Command remove(String path) {
        return Command.of("rm", "-f", path);
    }

    /**
     * keepalived reads the new configuration: started (and enabled for the next boot) when it does
     * not run, told to reload (HUP, which keeps the VRRP state) when it does.
     */
    public static Command reloadOrStart(HaLayout layout) {
        if (layout.systemd()) {
            return Command.of("systemctl", "enable", "--quiet", "keepalived")
                    .and(Command.of("systemctl", "reload-or-restart", "keepalived"));
        }
        return Command.of("sh", "-c", "if test -s \"$2\" && kill -0 \"$(cat \"$2\")\" 2>/dev/null; then kill -HUP \"$(cat \"$2\")\"; "
                        + "else keepalived -P -f \"$1\" -p \"$2\" -r \"$3\"; fi", "sh",
                layout.configPath(), layout.pidFile(), layout.vrrpPidFile())
                .describedAs("reload or start keepalived");
    }

    /** Stops keepalived (the peer takes the address over). */
    public static Command stop(HaLayout layout) {
        if (layout.systemd()) {
            return Command.of("systemctl", "stop", "keepalived");
        }
        return Command.of("sh", "-c", "p=$(cat \"$1\" 2>/dev/null) && [ -n \"$p\" ] && kill -TERM \"$p\" 2>/dev/null; exit 0", "sh",
                layout.pidFile()).describedAs("stop keepalived");
    }

    /** The notify script's last line ("STATE EPOCH words…"), or {@link #NO_STATE}. */
    public static Command state(HaLayout layout) {
        return Command.of("sh", "-c", "cat \"$1\" 2>/dev/null || echo \"$2\"", "sh", layout.stateFile(), NO_STATE)
                .describedAs("read keepalived's state");
    }
}
