package dev.orrery.logs;

import dev.orrery.model.Cluster;
import dev.orrery.model.Role;
import dev.orrery.model.Server;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which app server answered a request in the balancer's access log, by name: nginx writes the
 * address it proxied to ({@code upstream="10.0.1.5:3000"}, see {@link AccessEntry}), the cluster
 * says whose address that is. So a deploy's traffic can be read as "app-1, app-2, app-3 … app-1
 * out, the others answer … app-1 back".
 */
public final class Upstreams {
    private final Map<String, String> byAddress;

    private Upstreams(Map<String, String> byAddress) {
        this.byAddress = byAddress;
    }

    /** The app servers of {@code cluster} by the address the balancer proxies to. */
    public static Upstreams of(Cluster cluster) {
        Map<String, String> m = new HashMap<>();
        for (Server s : cluster.servers()) {
            if (s.role() == Role.APP) {
                m.put(bare(s.internalAddress()), s.name());
            }
        }
        return new Upstreams(Map.copyOf(m));
    }

    /**
     * The server that answered the access line (the last one nginx tried), or empty when the
     * line is not an access line in Orrery's format, nginx proxied nowhere, or the address is no
     * app server's (an address outside the cluster is shown as it is).
     */
    public Optional<String> answeredBy(LogLine line) {
        if (line.source() != LogSource.ACCESS) {
            return Optional.empty();
        }
        return AccessEntry.parse(line.text()).map(AccessEntry::answeredBy).map(Upstreams::bare).map(a -> byAddress.getOrDefault(a, a));
    }

    /** "[2001:db8::1]" → "2001:db8::1", as a cluster file writes an IPv6 address. */
    private static String bare(String address) {
        return address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
    }
}
