package dev.orrery.cli;

import dev.orrery.health.HealthMonitor;
import dev.orrery.health.HealthTargets;
import dev.orrery.health.HealthState;
import dev.orrery.health.ProbeResult;
import dev.orrery.health.ServerHealth;
import dev.orrery.model.Cluster;
import dev.orrery.model.HealthCheck;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * {@code orrery health CLUSTER.json [--once] [--route auto|direct|balancer] [--seconds N]}: probes
 * every app server's health URL with the cluster's check settings and prints a table (server,
 * state, rise, fall, last latency, last change) each interval. {@code --once} waits until every
 * server's state is decided (or a bounded deadline), prints once and exits 0 only if every app
 * server is up. The route: {@code auto} (the default) probes directly when the servers answer
 * from here, else through the balancer's SSH connection (port forwarding); the host key must
 * already be known (Orrery's known_hosts or ~/.ssh/known_hosts): this command never prompts.
 */
final class HealthCommand implements CliCommand {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    @Override
    public String name() {
        return "health";
    }

    @Override
    public String usage() {
        return "health CLUSTER.json [--once] [--route auto|direct|balancer]  probe the app servers live; --once: exit 0 only if all are up";
    }

    @Override
    public int run(List<String> args, CliContext ctx) throws Exception {
        boolean once = false;
        long seconds = -1;
        String routeArg = "auto";
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--once")) {
                once = true;
            } else if (a.equals("--seconds") && i + 1 < args.size()) {
                try {
                    seconds = Long.parseLong(args.get(++i));
                } catch (NumberFormatException e) {
                    throw new UsageException("--seconds needs a whole number (got \"" + args.get(i) + "\")");
                }
            } else if (a.equals("--route") && i + 1 < args.size()) {
                routeArg = args.get(++i);
                if (!List.of("auto", "direct", "balancer").contains(routeArg)) {
                    throw new UsageException("--route must be auto, direct or balancer (got \"" + routeArg + "\")");
                }
            } else if (a.startsWith("--")) {
                throw new UsageException("unknown option " + a + "; usage: " + usage());
            }
        }
        Cluster cluster = ClusterArg.load(positional(args), usage());
        if (cluster.appServers().isEmpty()) {
            ctx.err().println("orrery health: cluster " + cluster.name() + " has no app servers to probe");
            return 1;
        }
        HealthCheck hc = cluster.balancer().healthCheck();
        HealthTargets.Monitored monitored = ctx.orrery().monitor(cluster, HealthTargets.Route.parse(routeArg));
        try (HealthMonitor monitor = monitored.monitor()) {
            ctx.out().printf("probing %d app servers at GET :%d%s every %d ms (rise %d, fall %d, timeout %d ms)%n",
                    monitor.serverNames().size(), cluster.app().port(), hc.path(), hc.intervalMs(), hc.rise(), hc.fall(), hc.timeoutMs());
            ctx.out().println("route: " + monitored.route().get());
            monitor.start();
            return once ? once(monitor, hc, ctx) : live(monitor, hc, ctx, seconds);
        }
    }

    /** The arguments that are not options or option values. */
    private static List<String> positional(List<String> args) {
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--seconds") || a.equals("--route")) {
                i++;
            } else if (!a.startsWith("--")) {
                out.add(a);
            }
        }
        return out;
    }

    /** Worst case for every state to be decided: rise + fall probes, each at most one period apart. */
    static long onceDeadlineMs(HealthCheck hc) {
        long period = (long) hc.intervalMs() * Math.max(1, (hc.timeoutMs() + hc.intervalMs() - 1) / hc.intervalMs());
        return (hc.rise() + hc.fall() + 1L) * period + hc.timeoutMs() + 2000;
    }

    private int once(HealthMonitor monitor, HealthCheck hc, CliContext ctx) throws InterruptedException {
        long deadline = System.nanoTime() + onceDeadlineMs(hc) * 1_000_000;
        List<ServerHealth> snap = monitor.snapshot();
        while (System.nanoTime() < deadline && snap.stream().anyMatch(h -> h.state() == HealthState.CHECKING)) {
            Thread.sleep(50);
            snap = monitor.snapshot();
        }
        ctx.out().print(table(snap, monitor.nowMillis()));
        long up = snap.stream().filter(h -> h.state() == HealthState.UP).count();
        ctx.out().println(up + " of " + snap.size() + " app servers up");
        return up == snap.size() ? 0 : 1;
    }

    private int live(HealthMonitor monitor, HealthCheck hc, CliContext ctx, long seconds) throws InterruptedException {
        boolean terminal = System.console() != null && ctx.out() == System.out;
        long end = seconds >= 0 ? System.nanoTime() + seconds * 1_000_000_000L : Long.MAX_VALUE;
        while (System.nanoTime() < end) {
            Thread.sleep(hc.intervalMs());
            if (terminal) {
                ctx.out().print("\033[H\033[2J");
            }
            ctx.out().println("-- " + TIME.format(Instant.ofEpochMilli(monitor.nowMillis())) + " (Ctrl-C to stop)");
            ctx.out().print(table(monitor.snapshot(), monitor.nowMillis()));
            ctx.out().flush();
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
