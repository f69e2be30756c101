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

    @Override
    public void undrain(Server server, Progress progress) throws Exception {
        new ProxyDrain(balancer, layout).undrain(cluster, server.name(), progress);
    }

    /** {@code scur} of BACKEND/SERVER in {@code show stat} CSV, or -1 when the line is missing. */
    static int currentSessions(String csv, String backend, String server) {
        for (String line : csv.split("\n")) {
            String[] f = line.split(",", -1);
            if (f.length > 4 && f[0].equals(backend) && f[1].equals(server)) {
                return f[4].isEmpty() ? 0 : Integer.parseInt(f[4]);
            }
        }
        return -1;
    }
}
