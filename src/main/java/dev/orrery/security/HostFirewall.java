package dev.orrery.security;

import dev.orrery.model.Cluster;
import dev.orrery.model.Role;
import dev.orrery.model.Rules;
import dev.orrery.model.Server;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one server accepts, as Orrery closes it: SSH on its port from the listed ranges only, the
 * app port (app servers) from the cluster's balancers only, 80 and 443 (balancers) from anyone.
 * A balancer of a failover pair also takes VRRP (IP protocol 112) from its peer's private
 * address, and from nowhere else: keepalived runs in unicast mode, so the peer's adverts are the
 * only VRRP it should ever hear, and without them both balancers would claim the reserved IP.
 * Everything else arriving new is dropped; replies to the server's own connections still pass.
 *
 * @param appFrom  the balancers' addresses (empty for a balancer)
 * @param open     ports open to everyone (the balancer's HTTP and HTTPS ports; empty for an app server)
 * @param vrrpFrom the failover peer's private address (empty unless the server is one of a failover pair)
 */
public record HostFirewall(String server, Role role, int sshPort, List<String> sshFrom, int appPort, List<String> appFrom, List<Integer> open,
                           List<String> vrrpFrom) {

    /** VRRP's IP protocol number (keepalived's adverts). */
    public static final int VRRP = 112;

    public HostFirewall(String server, Role role, int sshPort, List<String> sshFrom, int appPort, List<String> appFrom, List<Integer> open) {
        this(server, role, sshPort, sshFrom, appPort, appFrom, open, List.of());
    }

    public HostFirewall {
        sshFrom = List.copyOf(sshFrom);
        appFrom = List.copyOf(appFrom);
        open = List.copyOf(open);
        vrrpFrom = List.copyOf(vrrpFrom);
        for (String a : vrrpFrom) {
            if (!Rules.isIp(a) || a.contains(":")) {
                // keepalived's unicast peers here are IPv4 (the droplets' private network)
                throw new IllegalArgumentException(server + ": failover peer address " + a + " is not an IPv4 address");
            }
        }
        if (sshFrom.isEmpty()) {
            throw new IllegalArgumentException(server + ": no address may reach SSH; list at least the one Orrery connects from");
        }
        for (String a : sshFrom) {
            Rules.cidr(a).ifPresent(p -> {
                throw new IllegalArgumentException("SSH source " + p);
            });
        }
        for (String a : appFrom) {
            Rules.cidr(a).ifPresent(p -> {
                throw new IllegalArgumentException(server + ": balancer address " + p);
            });
        }
    }

    /**
     * One firewall per app server and balancer of {@code cluster} (database servers are not
     * Orrery's to close). {@code sshFrom}: the ranges SSH is allowed from, each checked by
     * {@link Rules#cidr}.
     */
    public static List<HostFirewall> forCluster(Cluster cluster, List<String> sshFrom) {
        List<String> problems = new ArrayList<>();
        for (String a : sshFrom) {
            Rules.cidr(a).ifPresent(p -> problems.add("--ssh-from " + p));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        Set<String> balancers = new LinkedHashSet<>();
        for (Server b : cluster.byRole(Role.BALANCER)) {
            addIp(balancers, b.privateAddress());
            addIp(balancers, b.publicAddress());
        }
        List<HostFirewall> out = new ArrayList<>();
        for (Server s : cluster.servers()) {
            if (s.role() == Role.APP) {
                if (balancers.isEmpty()) {
                    throw new IllegalArgumentException("the cluster has no balancer with an IP address: closing " + s.name()
                            + "'s app port would leave it unreachable");
                }
                out.add(new HostFirewall(s.name(), s.role(), s.sshPort(), sshFrom, cluster.app().port(), List.copyOf(balancers), List.of()));
            } else if (s.role() == Role.BALANCER) {
                out.add(new HostFirewall(s.name(), s.role(), s.sshPort(), sshFrom, 0, List.of(),
                        List.of(cluster.balancer().httpPort(), cluster.balancer().httpsPort()), vrrpPeer(cluster, s)));
            }
        }
        return out;
    }

    /**
     * The peer's private address, for a balancer of a cluster with {@code balancer.failover}: the
     * one keepalived's {@code unicast_peer} names (see {@code ha.KeepalivedRenderer}). Empty otherwise.
     */
    static List<String> vrrpPeer(Cluster cluster, Server self) {
        List<Server> lbs = cluster.balancerServers();
        if (cluster.balancer().failover() == null || lbs.size() != 2) {
            return List.of();
        }
        Server peer = lbs.get(0).name().equals(self.name()) ? lbs.get(1) : lbs.get(0);
        String a = peer.privateAddress();
        if (a == null || a.isBlank() || !Rules.isIp(a)) {
            throw new IllegalArgumentException("balancer.failover: " + peer.name() + " has no private IP address; "
                    + self.name() + "'s firewall must accept keepalived's VRRP from it");
        }
        return List.of(a);
    }

    private static void addIp(Set<String> into, String address) {
        if (address != null && !address.isBlank()) {
            if (!Rules.isIp(address)) {
                // a name would make the rule depend on a lookup at load time
                throw new IllegalArgumentException("the balancer's address " + address + " is a host name; the firewall needs its IP address");
            }
            into.add(address);
        }
    }
}
