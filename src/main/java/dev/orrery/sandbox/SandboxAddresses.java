package dev.orrery.sandbox;

import dev.orrery.model.Cluster;
import dev.orrery.model.Server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Addresses for sandbox servers. Each app server gets its own loopback address (127.66.0.2,
 * .3 …) so that every one listens on the app's one port, exactly as droplets do, and the
 * balancer's ip_hash / consistent hash see distinct upstream addresses.
 *
 * <p>Portability: on Linux the whole 127.0.0.0/8 is routed to {@code lo}, so these addresses
 * work with no setup. macOS has only 127.0.0.1 unless each address is aliased first
 * ({@code sudo ifconfig lo0 alias 127.66.0.2 up}, …); {@link #usable} finds out and the sandbox
 * says so. The balancer itself listens on 127.0.0.1 on a free port.
 */
public final class SandboxAddresses {
    /** The first three octets of every sandbox app server's address (tests use another block, so they never meet a running sandbox). */
    public static final String PREFIX = "127.66.0.";
    static final int FIRST = 2;
    static final int LAST = 254;

    private SandboxAddresses() {
    }

    /** The lowest address {@code prefix + 2…254} no server of the cluster has. */
    public static String next(Cluster cluster, String prefix) {
        requirePrefix(prefix);
        Set<String> taken = cluster.servers().stream().map(Server::internalAddress).collect(Collectors.toSet());
        for (int i = FIRST; i <= LAST; i++) {
            String candidate = prefix + i;
            if (!taken.contains(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("the sandbox has no free loopback address left (" + (LAST - FIRST + 1) + " app servers)");
    }

    /** The block of the cluster's app servers ("127.66.0."), or {@link #PREFIX} when it has none. */
    public static String prefixOf(Cluster cluster) {
        return cluster.appServers().stream().map(Server::internalAddress).filter(a -> a.startsWith("127."))
                .map(a -> a.substring(0, a.lastIndexOf('.') + 1)).findFirst().orElse(PREFIX);
    }

    /** A loopback /24 written as its first three octets and a dot: "127.66.0.". */
    public static void requirePrefix(String prefix) {
        if (prefix == null || !prefix.matches("127\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.")) {
            throw new IllegalArgumentException("a sandbox address block must be a loopback /24 written like 127.66.0. (got \"" + prefix + "\")");
        }
    }

    /** Null when a listener can be bound on {@code address}; otherwise why not, in words. */
    public static String usable(String address) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
            return null;
        } catch (IOException e) {
            return "cannot listen on " + address + " (" + e.getMessage() + "). On macOS add the loopback alias first: "
                    + "sudo ifconfig lo0 alias " + address + " up";
        }
    }

    /** A port nothing listens on at 127.0.0.1 right now (the balancer's). */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(false);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return s.getLocalPort();
        }
    }

    /**
     * Refuses a cluster one of whose app servers' addresses cannot be used here, or is taken by a
     * listener that is not the sandbox's (call it after the sandbox's own leftovers are stopped).
     */
    static void requireFree(Cluster cluster) throws IOException {
        for (Server s : cluster.appServers()) {
            String why = usable(s.internalAddress());
            if (why == null) {
                why = ListenerOwner.taken(s.internalAddress(), cluster.app().port());
            }
            if (why != null) {
                throw new IllegalStateException(s.name() + ": " + why);
            }
        }
    }
}
