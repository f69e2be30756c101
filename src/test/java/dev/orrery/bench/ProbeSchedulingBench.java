package dev.orrery.bench;

import dev.orrery.engine.Engine;
import dev.orrery.health.DirectRoute;
import dev.orrery.health.ExecutorProbeClock;
import dev.orrery.health.HealthMonitor;
import dev.orrery.health.HealthSample;
import dev.orrery.health.HttpProber;
import dev.orrery.model.HealthCheck;
import dev.orrery.model.Role;
import dev.orrery.model.Server;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark (not a test): the health monitor probing N local HTTP targets every 750 ms on the
 * Engine's executors. Targets: one Node process listening on N loopback addresses
 * (127.1.x.y, all on one port, like N app servers), so the probes' CPU is this JVM's and the
 * targets' is Node's. Prints schedule lag p50/p99/max (how late each tick ran), probe latency,
 * and this process's CPU time / wall time.
 *
 * <pre>
 * mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) dev.orrery.bench.ProbeSchedulingBench 1000 60
 * </pre>
 */
public final class ProbeSchedulingBench {
    private static final String NODE_TARGETS = String.join("\n",
            "const http = require('http');",
            "const port = +process.argv[2], n = +process.argv[3];",
            "let ready = 0;",
            "for (let i = 0; i < n; i++) {",
            "  const addr = `127.1.${Math.floor(i / 250)}.${i % 250 + 1}`;",
            "  http.createServer((q, r) => { r.writeHead(200, {'content-type': 'text/plain'}); r.end('ok'); })",
            "    .listen(port, addr, () => { if (++ready === n) console.log('ready'); });",
            "}");

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int warmup = 15;
        if (n < 1 || n > 1000 || seconds < 1 || seconds > 600) {
            throw new IllegalArgumentException("1..1000 targets, 1..600 s");
        }
        HealthCheck hc = new HealthCheck("/", 750, 2, 2, 1000);
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path script = Files.createTempFile("orrery-bench-targets", ".js");
        Files.writeString(script, NODE_TARGETS);
        Process node = new ProcessBuilder("node", script.toString(), String.valueOf(port), String.valueOf(n))
                .redirectErrorStream(true).start();
        try (Engine engine = new Engine()) {
            BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            if (!"ready".equals(line)) {
                throw new IllegalStateException("node targets did not start: " + line);
            }
            List<Server> servers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                servers.add(Server.of("app-" + i, Role.APP, "127.1." + i / 250 + "." + (i % 250 + 1)));
            }
            int cap = (seconds + warmup + 5) * n * 2;
            long[] lags = new long[cap];
            double[] latencies = new double[cap];
            AtomicInteger lagCount = new AtomicInteger();
            AtomicInteger latCount = new AtomicInteger();
            AtomicLong ok = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            boolean[] measuring = {false};

            // as HealthMonitor.create wires it: the probes' tasks through a few lanes of the io pool
            java.util.concurrent.Executor lanes = new dev.orrery.health.LaneExecutor(engine.io(), HealthMonitor.PROBE_LANES);
            HealthMonitor monitor = new HealthMonitor(hc, port, new DirectRoute(), new HttpProber(lanes, hc.timeoutMs()),
                    new ExecutorProbeClock(engine.scheduler()), lanes);
            monitor.setServers(servers);
            monitor.setLagObserver(lag -> {
                if (measuring[0]) {
                    int i = lagCount.getAndIncrement();
                    if (i < cap) {
                        lags[i] = lag;
                    }
                }
            });
            monitor.addListener(e -> {
                if (measuring[0] && e instanceof HealthSample s) {
                    (s.result().success() ? ok : failed).incrementAndGet();
                    int i = latCount.getAndIncrement();
                    if (i < cap) {
                        latencies[i] = s.result().latencyMs();
                    }
                }
            });
            monitor.start();
            System.out.printf("probing %d targets every %d ms; warming up %d s, measuring %d s%n", n, hc.intervalMs(), warmup, seconds);
            Thread.sleep(warmup * 1000L);

            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            var threads = ManagementFactory.getThreadMXBean();
            threads.resetPeakThreadCount();
            long cpu0 = os.getProcessCpuTime();
            long wall0 = System.nanoTime();
            measuring[0] = true;
            Thread.sleep(seconds * 1000L);
            measuring[0] = false;
            long wall = System.nanoTime() - wall0;
            long cpu = os.getProcessCpuTime() - cpu0;
            monitor.close();

            long[] l = Arrays.copyOf(lags, Math.min(cap, lagCount.get()));
            double[] lat = Arrays.copyOf(latencies, Math.min(cap, latCount.get()));
            Arrays.sort(l);
            Arrays.sort(lat);
            long up = monitor.snapshot().stream().filter(h -> h.state() == dev.orrery.health.HealthState.UP).count();
            System.out.printf("ticks: %d (%.0f/s, expected %.0f/s)%n", l.length, l.length / (wall / 1e9), n * 1000.0 / hc.intervalMs());
            System.out.printf("schedule lag ms: p50 %d  p99 %d  max %d%n", pct(l, 50), pct(l, 99), l.length > 0 ? l[l.length - 1] : -1);
            System.out.printf("probe results: %d ok, %d failed; latency ms: p50 %.2f  p99 %.2f  max %.2f%n",
                    ok.get(), failed.get(), pctD(lat, 50), pctD(lat, 99), lat.length > 0 ? lat[lat.length - 1] : -1);
            System.out.printf("CPU: %.2f s over %.1f s wall = %.1f%% of one core (%d cores on this machine)%n",
                    cpu / 1e9, wall / 1e9, 100.0 * cpu / wall, Runtime.getRuntime().availableProcessors());
            System.out.printf("threads: peak %d; servers up at the end: %d of %d%n", threads.getPeakThreadCount(), up, n);
        } finally {
            node.destroy();
            if (!node.waitFor(5, TimeUnit.SECONDS)) {
                node.destroyForcibly();
            }
            Files.deleteIfExists(script);
        }
    }

    private static long pct(long[] sorted, int p) {
        return sorted.length == 0 ? -1 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static double pctD(double[] sorted, int p) {
        return sorted.length == 0 ? -1 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
