package dev.orrery.ha;

import dev.orrery.remote.Command;

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
