package dev.orrery.ha;

import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.ClusterValidator;
import dev.orrery.model.Failover;
import dev.orrery.model.InvalidClusterException;
import dev.orrery.model.Problem;
import dev.orrery.model.Rules;
import dev.orrery.model.Server;

import java.util.List;

/**
 * Renders keepalived's configuration for one of a cluster's two failover balancers: VRRP in
 * unicast mode over the private addresses (DigitalOcean's network carries no multicast), a
 * {@code vrrp_script} that asks the local nginx or HAProxy for an answer, and the notify script
 * that moves the reserved IP ({@link NotifyScript}). On DigitalOcean the reserved IP is routed to a
 * droplet by the API (it arrives through the droplet's anchor address), not claimed with ARP; the
 * one {@code virtual_ipaddress} is the reserved IP on the loopback interface, which keepalived
 * needs ({@code keepalived -t} refuses an instance without one) and which only lets the live
 * balancer reach the address locally.
 *
 * <p>Both balancers start as BACKUP with {@code nopreempt}: the higher priority (the cluster's
 * first balancer) wins the first election, and a balancer that comes back after a failure does
 * not take the address back, which would cost a second move for nothing.
 *
 * <p>Every value comes from a validated cluster ({@link ClusterValidator}): names are DNS labels,
 * addresses IPv4 literals, the interface a plain token, so nothing written here can end a
 * keepalived word or string. The renderer refuses an invalid cluster before writing a line.
 */
public final class KeepalivedRenderer {

    /** The files one balancer gets. */
    public record Files(String config, String notifyScript, String checkScript) {
    }

    private final HaLayout layout;
    private final String apiBase;

    public KeepalivedRenderer(HaLayout layout, String apiBase) {
        Rules.apiBaseUrl(apiBase).ifPresent(m -> {
            throw new IllegalArgumentException("API base URL " + m);
        });
        this.layout = layout;
        this.apiBase = apiBase;
    }

    /** The configuration, notify and check scripts for {@code self}, one of the cluster's two balancers. */
    public Files render(Cluster cluster, String self) {
        requireRenderable(cluster);
        Failover f = cluster.balancer().failover();
        List<Server> lbs = cluster.balancerServers();
        Server me = lbs.stream().filter(s -> s.name().equals(self)).findFirst().orElseThrow(() -> new InvalidClusterException(
                List.of(new Problem("servers", "has no failover balancer called " + self))));
        Server peer = lbs.get(0) == me ? lbs.get(1) : lbs.get(0);
        int priority = lbs.get(0) == me ? 150 : 100;
        String instance = "orrery_" + cluster.name().replace('-', '_');
        String config = """
                # Rendered by Orrery for cluster %s, balancer %s (peer %s). Do not edit: a push replaces it.
                global_defs {
                    router_id %s
                    script_user root
                    enable_script_security
                }

                vrrp_script orrery_balancer {
                    script "%s"
                    interval 1
                    timeout 2
                    fall 2
                    rise 2
                }

                vrrp_instance %s {
                    state BACKUP
                    nopreempt
                    interface %s
                    virtual_router_id %d
                    priority %d
                    advert_int 1
                    unicast_src_ip %s
                    unicast_peer {
                        %s
                    }
                    track_script {
                        orrery_balancer
                    }
                    virtual_ipaddress {
                        %s/32 dev lo
                    }
                    notify "%s"
                }
                """.formatted(cluster.name(), me.name(), peer.name(), me.name(), layout.checkScript(), instance,
                f.networkInterface(), f.virtualRouterId(), priority, me.privateAddress(), peer.privateAddress(),
                f.reservedIp(), layout.notifyScript());
        String check = CheckScript.render(cluster.balancer().kind() == BalancerKind.HAPROXY ? "haproxy" : "nginx",
                me.privateAddress(), cluster.balancer().httpPort());
        String notify = NotifyScript.render(cluster.name(), me.name(), f.reservedIp(), me.dropletId(), apiBase, layout);
        return new Files(config, notify, check);
    }

    /** Refuses, with every problem named, a cluster whose failover cannot be rendered. */
    public static void requireRenderable(Cluster cluster) {
        List<Problem> problems = new java.util.ArrayList<>(ClusterValidator.validate(cluster));
        if (cluster.balancer().failover() == null) {
            problems.add(new Problem("balancer.failover", "is not set: this cluster has one balancer and no reserved IP"));
        } else if (cluster.balancer().failover().reservedIp() == null) {
            problems.add(new Problem("balancer.failover.reservedIp", "is not set yet: `orrery balancer failover setup` creates or adopts one"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidClusterException(problems);
        }
    }
}
