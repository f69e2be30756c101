package dev.orrery.deploy;

import dev.orrery.remote.Command;

import java.util.ArrayList;
import java.util.List;

/**
 * Closes an app server's port to new connections from other machines while its app is stopped
 * and restarted, so a stock nginx (no active checks, no reload) sees every new connection
 * refused before a byte is sent and passes the request, POSTs included, to the next server.
 *
 * <p>Why: stopping the app closes its listening socket, and a connection that completed its
 * handshake in the kernel's accept queue just before is reset after nginx has sent the request;
 * nginx then cannot retry a POST (it may have been processed), and the client gets a 502. It was
 * seen once in about 12,000 requests in DeployIT. A netfilter rule that answers new SYNs with a
 * reset, put in place before the stop, leaves nothing in the queue to be reset: connections
 * already open finish, new ones are refused cleanly. Local sources are exempt, so the health gate
 * run on the server itself still reaches the new release before the rule is lifted.
 *
 * <p>Commands as data: the port and the app name travel as positional arguments.
 */
final class ConnectionGate {
    private static final String RULE = """
            rule() { "$1" -w "$2" INPUT -p tcp --dport "$3" --syn -m addrtype ! --src-type LOCAL \\
                       -m comment --comment "orrery-drain-$4" -j REJECT --reject-with tcp-reset; }
            """;

    private ConnectionGate() {
    }

    /** Exits 0 when this server can close its port (iptables present and usable). */
    static Command available() {
        return Command.of("sh", "-c", "command -v iptables >/dev/null 2>&1 && iptables -w -S INPUT >/dev/null 2>&1", "orrery")
                .describedAs("check for iptables");
    }

    /** Refuses new connections from other machines to the port (idempotent, IPv4 and IPv6). */
    static Command close(int port, String app) {
        return script("refuse new connections to port " + port, RULE + """
                for t in iptables ip6tables; do
                  command -v "$t" >/dev/null 2>&1 || continue
                  rule "$t" -C "$1" "$2" 2>/dev/null || rule "$t" -I "$1" "$2" || [ "$t" = ip6tables ] || exit 1
                done
                """, port, app);
    }

    /** Lifts {@link #close}; removes every copy of the rule, exits 0 when there was none. */
    static Command open(int port, String app) {
        return script("accept new connections to port " + port, RULE + """
                for t in iptables ip6tables; do
                  command -v "$t" >/dev/null 2>&1 || continue
                  while rule "$t" -C "$1" "$2" 2>/dev/null; do rule "$t" -D "$1" "$2" || break; done
                done
                exit 0
                """, port, app);
    }

    private static Command script(String description, String script, int port, String app) {
        List<String> args = new ArrayList<>(List.of("-c", script, "orrery", Integer.toString(port), app));
        return Command.of("sh", args).describedAs(description);
    }
}
