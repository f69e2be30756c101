package dev.orrery.bench;

import dev.orrery.it.Spawned;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.Stickiness;
import dev.orrery.proxy.BalancerCommands;
import dev.orrery.proxy.BalancerRig;
import dev.orrery.proxy.HaproxyStatParser;
import dev.orrery.proxy.PeerState;
import dev.orrery.proxy.PeerStatus;
import dev.orrery.proxy.ProxyDrain;
import dev.orrery.proxy.ProxyPush;
import dev.orrery.proxy.RawHttp;
import dev.orrery.remote.LineListener;
import dev.orrery.task.Progress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Kill one of three app servers (SIGKILL) under steady, bounded load of keep-alive GETs and POSTs
 * through the balancer, with a client that never retries, and print how many of each failed and
 * how long the balancer kept sending to the dead server. Three setups on the test hosts:
 * stock nginx (passive checks only), stock nginx plus an out-of-band probe that drains the dead
 * server the way Orrery's health engine would (probe every 500 ms, 2 failures → {@link ProxyDrain}),
 * and HAProxy (active checks, inter 500 rise 2 fall 2).
 *
 * Two ways to lose the server: its process is killed (connects are refused at once) or its
 * host drops off the network (connects time out: {@code proxy_connect_timeout} / {@code timeout connect},
 * which Orrery sets to the health check's timeout instead of nginx's default 60 s).
 *
 * <p>Run as root: {@code mvn -o -q -Pit test-compile dependency:build-classpath -Dmdep.outputFile=target/it-cp.txt
 * && java -cp target/test-classes:target/classes:$(cat target/it-cp.txt) dev.orrery.bench.KillUnderLoadBenchmark}
 */
public final class KillUnderLoadBenchmark {

    static final int CLIENTS = 8;
    static final long PACE_MS = 10;           // per client: at most 100 requests/s, 800/s in all
    static final long BEFORE_KILL_MS = 5_000;
    static final long AFTER_KILL_MS = 25_000;
    static final int MAX_REQUESTS = 60_000;   // hard bound on the whole run
    static final int APP_DELAY_MS = 50;       // each request is work in flight for 50 ms, like a Meteor method

    record Result(String setup, int gets, int posts, int failedGets, int failedPosts, String deadServerTries, String firstFailures) { }

    public static void main(String[] args) throws Exception {
        List<Result> results = new ArrayList<>();
        // Optional argument: run only the setups whose name contains it, e.g. "drain" or "host cut".
        String only = args.length > 0 ? args[0] : "";
        for (boolean cut : new boolean[] {false, true}) {
            for (int setup = 0; setup < 3; setup++) {
                BalancerKind kind = setup == 2 ? BalancerKind.HAPROXY : BalancerKind.NGINX;
                if (name(kind, setup == 1, cut).contains(only)) {
                    results.add(run(kind, setup == 1, cut));
                }
            }
        }
        System.out.println();
        System.out.printf("%-32s %8s %8s %11s %12s  %s%n", "setup", "GETs", "POSTs", "failed GET", "failed POST", "dead server tried (s after kill)");
        for (Result r : results) {
            System.out.printf("%-32s %8d %8d %11d %12d  %s%n", r.setup, r.gets, r.posts, r.failedGets, r.failedPosts, r.deadServerTries);
        }
        for (Result r : results) {
            System.out.println(r.setup + " failures (ms after kill): " + r.firstFailures);
        }
    }

    static String name(BalancerKind kind, boolean orreryDrain, boolean cutNetwork) {
        return (kind == BalancerKind.HAPROXY ? "haproxy (active checks)"
                : orreryDrain ? "nginx + out-of-band drain" : "nginx stock (passive)") + (cutNetwork ? ", host cut" : ", app killed");
    }

    static Result run(BalancerKind kind, boolean orreryDrain, boolean cutNetwork) throws Exception {
        String setup = name(kind, orreryDrain, cutNetwork);
        System.out.println("== " + setup);
        try (BalancerRig rig = newRig(kind)) {
            rig.restartApps("DELAY_MS=" + APP_DELAY_MS);
            Cluster cluster = rig.cluster(Stickiness.NONE);
            new ProxyPush(rig.balancer, rig.layout).push(cluster, Progress.NONE);
            String dead = rig.hosts.get(2).address();

            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger total = new AtomicInteger();
            AtomicInteger gets = new AtomicInteger();
            AtomicInteger posts = new AtomicInteger();
            AtomicInteger failedGets = new AtomicInteger();
            AtomicInteger failedPosts = new AtomicInteger();
            List<Long> failureTimes = new CopyOnWriteArrayList<>();
            long[] killedAt = {Long.MAX_VALUE};
            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                Thread t = new Thread(() -> load(rig, stop, total, gets, posts, failedGets, failedPosts, failureTimes, killedAt), "load-" + c);
                t.start();
                threads.add(t);
            }
            Thread.sleep(BEFORE_KILL_MS);
            Spawned victim = rig.apps.get(1);
            LocalDateTime killWall = LocalDateTime.now();
            killedAt[0] = System.nanoTime();
            if (cutNetwork) {
                // The droplet vanishes: packets to it go nowhere, so connects time out instead of being refused.
                rig.hosts.get(2).exec("ip", "link", "set", "eth0", "down").orThrow("cut app-2's network");
            } else {
                victim.kill();
            }

            List<Long> downAt = new ArrayList<>();
            Thread watcher = orreryDrain ? probeAndDrain(rig, cluster, dead, killedAt[0], downAt)
                    : kind == BalancerKind.HAPROXY ? watchHaproxy(rig, cluster, killedAt[0], downAt) : null;
            Thread.sleep(AFTER_KILL_MS);
            stop.set(true);
            for (Thread t : threads) {
                t.join(30_000);
            }
            if (watcher != null) {
                watcher.interrupt();
                watcher.join(10_000);
            }
            String tries = kind == BalancerKind.NGINX ? nginxTries(rig, dead, killWall, downAt)
                    : "until marked DOWN at " + (downAt.isEmpty() ? "never" : String.format("%.2f", downAt.get(0) / 1000.0)) + " (then health checks only)";
            if (cutNetwork) {
                // Reconnect the host before teardown: sockets still trying to reach it would keep its
                // namespace (and its veth) alive for minutes and block the next run's slot.
                rig.hosts.get(2).exec("ip", "link", "set", "eth0", "up");
            }
            List<Long> first = failureTimes.stream().sorted().limit(30).toList();
            System.out.printf("   GETs %d (failed %d), POSTs %d (failed %d); dead server: %s%n", gets.get(), failedGets.get(),
                    posts.get(), failedPosts.get(), tries);
            return new Result(setup, gets.get(), posts.get(), failedGets.get(), failedPosts.get(), tries, first.toString());
        }
    }

    /**
     * The previous run's veth pair may still be on its way out when its slot is handed out again
     * ("File exists"); wait a little and try again rather than lose the run.
     */
    static BalancerRig newRig(BalancerKind kind) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return new BalancerRig(kind, 3, 0);
            } catch (IllegalStateException e) {
                if (attempt >= 4 || !String.valueOf(e.getMessage()).contains("File exists")) {
                    throw e;
                }
                System.out.println("   test hosts not ready (" + e.getMessage().lines().findFirst().orElse("") + "), retrying");
                Thread.sleep(5_000L * attempt);
            }
        }
    }

    /** One keep-alive connection per client, GET and POST alternating; no retry: a failure is counted and the connection reopened. */
    static void load(BalancerRig rig, AtomicBoolean stop, AtomicInteger total, AtomicInteger gets, AtomicInteger posts,
                     AtomicInteger failedGets, AtomicInteger failedPosts, List<Long> failureTimes, long[] killedAt) {
        RawHttp conn = null;
        boolean post = Thread.currentThread().getName().hashCode() % 2 == 0;
        while (!stop.get() && total.incrementAndGet() <= MAX_REQUESTS) {
            long start = System.nanoTime();
            post = !post;
            (post ? posts : gets).incrementAndGet();
            boolean failed;
            try {
                if (conn == null) {
                    conn = new RawHttp(null, rig.balancerAddress(), 80, 10_000);
                }
                RawHttp.Response r = conn.send(post ? "POST" : "GET", "/load", post ? "payload-" + start : null, true);
                failed = r.status() >= 500;
                if ("close".equalsIgnoreCase(r.headers().get("connection"))) {
                    conn.close();
                    conn = null;
                }
            } catch (IOException e) {
                failed = true;
            }
            if (failed) {
                (post ? failedPosts : failedGets).incrementAndGet();
                failureTimes.add((System.nanoTime() - killedAt[0]) / 1_000_000);
                try {
                    if (conn != null) {
                        conn.close();
                    }
                } catch (IOException ignored) {
                    // already broken
                }
                conn = null;
            }
            long left = PACE_MS - (System.nanoTime() - start) / 1_000_000;
            if (left > 0) {
                try {
                    Thread.sleep(left);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
        try {
            if (conn != null) {
                conn.close();
            }
        } catch (IOException ignored) {
            // done
        }
    }

    /** What Orrery's health engine does for stock nginx: probe /health out of band, drain after `fall` failures. */
    static Thread probeAndDrain(BalancerRig rig, Cluster cluster, String dead, long killedAt, List<Long> downAt) {
        Thread t = new Thread(() -> {
            int failures = 0;
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    try (RawHttp probe = new RawHttp(null, dead, BalancerRig.APP_PORT, cluster.balancer().healthCheck().timeoutMs())) {
                        failures = probe.send("GET", "/health", null, false).status() == 200 ? 0 : failures + 1;
                    } catch (IOException e) {
                        failures++;
                    }
                    if (failures >= cluster.balancer().healthCheck().fall()) {
                        long t0 = System.nanoTime();
                        Progress timing = new Progress() {
                            @Override public void step(String name) {
                                System.out.printf("   %6d ms  %s%n", (System.nanoTime() - t0) / 1_000_000, name);
                            }
                            @Override public void fraction(double done) { }
                            @Override public void log(String line) { }
                            @Override public boolean cancelled() { return false; }
                        };
                        System.out.printf("   probe failed %d times at %d ms after the kill: draining%n", failures, (t0 - killedAt) / 1_000_000);
                        new ProxyDrain(rig.balancer, rig.layout).drain(cluster, "app-2", timing);
                        downAt.add((System.nanoTime() - killedAt) / 1_000_000);
                        return;
                    }
                    Thread.sleep(cluster.balancer().healthCheck().intervalMs());
                }
            } catch (InterruptedException e) {
                // stopped
            } catch (Exception e) {
                System.err.println("drain failed: " + e);
            }
        }, "probe");
        t.start();
        return t;
    }

    /** Polls HAProxy's own view until the dead server is DOWN. */
    static Thread watchHaproxy(BalancerRig rig, Cluster cluster, long killedAt, List<Long> downAt) {
        Thread t = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    StringBuilder csv = new StringBuilder();
                    rig.balancer.run(BalancerCommands.runtimeApi(rig.layout.statsSocket(), "show stat", false), l -> csv.append(l).append('\n'));
                    for (PeerStatus p : HaproxyStatParser.parse(csv.toString(), cluster)) {
                        if ("app-2".equals(p.server()) && p.state() == PeerState.DOWN) {
                            downAt.add((System.nanoTime() - killedAt) / 1_000_000);
                            return;
                        }
                    }
                    Thread.sleep(50);
                }
            } catch (InterruptedException e) {
                // stopped
            } catch (Exception e) {
                System.err.println("watch failed: " + e);
            }
        }, "watch");
        t.start();
        return t;
    }

    /** nginx logs every failed connect to the dead upstream (second resolution): the seconds at which it tried. */
    static String nginxTries(BalancerRig rig, String dead, LocalDateTime killWall, List<Long> downAt) throws IOException {
        Path log = rig.hosts.get(0).path("/var/log/nginx/error.log");
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss");
        TreeSet<Long> seconds = new TreeSet<>();
        int lines = 0;
        for (String l : Files.readAllLines(log)) {
            if (l.contains("upstream: \"http://" + dead + ":") && l.length() > 19) {
                LocalDateTime at = LocalDateTime.parse(l.substring(0, 19), f);
                long s = java.time.Duration.between(killWall.withNano(0), at).getSeconds();
                if (s >= 0) {
                    seconds.add(s);
                    lines++;
                }
            }
        }
        return lines + " failed tries at " + seconds + (downAt.isEmpty() ? "" : String.format("; drained (down + reload) at %.2f", downAt.get(0) / 1000.0));
    }
}
