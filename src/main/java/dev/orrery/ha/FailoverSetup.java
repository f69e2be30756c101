package dev.orrery.ha;

import dev.orrery.cloud.ReservedIps;
import dev.orrery.model.Cluster;
import dev.orrery.model.ClusterValidator;
import dev.orrery.model.InvalidClusterException;
import dev.orrery.model.Problem;
import dev.orrery.model.Server;
import dev.orrery.remote.ExecResult;
import dev.orrery.remote.Host;
import dev.orrery.remote.HostResolver;
import dev.orrery.remote.LineListener;
import dev.orrery.task.Progress;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Installs failover on a cluster's two balancers: claims the reserved IP ({@link ReservedIpClaim}),
 * records it in the cluster file, then on each balancer in turn — the one holding the address
 * first, so the first election keeps it where it is — writes the check and notify scripts and the
 * token (0600, over SFTP), writes the configuration beside the live one, has {@code keepalived -t}
 * check it, moves it into place and starts or reloads keepalived, and waits until keepalived
 * reports a state through the notify script.
 *
 * <p>A configuration keepalived refuses is removed and the live one stays; a balancer not reached
 * yet keeps what it had. keepalived never touches nginx or HAProxy, so the balancers serve
 * throughout.
 */
public final class FailoverSetup {

    /** Writes the claimed address into the cluster file. */
    public interface IpSaver {
        void save(String reservedIp) throws Exception;
    }

    /** What the setup did: the address, how it was claimed, and each balancer's keepalived state afterwards. */
    public record Result(String reservedIp, String how, String holder, Map<String, KeepalivedState> states) {
    }

    /** How long a freshly started keepalived may take to report its first state (three missed adverts, then the script). */
    static final long STATE_WAIT_MS = 20_000;

    private final HostResolver hosts;
    private final ReservedIps api;
    private final String apiBase;
    private final HaLayout layout;
    private final BalancerToken token;
    private final IpSaver saver;

    public FailoverSetup(HostResolver hosts, ReservedIps api, String apiBase, HaLayout layout, BalancerToken token, IpSaver saver) {
        this.hosts = hosts;
        this.api = api;
        this.apiBase = apiBase;
        this.layout = layout;
        this.token = token;
        this.saver = saver;
    }

    public Result run(Cluster cluster, Progress progress) throws Exception {
        List<Problem> problems = new ArrayList<>(ClusterValidator.validate(cluster));
        if (cluster.balancer().failover() == null) {
            problems.add(new Problem("balancer.failover", "is not set: add it (and a second balancer) to the cluster file first"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidClusterException(problems);
        }
        KeepalivedRenderer renderer = new KeepalivedRenderer(layout, apiBase); // refuses a bad API URL before anything moves
        // Both balancers have keepalived before the reserved IP is claimed or either is configured:
        // a failed install changes nothing else.
        for (Server s : cluster.balancerServers()) {
            progress.checkCancelled();
            ensureInstalled(s, progress);
        }
        progress.step("reserved IP");
        ReservedIpClaim.Result claim = ReservedIpClaim.claim(api, cluster, progress);
        Cluster withIp = cluster;
        if (!claim.ip().equals(cluster.balancer().failover().reservedIp())) {
            withIp = cluster.withBalancer(cluster.balancer().withFailover(cluster.balancer().failover().withReservedIp(claim.ip())));
            KeepalivedRenderer.requireRenderable(withIp);
            saver.save(claim.ip());
            progress.log("cluster file: balancer.failover.reservedIp = " + claim.ip());
        }
        List<Server> order = new ArrayList<>(withIp.balancerServers());
        if (String.valueOf(claim.holder()).equals(order.get(1).dropletId())) {
            java.util.Collections.reverse(order);
        }
        Map<String, KeepalivedState> states = new LinkedHashMap<>();
        for (Server s : order) {
            progress.checkCancelled();
            progress.serverStep(s.name(), "failover setup", false);
            states.put(s.name(), install(withIp, s, renderer.render(withIp, s.name()), progress));
            progress.serverDone(s.name(), "keepalived " + states.get(s.name()).state());
        }
        return new Result(claim.ip(), claim.how(), ReservedIpClaim.nameOf(withIp.balancerServers(), claim.holder()), states);
    }

    private KeepalivedState install(Cluster cluster, Server s, KeepalivedRenderer.Files files, Progress progress) throws Exception {
        Host host = hosts.hostFor(s);
        host.run(FailoverCommands.folders(layout));
        host.write(files.checkScript().getBytes(StandardCharsets.UTF_8), layout.checkScript(), 0700);
        host.write(files.notifyScript().getBytes(StandardCharsets.UTF_8), layout.notifyScript(), 0700);
        host.write(token.fileBytes(), layout.tokenFile(), 0600);
        progress.log(s.name() + ": scripts and the token (0600) in " + layout.dir());
        host.write(files.config().getBytes(StandardCharsets.UTF_8), layout.candidatePath(), 0644);
        ExecResult check = host.exec(FailoverCommands.validate(layout.candidatePath()), LineListener.IGNORE);
        if (!check.ok()) {
            host.exec(FailoverCommands.remove(layout.candidatePath()), LineListener.IGNORE);
            throw new FailoverException("keepalived -t refused the configuration for " + s.name() + " (its live one is unchanged):\n"
                    + check.output());
        }
        host.run(FailoverCommands.moveIntoPlace(layout.candidatePath(), layout.configPath()));
        host.run(FailoverCommands.reloadOrStart(layout));
        progress.log(s.name() + ": keepalived -t passed; keepalived runs " + layout.configPath());
        return awaitState(host, s, progress);
    }

    /**
     * Installs keepalived and curl with apt-get where either is missing (through sudo for a login
     * user other than root, like every command), and says clearly when that fails.
     */
    void ensureInstalled(Server s, Progress progress) throws Exception {
        Host host = hosts.hostFor(s);
        List<String> missing = java.util.Arrays.stream(host.run(FailoverCommands.missing()).output().strip().split("\\s+"))
                .filter(p -> !p.isEmpty()).toList();
        if (missing.isEmpty()) {
            return;
        }
        progress.step(s.name() + " · apt-get install " + String.join(" ", missing));
        ExecResult r = host.exec(FailoverCommands.install(missing), progress::log);
        if (!r.ok()) {
            throw new FailoverException("`apt-get install -y " + String.join(" ", missing) + "` failed on " + s.name() + " (exit "
                    + r.exitCode() + "):\n  " + String.join("\n  ", r.lastLines()) + "\nNo balancer was configured for failover; install "
                    + String.join(" and ", missing) + " on " + s.name() + " by hand (or fix its package sources) and run the setup again");
        }
        if (!host.exec(FailoverCommands.installed(), LineListener.IGNORE).ok()) {
            throw new FailoverException("apt-get installed " + String.join(" ", missing) + " on " + s.name()
                    + " but keepalived or curl is still not on root's PATH there; no balancer was configured for failover");
        }
        progress.log(s.name() + ": installed " + String.join(" ", missing) + " with apt-get");
    }

    /** Polls the notify script's state file until keepalived has reported one (a freshly started one needs a few seconds). */
    private KeepalivedState awaitState(Host host, Server s, Progress progress) throws Exception {
        long deadline = System.nanoTime() + STATE_WAIT_MS * 1_000_000;
        while (true) {
            KeepalivedState st = read(host, layout);
            if (!st.state().equals("UNKNOWN")) {
                return st;
            }
            if (System.nanoTime() > deadline) {
                throw new FailoverException("keepalived on " + s.name() + " started but reported no state within "
                        + STATE_WAIT_MS / 1000 + " s; see `journalctl -u keepalived` there");
            }
            progress.checkCancelled();
            Thread.sleep(250);
        }
    }

    /** A balancer's keepalived state, read over SSH; UNKNOWN when it cannot be read. */
    public static KeepalivedState read(Host host, HaLayout layout) {
        try {
            ExecResult r = host.exec(FailoverCommands.state(layout), LineListener.IGNORE);
            return r.ok() ? KeepalivedState.parse(r.output().lines().reduce((a, b) -> b).orElse("")) : KeepalivedState.UNKNOWN;
        } catch (RuntimeException | dev.orrery.remote.RemoteException e) {
            return KeepalivedState.UNKNOWN;
        }
    }
}
