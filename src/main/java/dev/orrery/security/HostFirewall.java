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
 * Everything else arriving new is dropped; replies to the server's own connections still pass.
 *
 * @param appFrom the balancers' addresses (empty for a balancer)
 * @param open    ports open to everyone (the balancer's HTTP and HTTPS ports; empty for an app server)
 */
public record HostFirewall(String server, Role role, int sshPort, List<String> sshFrom, int appPort, List<String> appFrom, List<Integer> open) {

    public HostFirewall {
        sshFrom = List.copyOf(sshFrom);
        appFrom = List.copyOf(appFrom);
        open = List.copyOf(open);
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
                        List.of(cluster.balancer().httpPort(), cluster.balancer().httpsPort())));
            }
        }
        return out;
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
