package dev.orrery.proxy;

import dev.orrery.model.BalancerKind;
import dev.orrery.remote.Command;

import java.util.ArrayList;
import java.util.List;

/**
 * Every command the push, drain and view workflows run on the balancer host, as data. Pure
 * functions of the (validated) layout: unit-tested as text. Where a shell feature is needed
 * (a pid read with {@code $(cat …)}, a pipe), the script is constant text and the values travel
 * as quoted positional arguments ({@code sh -c SCRIPT sh ARG…}), never pasted into it.
 */
public final class BalancerCommands {

    private BalancerCommands() {
    }

    /** The balancer's own validator on a file that is not live. */
    public static Command validate(BalancerKind kind, BalancerLayout layout, String path) {
        Command c = switch (kind) {
            case NGINX -> Command.of("nginx", withPrefix(layout, "-t", "-c", path));
            case HAPROXY -> Command.of("haproxy", "-c", "-f", path);
        };
        return c.describedAs((kind == BalancerKind.NGINX ? "nginx -t -c " : "haproxy -c -f ") + path);
    }

    /** Exit 0 when systemd runs the host (sd_booted's own test); containers and test hosts have none. */
    public static Command systemdBooted() {
        return Command.of("test", "-d", "/run/systemd/system");
    }

    /** Exit 0 when a process runs under the layout's pid file. */
    public static Command isRunning(BalancerLayout layout) {
        return Command.of("sh", "-c", "test -s \"$1\" && kill -0 \"$(cat \"$1\")\" 2>/dev/null", "sh", layout.pidFile())
                .describedAs("is the balancer running (" + layout.pidFile() + ")");
    }

    /**
     * A graceful reload of the live configuration, or a start when nothing runs. Under systemd,
     * {@code reload-or-restart} does both (it only restarts a unit that is not running).
     */
    public static Command reload(BalancerKind kind, BalancerLayout layout, boolean running) {
        if (layout.systemdUnit() != null) {
            return Command.of("systemctl", "reload-or-restart", layout.systemdUnit());
        }
        return switch (kind) {
            case NGINX -> running
                    ? Command.of("nginx", withPrefix(layout, "-c", layout.configPath(), "-s", "reload"))
                    : Command.of("nginx", withPrefix(layout, "-c", layout.configPath()));
            // -sf: the new process takes the listeners and tells the old one to finish its connections and leave.
            case HAPROXY -> running
                    ? Command.of("sh", "-c", "exec haproxy -f \"$1\" -p \"$2\" -D -sf \"$(cat \"$2\")\"", "sh",
                            layout.configPath(), layout.pidFile()).describedAs("haproxy reload (-sf)")
                    : Command.of("haproxy", "-f", layout.configPath(), "-p", layout.pidFile(), "-D");
        };
    }

    /** Stops a balancer Orrery started itself (sandbox, tests). */
    public static Command stop(BalancerKind kind, BalancerLayout layout) {
        return switch (kind) {
            case NGINX -> Command.of("nginx", withPrefix(layout, "-c", layout.configPath(), "-s", "quit"));
            case HAPROXY -> Command.of("sh", "-c", "kill \"$(cat \"$1\")\"", "sh", layout.pidFile()).describedAs("stop haproxy");
        };
    }

    /** Printed by {@link #keepPrevious} when there was a live configuration and it is now kept. */
    public static final String KEPT = "orrery:previous-kept";
    /** Printed by {@link #keepPrevious} when the balancer runs under the layout's pid file. */
    public static final String RUNNING = "orrery:running";

    /**
     * One round trip before the swap: keeps the live configuration (if any) as the previous one
     * and says whether the balancer runs. Fails only when an existing file cannot be kept.
     */
    public static Command keepPrevious(BalancerLayout layout) {
        return Command.of("sh", "-c", "if test -e \"$1\"; then cp -p \"$1\" \"$2\" || exit 1; echo " + KEPT + "; fi; "
                        + "if test -s \"$3\" && kill -0 \"$(cat \"$3\")\" 2>/dev/null; then echo " + RUNNING + "; fi",
                "sh", layout.configPath(), layout.previousPath(), layout.pidFile())
                .describedAs("keep " + layout.configPath() + " as " + layout.previousPath());
    }

    /** Keeps the live configuration as the previous one (permissions and all). */
    public static Command keep(String from, String to) {
        return Command.of("cp", "-p", from, to);
    }

    /** A rename on one file system: the live name always points at one whole file. */
    public static Command moveIntoPlace(String from, String to) {
        return Command.of("mv", "-f", from, to);
    }

    public static Command remove(String path) {
        return Command.of("rm", "-f", path);
    }

    public static Command makeDirectory(String path) {
        return Command.of("mkdir", "-p", path);
    }

    /**
     * HAProxy takes certificate and key in one PEM: writes both into the layout's bundle,
     * readable by root only from the first byte (umask), then renames it into place.
     */
    public static Command tlsBundle(String certificate, String key, String bundle) {
        String tmp = bundle + ".orrery-new";
        return Command.of("sh", "-c", "umask 077 && cat \"$1\" \"$2\" > \"$3\" && mv -f \"$3\" \"$4\"", "sh",
                certificate, key, tmp, bundle).describedAs("combine " + certificate + " and " + key + " into " + bundle);
    }

    /**
     * Orrery's ACME folder, before any configuration that names it is validated: nginx serves
     * tokens from its {@code challenge} folder (readable by the workers), HAProxy's map must
     * exist when the configuration is loaded.
     */
    public static Command acmeFolder(BalancerKind kind, BalancerLayout layout) {
        return switch (kind) {
            case NGINX -> Command.of("sh", "-c", "mkdir -p \"$1\" && chmod 0755 \"$1\"", "sh", layout.acmeChallengeDir())
                    .describedAs("make the ACME challenge folder " + layout.acmeChallengeDir());
            case HAPROXY -> Command.of("sh", "-c", "mkdir -p \"$1\" && touch \"$2\"", "sh", layout.acmeRoot(), layout.acmeMap())
                    .describedAs("make the ACME token map " + layout.acmeMap());
        };
    }

    /** Printed by {@link #ensureTlsKey} when it made a temporary self-signed certificate. */
    public static final String PLACEHOLDER = "orrery:placeholder-certificate";

    /**
     * The balancer's TLS key for an ACME certificate, made on the balancer (P-256) the first time
     * and kept: it never leaves the host, and every renewal reuses it, so a certificate swapped
     * under a running nginx always matches the key. Until the CA's first certificate arrives, a
     * self-signed one (7 days) lets the balancer start. With {@code group} (nginx's worker user,
     * which reads the files at each handshake) the key is 0640 root:group, else 0600.
     */
    public static Command ensureTlsKey(String certificate, String key, String serverName, String group) {
        // Parent folders stay traversable (0755); the key's own folder is 0750 root:group or 0700, the key 0640 or 0600.
        String script = "set -e; kd=$(dirname \"$2\"); mkdir -p \"$(dirname \"$1\")\" \"$kd\"; "
                + "if test -n \"$4\"; then chgrp \"$4\" \"$kd\"; chmod 0750 \"$kd\"; else chmod 0700 \"$kd\"; fi; "
                + "if ! test -s \"$2\"; then (umask 077 && openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out \"$2.orrery-new\" 2>/dev/null); "
                + "mv -f \"$2.orrery-new\" \"$2\"; fi; "
                + "if test -n \"$4\"; then chgrp \"$4\" \"$2\"; chmod 0640 \"$2\"; else chmod 0600 \"$2\"; fi; "
                + "if ! test -s \"$1\"; then openssl req -x509 -key \"$2\" -subj \"/CN=$3\" -days 7 -out \"$1.orrery-new\" 2>/dev/null; "
                + "chmod 0644 \"$1.orrery-new\"; mv -f \"$1.orrery-new\" \"$1\"; echo " + PLACEHOLDER + "; fi";
        return Command.of("sh", "-c", script, "sh", certificate, key, serverName, group == null ? "" : group)
                .describedAs("make sure the TLS key " + key + " exists on the balancer");
    }

    /** An HTTP GET from the balancer host to itself; prints the body. */
    public static Command localGet(BalancerLayout layout, int port, String path) {
        return Command.of("curl", "-sS", "--max-time", "5", "http://" + layout.localAddress() + ":" + port + path);
    }

    /** Exit 0 when socat is on the host (else the runtime API goes through perl, which every Debian/Ubuntu has). */
    public static Command hasSocat() {
        return Command.of("sh", "-c", "command -v socat >/dev/null");
    }

    /** One HAProxy runtime API line over the admin socket; prints the answer. */
    public static Command runtimeApi(String socket, String line, boolean socat) {
        if (socat) {
            return Command.of("sh", "-c", "printf '%s\\n' \"$2\" | socat -t 5 stdio \"UNIX-CONNECT:$1\"", "sh", socket, line)
                    .describedAs("haproxy runtime API: " + line);
        }
        return Command.of("perl", "-e", PERL_SOCKET, socket, line).describedAs("haproxy runtime API: " + line);
    }

    static final String PERL_SOCKET = "use IO::Socket::UNIX; my $s = IO::Socket::UNIX->new(Peer => $ARGV[0])"
            + " or die \"cannot connect to $ARGV[0]: $!\\n\"; print $s \"$ARGV[1]\\n\"; print while <$s>;";

    private static List<String> withPrefix(BalancerLayout layout, String... args) {
        List<String> out = new ArrayList<>();
        if (layout.prefix() != null) {
            out.add("-p");
            out.add(layout.prefix());
        }
        out.addAll(List.of(args));
        return out;
    }
}
