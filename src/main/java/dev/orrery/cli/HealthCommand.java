package dev.orrery.cli;

import dev.orrery.health.HealthMonitor;
import dev.orrery.health.HealthTargets;
import dev.orrery.health.ProbeResult;
import dev.orrery.health.ServerHealth;
import dev.orrery.model.Cluster;
import dev.orrery.model.HealthCheck;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * {@code orrery health CLUSTER.json [--once [--timeout D] [--json]] [--route auto|direct|balancer] [--seconds N]}:
 * probes every app server's health URL with the cluster's check settings and prints a table each
 * interval. {@code --once} waits until every server's state is decided (at most {@code --timeout}),
 * prints once and exits 0 only if every app server is up. The route: {@code auto} probes directly
 * when the servers answer from here, else through the balancer's SSH connection (port forwarding);
 * the host key must already be known: this command never prompts.
 */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = {"Probe the app servers' health live (or --once).",
                "Probes every app server's health URL with the cluster's check settings (rise/fall counted as "
                + "nginx_upstream_check_module does) and prints a table every interval until Ctrl-C.",
                "With --once: wait until every server's state is decided, print once, exit 0 only if all are up."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:(--once) every app server is up", "1:(--once) a server is down or undecided when --timeout ends",
                "2:the command line was wrong", "130:interrupted"})
final class HealthCommand extends CliBase {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    @Parameters(index = "0", paramLabel = ClusterArg.LABEL, description = ClusterArg.DESCRIPTION)
    Path file;

    @Option(names = "--once", description = "Print once every state is decided, then exit.")
    boolean once;

    @Option(names = "--route", paramLabel = "ROUTE", defaultValue = "auto", completionCandidates = RouteWords.class,
            description = "How probes reach the servers: auto (direct when they answer from here, else through the balancer), "
                    + "direct or balancer. Default: ${DEFAULT-VALUE}.")
    String routeWord;

    Duration timeout = DEFAULT_TIMEOUT;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "(--once) The longest wait for a verdict: 60, 90s, 2m … (1 s to 1 h). Default: 60 s.")
    void timeout(Duration d) {
        timeout = DurationConverter.inRange(spec.commandLine(), "--timeout", d, Duration.ofSeconds(1), Duration.ofHours(1));
    }

    long seconds = -1;

    @Option(names = "--seconds", paramLabel = "N", description = "(live) Stop after N seconds instead of at Ctrl-C (0 to 1000000).")
    void seconds(int n) {
        seconds = Ranges.check(spec.commandLine(), "--seconds", n, 0, 1_000_000);
    }

    @Option(names = "--json", description = "(--once) Print JSON (shape in the README) instead of a table.")
    boolean json;

    /** What --route takes, for shell completion. */
    static final class RouteWords implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return List.of("auto", "direct", "balancer").iterator();
        }
    }

    static HealthTargets.Route route(CommandLine cmd, String word) {
        try {
            return HealthTargets.Route.parse(word);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cmd, "Invalid value for option '--route': expected auto, direct or balancer (got '" + word + "')");
        }
    }

    @Override
    protected int execute() throws Exception {
        HealthTargets.Route route = route(spec.commandLine(), routeWord);
        if (json && !once) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--json needs --once (the live table has no JSON form)");
        }
        Cluster cluster = ClusterArg.load(file);
        if (cluster.appServers().isEmpty()) {
            ctx().err().println("orrery health: cluster " + cluster.name() + " has no app servers to probe");
            return 1;
        }
        HealthCheck hc = cluster.balancer().healthCheck();
        if (once) {
            HealthOnce.Result r = HealthOnce.run(ctx(), cluster, route, timeout, null, (m, how) -> {
                if (!json) {
                    header(m, cluster, hc, how);
                }
            });
            String late = HealthOnce.timeoutMessage(r, timeout);
            if (json) {
                JsonOutput.print(ctx(), JsonShapes.Health.of(cluster, r));
            } else {
                ctx().out().print(table(r.rows(), r.nowMs()));
                ctx().out().println(r.up() + " of " + r.rows().size() + " app servers up");
            }
            if (late != null) {
                ctx().err().println("orrery health: " + late);
            }
            return r.up() == r.rows().size() && !r.rows().isEmpty() ? 0 : 1;
        }
        HealthTargets.Monitored monitored = ctx().orrery().monitor(cluster, route);
        try (HealthMonitor monitor = monitored.monitor()) {
            header(monitor, cluster, hc, monitored.route().get());
            monitor.start();
            return live(monitor, hc);
        }
    }

    private void header(HealthMonitor monitor, Cluster cluster, HealthCheck hc, String how) {
        ctx().out().printf("probing %d app servers at GET :%d%s every %d ms (rise %d, fall %d, timeout %d ms)%n",
                monitor.serverNames().size(), cluster.app().port(), hc.path(), hc.intervalMs(), hc.rise(), hc.fall(), hc.timeoutMs());
        ctx().out().println("route: " + how);
    }

    private int live(HealthMonitor monitor, HealthCheck hc) throws InterruptedException {
        boolean terminal = System.console() != null && ctx().terminal() == System.out;
        long end = seconds >= 0 ? System.nanoTime() + seconds * 1_000_000_000L : Long.MAX_VALUE;
        while (System.nanoTime() < end) {
            Thread.sleep(hc.intervalMs());
            if (terminal) {
                ctx().terminal().print("\033[H\033[2J");
                ctx().terminal().flush();
            }
            ctx().out().println("-- " + TIME.format(Instant.ofEpochMilli(monitor.nowMillis())) + " (Ctrl-C to stop)");
            ctx().out().print(table(monitor.snapshot(), monitor.nowMillis()));
            ctx().out().flush();
        }
        return 0;
    }

    static String table(List<ServerHealth> rows, long nowMs) {
        TextTable t = new TextTable("SERVER", "ADDRESS", "STATE", "RISE", "FALL", "LAST LATENCY", "LAST RESULT", "LAST CHANGE");
        for (ServerHealth h : rows) {
            ProbeResult last = h.last();
            t.row(h.name(), h.address(), h.state().word(), h.riseCount(), h.fallCount(),
                    last != null ? String.format(Locale.ROOT, "%.1f ms", last.latencyMs()) : null,
                    last != null ? resultText(last) : null,
                    TIME.format(Instant.ofEpochMilli(h.lastChangeMs())) + " (" + ago(nowMs - h.lastChangeMs()) + ")");
        }
        return t.toString();
    }

    static String resultText(ProbeResult r) {
        return r.describe().replaceFirst(" in [0-9.]+ ms$", "");
    }

    private static String ago(long ms) {
        long s = Math.max(0, ms / 1000);
        return s < 120 ? s + "s ago" : s < 7200 ? s / 60 + "m ago" : s / 3600 + "h ago";
    }
}
