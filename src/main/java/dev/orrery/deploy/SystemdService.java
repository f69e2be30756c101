package dev.orrery.deploy;

import dev.orrery.remote.Command;
import dev.orrery.remote.Shell;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** The app as a systemd service, {@code orrery-APP.service}, running as the app's user. */
public final class SystemdService implements ServiceManager {
    public static final String UNIT_DIR = "/etc/systemd/system";

    private final AppLayout layout;
    private final int stopTimeoutSeconds;

    public SystemdService(AppLayout layout, int stopTimeoutSeconds) {
        this.layout = layout;
        this.stopTimeoutSeconds = stopTimeoutSeconds;
    }

    /**
     * The unit. The environment comes from the launcher (it sources the release's env file) rather
     * than EnvironmentFile=, whose own quoting rules differ from sh's: one format, one set of rules.
     * KillMode=mixed: SIGTERM to the app, SIGKILL to whatever is left after TimeoutStopSec.
     */
    public byte[] unit() {
        String user = layout.user();
        return ("""
                # Written by Orrery. The app %s, started from its live release by orrery-run.
                [Unit]
                Description=Orrery app %s
                After=network-online.target
                Wants=network-online.target

                [Service]
                Type=simple
                User=%s
                Group=%s
                Environment=HOME=%s
                ExecStart=%s
                Restart=always
                RestartSec=2
                KillMode=mixed
                KillSignal=SIGTERM
                TimeoutStopSec=%d
                # Only this: the app's own user may listen on a port below 1024 (an adopted app on port 80).
                AmbientCapabilities=CAP_NET_BIND_SERVICE
                CapabilityBoundingSet=CAP_NET_BIND_SERVICE
                NoNewPrivileges=true
                ProtectSystem=full
                PrivateTmp=true

                [Install]
                WantedBy=multi-user.target
                """).formatted(user, user, user, user, unitPath(layout.root()), unitPath(layout.launcher()), stopTimeoutSeconds)
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Paths come from validated names (Rules.filePath), which hold no space, quote or '%'. */
    private static String unitPath(String path) {
        if (!Shell.quote(path).equals(path)) {
            throw new IllegalArgumentException("path cannot go into a unit file: " + path);
        }
        return path;
    }

    public String unitPath() {
        return UNIT_DIR + "/" + layout.unitName();
    }

    @Override
    public String kind() {
        return "systemd";
    }

    @Override
    public List<InstallFile> files() {
        return List.of(new InstallFile(layout.launcher(), Scripts.launcher(layout), "755"),
                new InstallFile(unitPath(), unit(), "644"));
    }

    @Override
    public Command activate() {
        return Command.of("systemctl", "daemon-reload").and(Command.of("systemctl", "enable", layout.unitName()));
    }

    @Override
    public Command stop() {
        return Command.of("systemctl", "stop", layout.unitName()).describedAs("stop " + layout.unitName());
    }

    @Override
    public Command start() {
        return Command.of("systemctl", "start", layout.unitName()).describedAs("start " + layout.unitName());
    }

    @Override
    public Command status() {
        return Command.of("systemctl", "is-active", "--quiet", layout.unitName());
    }

    @Override
    public Command liveness() {
        // activating with MainPID 0 is systemd's auto-restart after an exit; failed is systemd giving up
        return Command.of("sh", "-c", "systemctl show -p ActiveState -p SubState -p MainPID -p NRestarts \"$1\" | awk -F= '"
                + "{ v[$1] = $2 } END { if ((v[\"ActiveState\"] == \"active\" || v[\"ActiveState\"] == \"activating\") && v[\"MainPID\"] != 0) "
                + "print \"orrery:alive \" v[\"MainPID\"] \"/\" v[\"NRestarts\"]; "
                + "else print \"orrery:dead systemd says \" v[\"ActiveState\"] \" (\" v[\"SubState\"] \")\" }'", "orrery", layout.unitName())
                .describedAs("is " + layout.unitName() + " running");
    }

    @Override
    public Command logTail(int lines) {
        return Command.of("journalctl", "-u", layout.unitName(), "-n", Integer.toString(lines), "--no-pager", "-o", "cat");
    }
}
