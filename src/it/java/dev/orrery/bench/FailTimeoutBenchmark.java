package dev.orrery.bench;

import dev.orrery.deploy.DeployFixture;
import dev.orrery.deploy.LoadClient;
import dev.orrery.deploy.PassiveDrain;
import dev.orrery.deploy.Rollout;
import dev.orrery.it.LaptopLink;
import dev.orrery.it.TestHost;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.HealthCheck;
import dev.orrery.task.Progress;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Issue 21, "a shorter fail_timeout with a measured retry cost": for each candidate nginx
 * {@code fail_timeout} (the live config's {@code fail_timeout=} rewritten on the balancer, nginx
 * reloaded before any load), on 3 real app hosts behind real nginx:
 * <ol>
 * <li>(a) the wall time of two back-to-back small-change rollouts ({@link PassiveDrain} waiting
 *     fail_timeout + 1 s, as Orrery does), and (b) the failed requests of a steady keep-alive
 *     GET+POST load that never retries, run until at least 10,000 requests;</li>
 * <li>(c) the retry cost while app-1 is down and NOT drained, for {@code window} seconds under the
 *     same load: "refused" = its port answers SYN with a reset (a crashed app: nothing listens),
 *     "blackholed" = SYNs are dropped (a vanished host, or a frozen one): how many connection
 *     attempts per second nginx still makes to app-1, how many requests they touched, and those
 *     requests' time at nginx ({@code $request_time}: a blackholed attempt costs
 *     {@code proxy_connect_timeout}, which Orrery renders from the health check's timeout), read
 *     from nginx's access log ({@code $upstream_addr} lists every server tried).</li>
 * </ol>
 * Orrery's out-of-band health engine is not run here: with "act on health" on it renders the
 * server {@code down} within fall × interval + timeout (printed), after which nginx tries it no
 * more; with it off (the default) the cost in (c) goes on until the server is back.
 * Arguments: {@code [candidates (10,5,3,2)] [window s (20)]}. Run as root:
 * {@code java -cp "target/test-classes:target/classes:$(cat cp.txt)" dev.orrery.bench.FailTimeoutBenchmark 10,5,3,2 20}
 */
public final class FailTimeoutBenchmark {

    record Row(int failTimeout, long rollout1Ms, long rollout2Ms, long failed, long total, StepTimes steps, Cost refused, Cost blackholed) {
    }

    public static void main(String[] args) throws Exception {
        int[] candidates = Arrays.stream((args.length > 0 ? args[0] : "10,5,3,2").split(",")).mapToInt(Integer::parseInt).toArray();
        int window = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        List<Row> rows = new ArrayList<>();
        try (DeployFixture f = new DeployFixture(BalancerKind.NGINX, LaptopLink.UNSHAPED, 3)) {
            System.out.println("3 app servers, load average at start: " + FanOutBenchmark.loadAverage());
            f.rollout(new PassiveDrain(Duration.ZERO)).deploy(f.cluster, f.nodeRelease("warm", "VERSION=v0"), Progress.NONE);
            TestHost lb = f.testHost("lb-1");
            TestHost app1 = f.testHost("app-1");
            String app1Address = f.cluster.server("app-1").orElseThrow().internalAddress() + ":3000";
            int n = 0;
            for (int ft : candidates) {
                setFailTimeout(f, lb, ft);
                LoadClient load = new LoadClient(f.balancerAddress(), 80, 6, 15, 1_000_000).start();
                long t1;
                long t2;
                StepTimes steps = new StepTimes();
                try {
                    DeployBenchmark.waitFor(load, 300);
                    String lbKey = "fail-timeout-" + ft + "-" + System.nanoTime();
                    Path r1 = f.nodeRelease("ft" + ft + "a", "VERSION=v" + (++n));
                    Path r2 = f.nodeRelease("ft" + ft + "b", "VERSION=v" + (++n));
                    Rollout first = f.rollout(drain(ft), DeployFixture.options());
                    t1 = DeployBenchmark.timed(() -> first.deploy(f.cluster, r1, steps.begin()));
                    steps.end();
                    // a second deploy right after starts from the windows the first left open
                    Rollout second = f.rollout(drain(ft).rememberingWindowsOf(lbKey), DeployFixture.options());
                    t2 = DeployBenchmark.timed(() -> second.deploy(f.cluster, r2, Progress.NONE));
                    DeployBenchmark.waitFor(load, Math.max(10_000, load.total() + 300));
                } finally {
                    load.close();
                }
                report("fail_timeout " + ft + " s rollouts", load);
                Cost refused = downAndNotDrained(f, lb, app1, app1Address, "REJECT --reject-with tcp-reset", window, ft);
                Cost blackholed = downAndNotDrained(f, lb, app1, app1Address, "DROP", window, ft);
                rows.add(new Row(ft, t1, t2, load.failed.get(), load.total(), steps, refused, blackholed));
            }
            HealthCheck h = f.cluster.balancer().healthCheck();
            System.out.println();
            System.out.printf(Locale.ROOT, "== nginx fail_timeout candidates, 3 app servers, max_fails=1, proxy_connect_timeout %d ms, load average now %s ==%n",
                    h.timeoutMs(), FanOutBenchmark.loadAverage());
            System.out.printf(Locale.ROOT, "%-5s | %9s %9s %9s %13s | %-52s | %-52s%n", "ft s", "deploy 1", "deploy 2", "ft waits", "failed/total",
                    "refused (crashed app), window " + window + " s", "blackholed (vanished host), window " + window + " s");
            System.out.printf(Locale.ROOT, "%-5s | %9s %9s %9s %13s | %-52s | %-52s%n", "", "s", "s", "s", "", Cost.HEADER, Cost.HEADER);
            for (Row r : rows) {
                System.out.printf(Locale.ROOT, "%-5d | %9.1f %9.1f %9.1f %13s | %-52s | %-52s%n", r.failTimeout, r.rollout1Ms / 1e3, r.rollout2Ms / 1e3,
                        r.steps.failTimeoutWaits() / 1e3, r.failed + "/" + r.total, r.refused, r.blackholed);
            }
            System.out.println("1st s: connection attempts nginx made to the down app-1 in the window's first second; retries/s: after it;"
                    + " hit: requests that tried it;"
                    + " p50/max ms: their time at nginx; others p99: every other request; failed: of the load during the window");
            System.out.printf(Locale.ROOT, "with 'act on health' on, Orrery marks such a server down after fall x interval + timeout = %d ms"
                    + " (this cluster's check), which costs one nginx reload; with it off the cost above lasts until the server is back%n",
                    h.worstCaseDetectionMs());
            for (Row r : rows) {
                r.steps.print("first rollout, fail_timeout " + r.failTimeout + " s");
            }
        }
    }

    private static PassiveDrain drain(int failTimeout) {
        return new PassiveDrain(Duration.ofSeconds(failTimeout + 1L), 3);
    }

    /** Rewrites every {@code fail_timeout=} in the live nginx.conf and reloads nginx (before the load starts: a reload drops keep-alive requests). */
    private static void setFailTimeout(DeployFixture f, TestHost lb, int seconds) throws Exception {
        String conf = f.balancerLayout.configPath();
        var r = lb.sh("sed -i -E 's/fail_timeout=[0-9]+s/fail_timeout=" + seconds + "s/' " + conf
                + " && nginx -t -q -p " + f.balancerLayout.prefix() + " -c " + conf
                + " && kill -HUP $(cat " + f.balancerLayout.pidFile() + ")");
        if (!r.ok()) {
            throw new IllegalStateException("could not set fail_timeout: " + r.output());
        }
        // the old workers finish their idle keep-alive connections and exit
        Thread.sleep(2_000);
        String now = Files.readString(lb.path(conf));
        if (!now.contains("fail_timeout=" + seconds + "s")) {
            throw new IllegalStateException("fail_timeout not rewritten in " + conf);
        }
    }

    /** What a down, not drained app-1 cost during the window. */
    record Cost(long firstSecond, double retriesPerSecond, long hit, long hitP50Ms, long hitMaxMs, long othersP99Ms, long failed, long total) {
        static final String HEADER = "1st s  retries/s  hit  p50/max ms  others p99  failed";

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%5d %10.2f %4d %5d/%-5d %10d %4d/%d", firstSecond, retriesPerSecond, hit, hitP50Ms, hitMaxMs,
                    othersP99Ms, failed, total);
        }
    }

    private static Cost downAndNotDrained(DeployFixture f, TestHost lb, TestHost app, String appAddress, String target, int windowS, int ft)
            throws Exception {
        Path log = lb.path(f.balancerLayout.accessLog());
        String rule = "INPUT -p tcp --dport 3000 --syn -m addrtype ! --src-type LOCAL -m comment --comment orrery-bench-down -j " + target;
        LoadClient load = new LoadClient(f.balancerAddress(), 80, 6, 15, 1_000_000).start();
        long from;
        long to;
        try {
            DeployBenchmark.waitFor(load, 300);
            if (!app.sh("iptables -w -I " + rule).ok()) {
                throw new IllegalStateException("iptables failed on " + app.name());
            }
            from = System.currentTimeMillis();
            try {
                Thread.sleep(windowS * 1000L);
            } finally {
                to = System.currentTimeMillis();
                app.sh("iptables -w -D " + rule);
            }
            // the requests held by a blackholed connect finish after the window (new connections only are
            // refused or dropped: what a crash does to requests in flight is not the retry cost asked for here)
            Thread.sleep(3_000);
        } finally {
            load.close();
        }
        report(target + " window", load);
        List<Long> hit = new ArrayList<>();
        List<Long> others = new ArrayList<>();
        long first = 0;
        long retries = 0;
        for (String line : Files.readAllLines(log)) {
            int u = line.indexOf("upstream=\"");
            int m = line.lastIndexOf(" ms=");
            int rt = line.lastIndexOf(" rt=");
            if (u < 0 || m < 0 || rt < 0) {
                continue;
            }
            long at = (long) (Double.parseDouble(line.substring(m + 4).strip()) * 1000);
            long took = (long) (Double.parseDouble(line.substring(rt + 4, m)) * 1000);
            long started = at - took;
            if (started < from || started >= to) {
                continue;
            }
            String upstreams = line.substring(u + 10, line.indexOf('"', u + 10));
            long tries = Arrays.stream(upstreams.split(",\\s*")).filter(appAddress::equals).count();
            // the first second: every request in flight may pick it before nginx has seen one fail; after that
            // nginx lets one request per fail_timeout try it again (the retry cost)
            if (started < from + 1000) {
                first += tries;
            } else {
                retries += tries;
            }
            (tries > 0 ? hit : others).add(took);
        }
        // back to normal before the next measurement: nginx sends to app-1 again once fail_timeout has passed
        Thread.sleep((ft + 1) * 1000L);
        return new Cost(first, retries * 1000.0 / (to - from - 1000), hit.size(), pct(hit, 50), pct(hit, 100), pct(others, 99), load.failed.get(), load.total());
    }

    private static long pct(List<Long> v, int p) {
        if (v.isEmpty()) {
            return 0;
        }
        List<Long> s = v.stream().sorted().toList();
        return s.get(Math.min(s.size() - 1, (int) Math.ceil(p / 100.0 * s.size()) - 1 < 0 ? 0 : (int) Math.ceil(p / 100.0 * s.size()) - 1));
    }

    private static void report(String what, LoadClient load) {
        System.out.println(what + ": " + load.failed.get() + " failed of " + load.total());
        load.failures.stream().limit(5).forEach(x -> System.out.println("  " + x.lines().findFirst().orElse("")));
    }
}
