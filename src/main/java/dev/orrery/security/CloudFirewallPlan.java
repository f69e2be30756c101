package dev.orrery.security;

import dev.orrery.cloud.CloudFirewall;
import dev.orrery.cloud.CloudFirewall.Rule;
import dev.orrery.cloud.CloudFirewall.Target;
import dev.orrery.cloud.ClusterTags;
import dev.orrery.model.Cluster;
import dev.orrery.model.Role;
import dev.orrery.model.Rules;
import dev.orrery.model.Server;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The DigitalOcean Cloud Firewalls a cluster needs, by tag: one for its app servers (SSH from the
 * allow-list, the app port only from droplets tagged as the cluster's balancer — and from the
 * addresses of a balancer that is not a droplet), one for its balancers (SSH from the allow-list,
 * the HTTP and HTTPS ports from anyone). Both let every droplet reach out (a firewall without
 * outbound rules would cut it off from apt and npm) and answer ICMP. Pure: no API call.
 *
 * @param tagging which droplets must carry which tag (tagging is repeatable; droplets Orrery made
 *                already carry theirs)
 * @param notes    what a person should know before applying (said by {@code plan})
 * @param warnings what the plan cannot do that the cluster needs (said by {@code plan} and {@code apply})
 */
public record CloudFirewallPlan(String cluster, List<Wanted> firewalls, List<Tagging> tagging, List<String> notes, List<String> warnings) {

    /** One firewall, and the servers of the cluster it covers. */
    public record Wanted(Role role, CloudFirewall firewall, List<String> servers) {
    }

    public record Tagging(String tag, List<Long> dropletIds, List<String> servers) {
    }

    public static final String PROVIDER = "digitalocean";

    /** The warning a failover pair's balancer firewall gets: VRRP cannot be allowed on this layer. */
    public static final String NO_VRRP = "balancer.failover: a DigitalOcean Cloud Firewall can allow only TCP, UDP and ICMP "
            + "(the API's rule protocols), not keepalived's VRRP (IP protocol 112), and it filters the private network between "
            + "the balancers too: with it in place each balancer stops hearing the other and both claim the reserved IP. "
            + "The host layer (nftables) does allow VRRP from the peer's private address; leave the balancers' Cloud Firewall "
            + "off (firewall apply --layer host) or make sure after apply that only one balancer is MASTER";

    public CloudFirewallPlan {
        firewalls = List.copyOf(firewalls);
        tagging = List.copyOf(tagging);
        notes = List.copyOf(notes);
        warnings = List.copyOf(warnings);
    }

    /** No firewall to put in place. */
    public static CloudFirewallPlan none(String cluster) {
        return new CloudFirewallPlan(cluster, List.of(), List.of(), List.of(), List.of());
    }

    public boolean isEmpty() {
        return firewalls.isEmpty();
    }

    /** Whether {@code s} is a droplet Orrery can put behind a Cloud Firewall. */
    public static boolean isDroplet(Server s) {
        return PROVIDER.equals(s.provider()) && Rules.dropletId(s.dropletId()).isEmpty();
    }

    /** Empty (no firewalls) for a cluster with no droplets. {@code sshFrom} is checked like the host firewall's. */
    public static CloudFirewallPlan forCluster(Cluster cluster, List<String> sshFrom) {
        for (String a : sshFrom) {
            Rules.cidr(a).ifPresent(p -> {
                throw new IllegalArgumentException("SSH source " + p);
            });
        }
        if (sshFrom.isEmpty()) {
            throw new IllegalArgumentException("no address may reach SSH; list at least the one Orrery connects from");
        }
        String name = cluster.name();
        List<Server> appDroplets = cluster.appServers().stream().filter(CloudFirewallPlan::isDroplet).toList();
        List<Server> lbDroplets = cluster.balancerServers().stream().filter(CloudFirewallPlan::isDroplet).toList();
        List<Wanted> wanted = new ArrayList<>();
        List<Tagging> tagging = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (!appDroplets.isEmpty()) {
            List<String> fromAddresses = new ArrayList<>();
            for (Server b : cluster.balancerServers()) {
                if (!isDroplet(b)) {
                    for (String a : new TreeSet<>(nonBlank(b.privateAddress(), b.publicAddress()))) {
                        if (!Rules.isIp(a)) {
                            throw new IllegalArgumentException("the balancer " + b.name() + "'s address " + a
                                    + " is a host name; the firewall needs its IP address");
                        }
                        fromAddresses.add(a);
                    }
                }
            }
            if (lbDroplets.isEmpty() && fromAddresses.isEmpty()) {
                throw new IllegalArgumentException("the cluster has no balancer: closing the app servers' port "
                        + cluster.app().port() + " would leave them unreachable");
            }
            Target appFrom = new Target(fromAddresses, lbDroplets.isEmpty() ? List.of() : List.of(ClusterTags.role(name, Role.BALANCER)),
                    List.of(), List.of());
            List<Rule> in = new ArrayList<>(ssh(appDroplets, sshFrom));
            in.add(new Rule("tcp", Integer.toString(cluster.app().port()), appFrom));
            in.add(new Rule("icmp", "0", Target.ANYWHERE));
            wanted.add(new Wanted(Role.APP, CloudFirewall.wanted(ClusterTags.firewallName(name, Role.APP), in, outbound(),
                    List.of(ClusterTags.role(name, Role.APP))), appDroplets.stream().map(Server::name).toList()));
            tagging.add(tagging(ClusterTags.role(name, Role.APP), appDroplets));
        }
        if (!lbDroplets.isEmpty()) {
            List<Rule> in = new ArrayList<>(ssh(lbDroplets, sshFrom));
            in.add(new Rule("tcp", Integer.toString(cluster.balancer().httpPort()), Target.ANYWHERE));
            in.add(new Rule("tcp", Integer.toString(cluster.balancer().httpsPort()), Target.ANYWHERE));
            in.add(new Rule("icmp", "0", Target.ANYWHERE));
            wanted.add(new Wanted(Role.BALANCER, CloudFirewall.wanted(ClusterTags.firewallName(name, Role.BALANCER), in, outbound(),
                    List.of(ClusterTags.role(name, Role.BALANCER))), lbDroplets.stream().map(Server::name).toList()));
            tagging.add(tagging(ClusterTags.role(name, Role.BALANCER), lbDroplets));
            if (cluster.balancer().failover() != null) {
                warnings.add(NO_VRRP);
            }
        }
        long others = cluster.servers().stream().filter(s -> s.role() != Role.DATABASE && !isDroplet(s)).count();
        if (others > 0 && !wanted.isEmpty()) {
            notes.add(others + " server(s) are not DigitalOcean droplets: only their host firewall closes them");
        }
        return new CloudFirewallPlan(name, wanted, tagging, notes, warnings);
    }

    /** Every tag the firewalls name, as sources or as the droplets they cover: they must exist first. */
    public Set<String> tagsNamed() {
        Set<String> out = new TreeSet<>();
        for (Wanted w : firewalls) {
            out.addAll(w.firewall().tags());
            w.firewall().inbound().forEach(r -> out.addAll(r.target().tags()));
        }
        return out;
    }

    private static List<Rule> ssh(List<Server> servers, List<String> sshFrom) {
        Target from = Target.addresses(sshFrom);
        return servers.stream().map(Server::sshPort).distinct().sorted().map(p -> new Rule("tcp", Integer.toString(p), from)).toList();
    }

    private static List<Rule> outbound() {
        return List.of(new Rule("tcp", "0", Target.ANYWHERE), new Rule("udp", "0", Target.ANYWHERE), new Rule("icmp", "0", Target.ANYWHERE));
    }

    private static Tagging tagging(String tag, List<Server> servers) {
        return new Tagging(tag, servers.stream().map(s -> Long.parseLong(s.dropletId())).toList(), servers.stream().map(Server::name).toList());
    }

    private static List<String> nonBlank(String... v) {
        List<String> out = new ArrayList<>();
        for (String s : v) {
            if (s != null && !s.isBlank()) {
                out.add(s);
            }
        }
        return out;
    }
}
