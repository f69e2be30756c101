package dev.orrery.ha;

import dev.orrery.cloud.ReservedIp;
import dev.orrery.cloud.ReservedIps;
import dev.orrery.model.Cluster;
import dev.orrery.model.Server;
import dev.orrery.proxy.BalancerCommands;
import dev.orrery.proxy.BalancerLayout;
import dev.orrery.remote.Host;
import dev.orrery.remote.HostResolver;
import dev.orrery.remote.LineListener;
import dev.orrery.task.Progress;

import java.util.List;

/**
 * A failover drill: stops the balancer program (nginx or HAProxy) on the balancer that holds the
 * reserved IP, measures the time until the API says the other balancer holds it AND the address
 * answers HTTP from this machine, then starts the stopped program again. keepalived's
 * {@code nopreempt} leaves the address on the other balancer afterwards; the restored one stands
 * by. The stopped program is started again whatever happens (also when the address never moved).
 */
public final class FailoverDrill {

    /** What the drill saw: who held the address, who took it, and how long users had no balancer. */
    public record Result(String cluster, String from, String to, String reservedIp, long failoverMs, String balancer) {
    }

    /** How long the drill waits for the address to move before it gives up (and restores). */
    public static final long GIVE_UP_MS = 60_000;

    private final HostResolver hosts;
    private final ReservedIps api;
    private final BalancerLayout balancerLayout;
    private final ReservedIpProbe probe;

    public FailoverDrill(HostResolver hosts, ReservedIps api, BalancerLayout balancerLayout, ReservedIpProbe probe) {
        this.hosts = hosts;
        this.api = api;
        this.balancerLayout = balancerLayout;
        this.probe = probe;
    }

    public Result run(Cluster cluster, Progress progress) throws Exception {
        KeepalivedRenderer.requireRenderable(cluster);
        String ip = cluster.balancer().failover().reservedIp();
        int port = cluster.balancer().httpPort();
        List<Server> lbs = cluster.balancerServers();
        progress.step("who holds " + ip);
        ReservedIp before = api.get(ip).orElseThrow(() -> new FailoverException("the DigitalOcean account has no reserved IP " + ip));
        Server active = lbs.stream().filter(s -> before.dropletId() != null && String.valueOf(before.dropletId()).equals(s.dropletId()))
                .findFirst().orElseThrow(() -> new FailoverException(ip + " is held by " + (before.dropletId() == null ? "no droplet"
                        : "droplet " + before.dropletId()) + ", not by a balancer; run `orrery balancer failover setup` first"));
        Server standby = lbs.get(0) == active ? lbs.get(1) : lbs.get(0);
        if (!probe.answers(ip, port)) {
            throw new FailoverException(ip + ":" + port + " does not answer now; a drill needs a working cluster to start from");
        }
        String kind = cluster.balancer().kind().name().toLowerCase(java.util.Locale.ROOT);
        Host host = hosts.hostFor(active);
        progress.serverStep(active.name(), "drill: " + kind + " stopped", true);
        long t0 = System.nanoTime();
        try {
            host.run(BalancerCommands.hardStop(cluster.balancer().kind(), balancerLayout));
            progress.log("stopped " + kind + " on " + active.name() + "; waiting for " + standby.name() + " to take " + ip);
            while (true) {
                long elapsed = (System.nanoTime() - t0) / 1_000_000;
                if (holds(ip, standby) && probe.answers(ip, port)) {
                    progress.log(ip + " answers from " + standby.name() + " after " + elapsed + " ms");
                    return new Result(cluster.name(), active.name(), standby.name(), ip, elapsed, kind);
                }
                if (elapsed > GIVE_UP_MS) {
                    throw new FailoverException(ip + " did not move to " + standby.name() + " within " + GIVE_UP_MS / 1000
                            + " s; check keepalived there (`journalctl -u keepalived`, " + HaLayout.droplet().stateFile() + ")");
                }
                progress.checkCancelled();
                Thread.sleep(50);
            }
        } finally {
            restore(cluster, active, host, progress);
        }
    }

    private boolean holds(String ip, Server s) {
        try {
            return api.get(ip).map(r -> r.dropletId() != null && String.valueOf(r.dropletId()).equals(s.dropletId())).orElse(false);
        } catch (RuntimeException e) {
            return false; // the API hiccuped: ask again on the next round
        }
    }

    private void restore(Cluster cluster, Server s, Host host, Progress progress) throws Exception {
        try {
            if (!host.exec(BalancerCommands.running(balancerLayout), LineListener.IGNORE).ok()) {
                host.run(BalancerCommands.start(cluster.balancer().kind(), balancerLayout));
            }
            progress.serverDone(s.name(), "restored; standing by");
            progress.log("started the balancer on " + s.name() + " again; it stands by (keepalived does not take the address back)");
        } catch (Exception e) {
            progress.serverDone(s.name(), "NOT restored");
            throw new FailoverException("the drill could not start the balancer on " + s.name() + " again: " + e.getMessage()
                    + "; start it by hand (`systemctl start " + cluster.balancer().kind().name().toLowerCase(java.util.Locale.ROOT) + "`)");
        }
    }
}
