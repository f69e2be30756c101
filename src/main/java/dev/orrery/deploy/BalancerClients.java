package dev.orrery.deploy;

import dev.orrery.remote.Command;
import dev.orrery.remote.ExecResult;
import dev.orrery.remote.Host;

import java.util.ArrayList;
import java.util.List;

/**
 * The addresses of the clients connected to a balancer now, read with {@code ss} on the balancer:
 * one per established connection to its HTTP or HTTPS port. These are the WebSockets (and
 * keep-alive connections) a rollout is about to bounce; {@link HashAwareOrder} orders the servers
 * from them. {@code ss} (iproute2) is on every Debian/Ubuntu droplet and needs no root for this.
 */
final class BalancerClients {
    /** Enough to see how clients spread over /24s; a busy balancer's rest adds nothing to the order. */
    static final int MAX_CLIENTS = 20_000;

    private BalancerClients() {
    }

    static Command command(int httpPort, int httpsPort) {
        return Command.of("ss", "-Htn", "state", "established", "( sport = :" + httpPort + " or sport = :" + httpsPort + " )")
                .describedAs("list the balancer's client connections (ss)");
    }

    /** Reads them over {@code host}; throws when {@code ss} fails. */
    static List<String> read(Host host, int httpPort, int httpsPort) throws Exception {
        List<String> lines = new ArrayList<>();
        ExecResult r = host.exec(command(httpPort, httpsPort), line -> {
            if (lines.size() < MAX_CLIENTS) {
                lines.add(line);
            }
        });
        if (!r.ok()) {
            throw new IllegalStateException("ss failed on the balancer (exit " + r.exitCode() + "): " + r.output().strip());
        }
        return parse(lines);
    }

    /**
     * The peer address of each line of {@code ss -Htn state established}: "Recv-Q Send-Q
     * Local:Port Peer:Port" (IPv6 in brackets; v4-mapped IPv6 as the IPv4 address).
     */
    static List<String> parse(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 4) {
                continue;
            }
            String peer = f[3];
            int colon = peer.lastIndexOf(':');
            if (colon <= 0) {
                continue;
            }
            String addr = peer.substring(0, colon);
            if (addr.startsWith("[") && addr.endsWith("]")) {
                addr = addr.substring(1, addr.length() - 1);
            }
            if (addr.startsWith("::ffff:")) {
                addr = addr.substring(7);
            }
            out.add(addr);
        }
        return out;
    }
}
