package dev.orrery.ha;

import dev.orrery.cloud.CloudException;
import dev.orrery.cloud.ReservedIp;
import dev.orrery.cloud.ReservedIps;
import dev.orrery.model.Cluster;
import dev.orrery.model.Server;
import dev.orrery.task.Progress;

import java.util.List;
import java.util.Optional;

/**
 * Finds the cluster's reserved IP or makes one, before keepalived is told about it:
 * <ul>
 * <li>named in the cluster file: adopted when one of the two balancers holds it, assigned to
 *     the first balancer when nobody does, refused when another droplet holds it (taking it would
 *     cut that droplet's traffic) or the account has no such address;</li>
 * <li>not named: an address the account already has on one of the balancers is adopted (a setup
 *     that failed after creating one, or an address made by hand), else a new one is created on the
 *     first balancer. Creating is never retried blindly: a second address would be billed.</li>
 * </ul>
 */
public final class ReservedIpClaim {

    /** The address, the droplet holding it, and what was done ("adopted", "assigned", "created"). */
    public record Result(String ip, long holder, String how) {
    }

    private ReservedIpClaim() {
    }

    public static Result claim(ReservedIps api, Cluster cluster, Progress progress) {
        List<Server> lbs = cluster.balancerServers();
        long first = Long.parseLong(lbs.get(0).dropletId());
        long second = Long.parseLong(lbs.get(1).dropletId());
        String named = cluster.balancer().failover().reservedIp();
        if (named != null) {
            ReservedIp r = api.get(named).orElseThrow(() -> new CloudException("the DigitalOcean account has no reserved IP " + named
                    + "; remove balancer.failover.reservedIp from the cluster file to have Orrery create one"));
            if (r.dropletId() == null) {
                progress.log("assigning " + named + " (held by no droplet) to " + lbs.get(0).name());
                api.assign(named, first);
                return new Result(named, first, "assigned");
            }
            if (r.dropletId() != first && r.dropletId() != second) {
                throw new CloudException("reserved IP " + named + " is assigned to droplet " + r.dropletId()
                        + ", which is neither balancer; Orrery will not take it from that droplet (its traffic would stop). "
                        + "Unassign it in DigitalOcean, or name another address");
            }
            progress.log("adopting " + named + ", held by " + nameOf(lbs, r.dropletId()));
            return new Result(named, r.dropletId(), "adopted");
        }
        Optional<ReservedIp> onBalancer = api.list().stream()
                .filter(r -> r.dropletId() != null && (r.dropletId() == first || r.dropletId() == second)).findFirst();
        if (onBalancer.isPresent()) {
            ReservedIp r = onBalancer.get();
            progress.log("adopting " + r.ip() + ", already on " + nameOf(lbs, r.dropletId()));
            return new Result(r.ip(), r.dropletId(), "adopted");
        }
        progress.log("creating a reserved IP on " + lbs.get(0).name());
        ReservedIp made = api.createFor(first);
        return new Result(made.ip(), first, "created");
    }

    static String nameOf(List<Server> lbs, long droplet) {
        return lbs.stream().filter(s -> String.valueOf(droplet).equals(s.dropletId())).map(Server::name).findFirst()
                .orElse("droplet " + droplet);
    }
}
