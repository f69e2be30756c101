package dev.orrery.cli;

import dev.orrery.engine.state.LiveClusterState;
import dev.orrery.engine.state.LiveSnapshot;
import dev.orrery.engine.state.LockInfo;
import dev.orrery.engine.state.Look;
import dev.orrery.engine.state.ServerLive;
import dev.orrery.engine.state.ServerLook;
import dev.orrery.health.HealthTargets;
import dev.orrery.model.Cluster;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code orrery status CLUSTER.json [--json]}: every server with the word the window shows for it
 * ({@link ServerLook}, the same function), its health after the probes have decided (as
 * {@code health --once}), its release, what a job is doing on it, and the deploy lock; for a
 * DigitalOcean Load Balancer its status from the API, for a failover pair the reserved IP and
 * which balancer holds it ({@link StatusBalancer}, through the same function).
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Each server's state, health, release and activity, and the deploy lock.",
                "The state is the word the window shows. The app servers are probed until every state is decided, at most --timeout."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the status was printed (whatever it says)", "1:the cluster file or the lock cannot be read",
                "2:the command line was wrong"})
final class StatusCommand extends CliBase {
    @Parameters(index = "0", paramLabel = ClusterArg.LABEL, description = ClusterArg.DESCRIPTION)
    Path file;

    @Option(names = "--json", description = "Print JSON (shape in the README) instead of a table.")
    boolean json;

    @Option(names = "--route", paramLabel = "ROUTE", defaultValue = "auto", completionCandidates = HealthCommand.RouteWords.class,
            description = "How probes reach the app servers: auto, direct or balancer (as for health). Default: ${DEFAULT-VALUE}.")
    String routeWord;

    Duration timeout = HealthCommand.DEFAULT_TIMEOUT;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "The longest wait for the probes' verdict: 60, 90s, 2m … (1 s to 1 h). Default: 60 s.")
    void timeout(Duration d) {
        timeout = DurationConverter.inRange(spec.commandLine(), "--timeout", d, Duration.ofSeconds(1), Duration.ofHours(1));
    }

    @Override
    protected int execute() throws Exception {
        HealthTargets.Route route = HealthCommand.route(spec.commandLine(), routeWord);
        Cluster cluster = ClusterArg.load(file);
        LiveClusterState live = ctx().orrery().live(cluster.name());
        live.setCluster(cluster);
        // The lock lives on the balancer: when that cannot be reached, the rest of the status
        // matters most, so it is printed and the lock is said to be unknown.
        String lockError = null;
        try {
            Optional<LockInfo> lock = ctx().orrery().lockReader().read(cluster);
            live.setLock(lock.orElse(null));
        } catch (Exception e) {
            lockError = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
        }
        HealthOnce.Result health = null;
        if (!HealthTargets.probed(cluster).isEmpty()) {
            health = HealthOnce.run(ctx(), cluster, route, timeout, live, (m, how) -> { });
        }
        StatusBalancer balancer = StatusBalancer.read(ctx().orrery(), cluster, live);
        LiveSnapshot snap = live.snapshot();
        if (json) {
            JsonOutput.print(ctx(), JsonShapes.Status.of(snap, health, lockError, balancer));
        } else {
            print(snap, health, lockError);
            balancer.print(ctx().out(), snap.nowMs());
        }
        String late = health == null ? null : HealthOnce.timeoutMessage(health, timeout);
        if (late != null) {
            ctx().err().println("orrery status: " + late);
        }
        if (lockError != null) {
            ctx().err().println("orrery status: " + (lockError.startsWith("cannot read") ? lockError : "cannot read the cluster's lock: " + lockError));
            return 1;
        }
        return 0;
    }

    private void print(LiveSnapshot snap, HealthOnce.Result health, String lockError) {
        Cluster c = snap.cluster();
        ctx().out().println("cluster " + c.name() + " — app " + c.app().name() + ", balancer " + c.balancer().kind().label()
                + (c.balancer().failover() != null ? " (failover pair)" : "")
                + (health != null ? ", probed " + health.route() : ", no app server to probe"));
        TextTable t = new TextTable("SERVER", "ROLE", "STATE", "HEALTH", "RELEASE", "ACTIVITY");
        for (ServerLive s : snap.servers()) {
            Look look = snap.look(s);
            t.row(s.name(), s.role().label(), look.word(), healthWord(s), s.releaseLabel(),
                    s.activity() == null ? null : s.activity().kind().doing() + " · " + s.activity().step());
        }
        ctx().out().print(t);
        LockInfo lock = snap.lock();
        ctx().out().println("deploy lock: " + (lockError != null ? "unknown (" + lockError + ")" : lock == null ? "free"
                : "held by " + lock.describe() + " since " + Instant.ofEpochMilli(lock.sinceMs())));
    }

    /** The probes' verdict and last result, or why there is none. */
    static String healthWord(ServerLive s) {
        if (!s.probed()) {
            return "not probed";
        }
        if (s.health() == null) {
            return "no verdict";
        }
        return s.health().word() + (s.healthDetail() != null ? " (" + s.healthDetail() + ")" : "");
    }
}
