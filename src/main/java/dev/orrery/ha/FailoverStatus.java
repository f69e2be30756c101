package dev.orrery.ha;

import dev.orrery.cloud.ReservedIps;
import dev.orrery.model.Cluster;
import dev.orrery.model.Server;
import dev.orrery.remote.HostResolver;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who holds the reserved IP, two ways: the API ({@code GET /v2/reserved_ips/{ip}}: where
 * DigitalOcean routes it) and each balancer's keepalived (its notify script's state file, over
 * SSH). They agree when all is well; while the address moves, or when a notify script cannot reach
 * the API, they do not, and the window says so.
 *
 * @param holder the balancer the API routes the address to, null for none or another droplet
 */
public record FailoverStatus(String reservedIp, String holder, Map<String, KeepalivedState> keepalived) {

    /** Reads both; an unreachable balancer reads as UNKNOWN. Blocks (API and SSH). */
    public static FailoverStatus read(Cluster cluster, HostResolver hosts, ReservedIps api, HaLayout layout) {
        String ip = cluster.balancer().failover().reservedIp();
        Long droplet = api.get(ip).map(r -> r.dropletId()).orElse(null);
        String holder = null;
        Map<String, KeepalivedState> states = new LinkedHashMap<>();
        for (Server s : cluster.balancerServers()) {
            if (droplet != null && String.valueOf(droplet).equals(s.dropletId())) {
                holder = s.name();
            }
            KeepalivedState st;
            try {
                st = FailoverSetup.read(hosts.hostFor(s), layout);
            } catch (RuntimeException e) {
                st = KeepalivedState.UNKNOWN;
            }
            states.put(s.name(), st);
        }
        return new FailoverStatus(ip, holder, states);
    }
}
