package dev.orrery.deploy;

import dev.orrery.model.Cluster;
import dev.orrery.model.Server;
import dev.orrery.proxy.BalancerCommands;
import dev.orrery.proxy.BalancerLayout;
import dev.orrery.proxy.ProxyDrain;
import dev.orrery.remote.Host;
import dev.orrery.remote.LineListener;
import dev.orrery.task.Progress;

import java.time.Duration;

/**
 * Drains through HAProxy's runtime API ({@code set server crater/app-2 state drain}): no reload,
 * so no client connection is cut; then waits until HAProxy's own count of the server's current
 * sessions ({@code show stat}, column 4 {@code scur}) is zero, bounded, and says what it saw.
 */
public final class HaproxyRuntimeDrain implements BalancerControl {
    private final Host balancer;
    private final BalancerLayout layout;
    private final Cluster cluster;

    public HaproxyRuntimeDrain(Host balancer, BalancerLayout layout, Cluster cluster) {
        if (layout.statsSocket() == null) {
            throw new IllegalArgumentException("the HAProxy layout has no stats socket, so it cannot be drained without a reload");
        }
        this.balancer = balancer;
        this.layout = layout;
        this.cluster = cluster;
    }

    @Override
    public String describe() {
        return "HAProxy runtime API (drain without reload)";
    }

    @Override
    public void drain(Server server, Progress progress) throws Exception {
        new ProxyDrain(balancer, layout).drain(cluster, server.name(), progress);
    }

    @Override
    public String awaitIdle(Server server, Duration max, Progress progress) throws Exception {
        long start = System.nanoTime();
        long end = start + max.toNanos();
        boolean socat = balancer.exec(BalancerCommands.hasSocat(), LineListener.IGNORE).ok();
        int sessions = -1;
        while (true) {
            StringBuilder csv = new StringBuilder();
            balancer.run(BalancerCommands.runtimeApi(layout.statsSocket(), "show stat", socat), l -> csv.append(l).append('\n'));
            sessions = currentSessions(csv.toString(), cluster.name(), server.name());
            long ms = (System.nanoTime() - start) / 1_000_000;
            if (sessions == 0) {
                return "HAProxy: 0 sessions open to " + server.name() + " after " + ms + " ms";
            }
            if (System.nanoTime() > end) {
                return "HAProxy: still " + sessions + " session(s) open to " + server.name() + " after " + ms + " ms; going on (they end when the app stops)";
            }
            Thread.sleep(100);
        }
    }

    /**
     * Sets the server ready, then waits (bounded) until HAProxy's own health checks see it UP: its
     * checks marked it DOWN while it restarted, and the next server must not leave rotation while
     * this one is still down in HAProxy's eyes.
     */
    @Override
    public void undrain(Server server, Progress progress) throws Exception {
        new ProxyDrain(balancer, layout).undrain(cluster, server.name(), progress);
        long start = System.nanoTime();
        long end = start + UP_DEADLINE.toNanos();
        boolean socat = balancer.exec(BalancerCommands.hasSocat(), LineListener.IGNORE).ok();
        String status = "?";
        while (System.nanoTime() < end) {
            StringBuilder csv = new StringBuilder();
            balancer.run(BalancerCommands.runtimeApi(layout.statsSocket(), "show stat", socat), l -> csv.append(l).append('\n'));
            status = field(csv.toString(), cluster.name(), server.name(), 17);
            if (status.startsWith("UP")) {
                progress.log(server.name() + ": HAProxy sees it " + status + " after " + (System.nanoTime() - start) / 1_000_000 + " ms");
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("HAProxy still sees " + server.name() + " as " + status + " " + UP_DEADLINE.toSeconds() + " s after it was set ready");
    }

    private static final Duration UP_DEADLINE = Duration.ofSeconds(60);

    /** {@code scur} of BACKEND/SERVER in {@code show stat} CSV, or -1 when the line is missing. */
    static int currentSessions(String csv, String backend, String server) {
        String v = field(csv, backend, server, 4);
        return v.equals("?") ? -1 : v.isEmpty() ? 0 : Integer.parseInt(v);
    }

    /** Column {@code index} of BACKEND/SERVER in {@code show stat} CSV, or "?" when the line is missing. */
    static String field(String csv, String backend, String server, int index) {
        for (String line : csv.split("\n")) {
            String[] f = line.split(",", -1);
            if (f.length > index && f[0].equals(backend) && f[1].equals(server)) {
                return f[index];
            }
        }
        return "?";
    }
}
