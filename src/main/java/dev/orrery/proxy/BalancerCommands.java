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
            case DO_LOAD_BALANCER -> throw BalancerLayout.noFiles();
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
            case DO_LOAD_BALANCER -> throw BalancerLayout.noFiles();
        };
    }

    /** Stops a balancer Orrery started itself (sandbox, tests). */
    public static Command stop(BalancerKind kind, BalancerLayout layout) {
        return switch (kind) {
            case NGINX -> Command.of("nginx", withPrefix(layout, "-c", layout.configPath(), "-s", "quit"));
            case HAPROXY -> Command.of("sh", "-c", "kill \"$(cat \"$1\")\"", "sh", layout.pidFile()).describedAs("stop haproxy");
            case DO_LOAD_BALANCER -> throw BalancerLayout.noFiles();
        };
    }

    /**
     * Stops a balancer gracefully without waiting for it to leave: it stops listening at once
     * and finishes the connections it has. nginx: QUIT; HAProxy: USR1 (its soft stop; TERM would
     * cut every connection). Under systemd, a stop job that is not waited for (Debian's nginx unit
     * sends QUIT; for HAProxy, Orrery's drop-in makes its stop signal USR1, see {@link #haproxySoftStopDropIn}).
     */
    public static Command gracefulStop(BalancerKind kind, BalancerLayout layout) {
        if (layout.systemdUnit() != null) {
            return Command.of("systemctl", "stop", "--no-block", layout.systemdUnit());
        }
        return switch (kind) {
            case NGINX -> Command.of("nginx", withPrefix(layout, "-c", layout.configPath(), "-s", "quit"));
            case HAPROXY -> Command.of("sh", "-c", "kill -USR1 \"$(cat \"$1\")\"", "sh", layout.pidFile()).describedAs("soft-stop haproxy");
            case DO_LOAD_BALANCER -> throw BalancerLayout.noFiles();
        };
    }

    /** Stops a balancer now, cutting its connections (nginx: TERM, its fast shutdown; HAProxy: TERM); waits under systemd. */
    public static Command hardStop(BalancerKind kind, BalancerLayout layout) {
        if (layout.systemdUnit() != null) {
            return Command.of("systemctl", "stop", layout.systemdUnit());
        }
        return Command.of("sh", "-c", "p=$(cat \"$1\" 2>/dev/null) && [ -n \"$p\" ] && kill -TERM \"$p\" 2>/dev/null; exit 0", "sh",
                layout.pidFile()).describedAs("stop " + kind.name().toLowerCase() + " now");
    }

    /** Starts a balancer that does not run. */
    public static Command start(BalancerKind kind, BalancerLayout layout) {
        if (layout.systemdUnit() != null) {
            return Command.of("systemctl", "start", layout.systemdUnit());
        }
        return reload(kind, layout, false);
    }

    /** Exit 0 while the balancer of this layout runs (its systemd unit, or its pid file's process). */
    public static Command running(BalancerLayout layout) {
        if (layout.systemdUnit() != null) {
            return Command.of("systemctl", "is-active", "--quiet", layout.systemdUnit());
        }
        return isRunning(layout);
    }

    /** Exit 0 when the balancer's program is installed. */
    public static Command installed(BalancerKind kind) {
        return Command.of("sh", "-c", "command -v \"$1\" >/dev/null", "sh", kind == BalancerKind.NGINX ? "nginx" : "haproxy");
    }

    /** The unit a reboot starts: the new balancer's on, the old one's off. */
    public static Command bootWith(BalancerLayout on, BalancerLayout off) {
        return Command.of("systemctl", "enable", on.systemdUnit()).and(Command.of("systemctl", "disable", off.systemdUnit()));
    }

    /**
     * A drop-in that makes {@code systemctl stop haproxy} a soft stop (USR1: stop listening, finish
     * the connections it has, for at most 30 s) instead of Debian's TERM, which cuts them; and that
     * keeps {@code Restart=always} from starting it again after that clean exit.
     */
    public static Command haproxySoftStopDropIn(String unit) {
        return Command.of("sh", "-c", "mkdir -p \"/etc/systemd/system/$1.d\" && printf '%s\\n' '# Written by Orrery: a graceful stop.' "
                + "'[Service]' 'KillSignal=SIGUSR1' 'TimeoutStopSec=30s' > \"/etc/systemd/system/$1.d/orrery-soft-stop.conf\" "
                + "&& systemctl daemon-reload", "sh", unit + ".service").describedAs("make stopping " + unit + " graceful");
    }

    /** The process name {@code ss -p} shows for a balancer program. */
    static String processName(BalancerKind kind) {
        return kind == BalancerKind.NGINX ? "nginx" : "haproxy";
    }

    /**
     * Starts the new balancer while the old one still listens (both set SO_REUSEPORT: HAProxy by
     * default, nginx by Orrery's {@code reuseport}), and waits until the new one listens on every
     * port. Exit 4: it did not start; 5: it did not listen within 30 s.
     */
    public static Command startBeside(List<Integer> ports, BalancerKind kind, Command startNew) {
        String script = LISTENERS + startNew.line() + """
                 || { echo "orrery:start failed"; exit 4; }
                end=$(( $(date +%s) + 30 ))
                while ! all_by "$2"; do [ "$(date +%s)" -gt "$end" ] && { echo "orrery:the new balancer does not listen after 30 s:"; show; exit 5; }; sleep 0.01; done
                echo "orrery:listening beside the old one"
                """;
        return Command.of("sh", "-c", script, "sh", portList(ports), processName(kind))
                .describedAs("start " + processName(kind) + " beside the running balancer on port(s) " + portList(ports));
    }

    /**
     * Stops the old balancer gracefully once the new one listens beside it and waits until the old
     * one has closed its listening sockets. Meanwhile {@code net.ipv4.tcp_migrate_req} is on (Linux
     * 5.14+), so connections waiting in the old one's accept queue move to the new one's instead
     * of being reset; its previous value is put back. Exit 3: it still listens after 30 s.
     */
    public static Command handOver(List<Integer> ports, BalancerKind oldKind, Command stopOld) {
        String script = LISTENERS + """
                was=$(sysctl -n net.ipv4.tcp_migrate_req 2>/dev/null)
                [ -n "$was" ] && sysctl -qw net.ipv4.tcp_migrate_req=1 2>/dev/null
                """ + stopOld.line() + """
                 || { echo "orrery:stop failed"; [ -n "$was" ] && sysctl -qw net.ipv4.tcp_migrate_req="$was"; exit 3; }
                end=$(( $(date +%s) + 30 ))
                while any_by "$2"; do [ "$(date +%s)" -gt "$end" ] && { echo "orrery:the old balancer still listens after 30 s:"; show; break; }; sleep 0.01; done
                [ -n "$was" ] && sysctl -qw net.ipv4.tcp_migrate_req="$was" 2>/dev/null
                any_by "$2" && exit 3
                echo "orrery:handed over"
                """;
        return Command.of("sh", "-c", script, "sh", portList(ports), processName(oldKind))
                .describedAs("stop the old " + processName(oldKind) + " once the new balancer listens beside it");
    }

    /** Shell functions over ss: does any/every port have a listener of process $1 (or of anyone, for any/all)? */
    private static final String LISTENERS = """
            ports=$1
            any() { for p in $ports; do ss -Hltn "( sport = :$p )" | grep -q . && return 0; done; return 1; }
            all() { for p in $ports; do ss -Hltn "( sport = :$p )" | grep -q . || return 1; done; return 0; }
            any_by() { for p in $ports; do ss -Hltnp "( sport = :$p )" | grep -q "((\\\"$1\\\"" && return 0; done; return 1; }
            all_by() { for p in $ports; do ss -Hltnp "( sport = :$p )" | grep -q "((\\\"$1\\\"" || return 1; done; return 0; }
            show() { for p in $ports; do ss -Hltnp "( sport = :$p )"; done; }
            """;

    private static String portList(List<Integer> ports) {
        StringBuilder p = new StringBuilder();
        for (int port : ports) {
            p.append(p.length() > 0 ? " " : "").append(port);
        }
        return p.toString();
    }

    /** Printed by {@link #swap}: milliseconds between nobody listening and the new balancer listening. */
    public static final String CLOSED_MS = "orrery:closed-ms ";

    /**
     * In one round trip, so no network delay lengthens it: stops the old balancer gracefully,
     * waits (10 ms steps) until nothing listens on {@code ports}, starts the new one and waits until
     * it listens on all of them; prints {@link #CLOSED_MS} with how long nothing listened. Exit 3:
     * the old would not let go of the ports (30 s); 4: the new did not start; 5: it did not listen.
     */
    public static Command swap(List<Integer> ports, Command stopOld, Command startNew) {
        StringBuilder p = new StringBuilder();
        for (int port : ports) {
            p.append(p.length() > 0 ? " " : "").append(port);
        }
        String script = """
                ports=$1
                ms() { echo $(( $(date +%s%N) / 1000000 )); }
                any() { for p in $ports; do ss -Hltn "( sport = :$p )" | grep -q . && return 0; done; return 1; }
                all() { for p in $ports; do ss -Hltn "( sport = :$p )" | grep -q . || return 1; done; return 0; }
                """ + stopOld.line() + """
                 || { echo "orrery:stop failed"; exit 3; }
                end=$(( $(date +%s) + 30 ))
                while any; do [ "$(date +%s)" -gt "$end" ] && { echo "orrery:the old balancer still listens after 30 s"; exit 3; }; sleep 0.01; done
                t1=$(ms)
                """ + startNew.line() + """
                 || { echo "orrery:start failed"; exit 4; }
                end=$(( $(date +%s) + 30 ))
                while ! all; do [ "$(date +%s)" -gt "$end" ] && { echo "orrery:the new balancer does not listen after 30 s"; exit 5; }; sleep 0.01; done
                t2=$(ms)
                echo "orrery:closed-ms $((t2 - t1))"
                """;
        return Command.of("sh", "-c", script, "sh", p.toString()).describedAs("stop the old balancer, start the new on port(s) " + p);
    }

    /** Printed by {@link #keepPrevious} when there was a live configuration and it is now kept. */
    public static final String KEPT = "orrery:previous-kept";
    /** Printed by {@link #keepPrevious} when the balancer runs under the layout's pid file. */
    public static final String RUNNING = "orrery:running";

    /** Printed by {@link #keepPrevious} when the live configuration checks the layout's close flag. */
    public static final String HONOURS_CLOSE_FLAG = "orrery:honours-close-flag";

    /**
     * One round trip before the swap: keeps the live configuration (if any) as the previous one,
     * says whether the balancer runs and whether the live configuration honours the close flag
     * (one rendered by an older Orrery does not). Fails only when an existing file cannot be kept.
     */
    public static Command keepPrevious(BalancerLayout layout) {
        return Command.of("sh", "-c", "if test -e \"$1\"; then cp -p \"$1\" \"$2\" || exit 1; echo " + KEPT + "; "
                        + "if test -n \"$4\" && grep -qF -- \"$4\" \"$1\"; then echo " + HONOURS_CLOSE_FLAG + "; fi; fi; "
                        + "if test -s \"$3\" && kill -0 \"$(cat \"$3\")\" 2>/dev/null; then echo " + RUNNING + "; fi",
                "sh", layout.configPath(), layout.previousPath(), layout.pidFile(), layout.closeFlag() == null ? "" : layout.closeFlag())
                .describedAs("keep " + layout.configPath() + " as " + layout.previousPath());
    }

    /** Makes nginx answer "Connection: close" to every request (the configuration tests for this file). */
    public static Command raiseCloseFlag(String flag) {
        // The directory must let nginx's unprivileged workers stat the file: 755.
        return Command.of("sh", "-c", "umask 022 && mkdir -p \"${1%/*}\" && : > \"$1\"", "sh", flag)
                .describedAs("answer every request with Connection: close (" + flag + ")");
    }

    /** Lets nginx keep connections alive again. */
    public static Command lowerCloseFlag(String flag) {
        return Command.of("rm", "-f", flag).describedAs("keep-alive on again");
    }

    /**
     * The clients' established TCP connections to the balancer's ports, one per line
     * ({@code LOCAL PEER}), by iproute2's {@code ss}; exit 127 where there is no ss.
     */
    public static Command clientConnections(List<Integer> ports) {
        StringBuilder filter = new StringBuilder("( ");
        for (int i = 0; i < ports.size(); i++) {
            filter.append(i > 0 ? " or " : "").append("sport = :").append(ports.get(i).intValue());
        }
        filter.append(" )");
        return Command.of("sh", "-c", "command -v ss >/dev/null || exit 127; ss -Htn state established \"$1\" | awk '{print $3, $4}'",
                "sh", filter.toString()).describedAs("list client connections");
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
            case DO_LOAD_BALANCER -> throw BalancerLayout.noFiles();
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
