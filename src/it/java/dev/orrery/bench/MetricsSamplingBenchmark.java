package dev.orrery.bench;

import dev.orrery.engine.ClusterWatch;
import dev.orrery.engine.Engine;
import dev.orrery.engine.Orrery;
import dev.orrery.it.Spawned;
import dev.orrery.it.Sys;
import dev.orrery.it.TestHost;
import dev.orrery.it.TestHosts;
import dev.orrery.metrics.MetricsSampler;
import dev.orrery.metrics.Sample;
import dev.orrery.model.AppSpec;
import dev.orrery.model.Balancer;
import dev.orrery.model.Cluster;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.model.ServerState;
import dev.orrery.store.OrreryHome;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark (not a test): what sampling costs. {@code servers} app servers (spread over
 * {@code hosts} test hosts, each a real sshd; each server its own pooled SSH connection, as
 * droplets would be) are watched by a real {@link ClusterWatch} sampling every 10 s: one channel
 * per server kept open running the sample loop, one request line per sample (the sample command
 * with the app's pid file naming a live process), parsed,
 * stored through the history writer and run through the alert rules. After a warm-up (connections,
 * JIT; two minutes unless a fourth argument says otherwise) it measures, over {@code minutes}:
 * <ul>
 * <li>Orrery's CPU: this process's CPU time over wall time, in % of one core (everything in the
 *     process counts: sshj, parsing, SQLite, rules, the JVM's own threads);
 * <li>the servers' CPU: every process of each test host (sshd and what it forks: the shell,
 *     df), utime+stime+cutime+cstime from /proc, per server, in % of one core;
 * <li>each sample's cost on both sides (CPU ms per sample).
 * </ul>
 * Needs root (test hosts). Run:
 * <pre>mvn -o -q test-compile -Pit && java -cp "target/test-classes:target/classes:$(cat target/cp.txt)" dev.orrery.bench.MetricsSamplingBenchmark 100 10 3 600</pre>
 * (600 s of warm-up: after 120 s C2 is still compiling the per-sample paths, which costs more than
 * the sampling itself; the window runs for hours, so the steady state is the figure that counts).
 */
public final class MetricsSamplingBenchmark {

    public static void main(String[] args) throws Exception {
        int servers = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int hostCount = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int minutes = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        // the JIT is still compiling sshj's and the parser's paths after a minute on a loaded machine: steady state needs longer
        int warmupS = args.length > 3 ? Integer.parseInt(args[3]) : 120;
        Path dir = Files.createTempDirectory("orrery-sampling-bench");
        try (TestHosts hosts = TestHosts.start(hostCount); Engine engine = new Engine(); ThrowableCount throwables = new ThrowableCount()) {
            OrreryHome home = new OrreryHome(dir.resolve("home"));
            Files.createDirectories(home.root());
            StringBuilder known = new StringBuilder();
            List<Spawned> apps = new ArrayList<>();
            for (int i = 0; i < hostCount; i++) {
                TestHost h = hosts.get(i);
                known.append(h.knownHostsLine()).append('\n');
                Spawned app = h.spawn("sleep", "infinity"); // the app process whose CPU and memory each sample reads
                apps.add(app);
                h.sh("mkdir -p /opt/bench/run && echo " + app.pid() + " > /opt/bench/run/app.pid").orThrow("pid file");
            }
            Files.writeString(home.knownHosts(), known);
            List<Server> list = new ArrayList<>();
            for (int s = 0; s < servers; s++) {
                TestHost h = hosts.get(s % hostCount);
                list.add(Server.of("app-" + s, Role.APP, h.address()).withSsh("root", h.sshPort(), h.privateKey().toString())
                        .withState(ServerState.READY));
            }
            Cluster cluster = new Cluster("bench", new AppSpec("bench", 3000, Map.of(), List.of()), Balancer.defaults(), list);
            try (Orrery orrery = new Orrery(engine, home, Orrery.Prompts.none(), Map.of("ORRERY_SECRETS", "file"));
                 ClusterWatch w = orrery.watch(cluster, ClusterWatch.Options.defaults())) {
                AtomicLong samples = new AtomicLong();
                w.addSampleListener(s -> samples.incrementAndGet());
                System.out.printf("%d servers on %d test hosts, sampled every %d s; warming up for %d s…%n", servers, hostCount, w.sampleMs() / 1000, warmupS);
                Thread.sleep(warmupS * 1000L);
                long failing = w.sampling().stream().filter(MetricsSampler.Status::failing).count();
                if (failing > 0) {
                    System.out.println("failing: " + w.sampling().stream().filter(MetricsSampler.Status::failing).map(s -> s.server() + ": " + s.error()).limit(3).toList());
                }
                var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
                long[] server0 = hostTicks(hosts, hostCount);
                var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
                Map<Long, Long> java0 = javaThreadsCpu(threads);
                Map<Long, String> names0 = threadNames(threads);
                Map<String, Long> native0 = nativeThreadTicks();
                long cpu0 = os.getProcessCpuTime();
                long wall0 = System.nanoTime();
                long n0 = samples.get();
                long thrown0 = throwables.now();
                Thread.sleep(minutes * 60_000L);
                long thrown = throwables.now() - thrown0;
                long n = samples.get() - n0;
                double wallS = (System.nanoTime() - wall0) / 1e9;
                double orreryCpuS = (os.getProcessCpuTime() - cpu0) / 1e9;
                double javaCpuS = 0;
                Map<String, Double> byGroup = new java.util.TreeMap<>();
                Map<Long, String> names1 = threadNames(threads);
                for (Map.Entry<Long, Long> e : javaThreadsCpu(threads).entrySet()) {
                    double d = (e.getValue() - java0.getOrDefault(e.getKey(), 0L)) / 1e9;
                    javaCpuS += d;
                    String name = names1.getOrDefault(e.getKey(), names0.getOrDefault(e.getKey(), "?"));
                    byGroup.merge(name.replaceAll("[0-9]+", "N"), d, Double::sum);
                }
                long[] server1 = hostTicks(hosts, hostCount);
                double serverCpuS = 0;
                for (int i = 0; i < hostCount; i++) {
                    serverCpuS += (server1[i] - server0[i]) / 100.0; // USER_HZ
                }
                System.out.printf("%d samples in %.0f s (%.1f a second; %d of %d servers failing)%n", n, wallS, n / wallS,
                        w.sampling().stream().filter(MetricsSampler.Status::failing).count(), servers);
                System.out.printf("Throwables created: %d (%.1f a minute; sshj builds one for each keep-alive OpenSSH answers with \"request failed\")%n",
                        thrown, thrown * 60 / wallS);
                System.out.printf("Orrery (this JVM): %.2f%% of one core; %.2f ms CPU per sample%n", 100 * orreryCpuS / wallS, 1000 * orreryCpuS / n);
                System.out.printf("  of which Java threads (sshj, the sampler, parsing, SQLite, rules): %.2f%%; JIT compiler, GC and VM threads: %.2f%%"
                        + " (the JIT's share shrinks as the run goes on: a method run once a sample takes minutes to be hot)%n",
                        100 * javaCpuS / wallS, 100 * (orreryCpuS - javaCpuS) / wallS);
                System.out.println("  Java threads by name (digits as N), % of one core:");
                byGroup.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(12)
                        .forEach(e -> System.out.printf("    %-40s %.3f%%%n", e.getKey(), 100 * e.getValue() / wallS));
                System.out.println("  every thread of the process by its kernel name (digits as N; JIT, GC and VM threads included), % of one core:");
                Map<String, Long> native1 = nativeThreadTicks();
                native1.entrySet().stream().map(e -> Map.entry(e.getKey(), e.getValue() - native0.getOrDefault(e.getKey(), 0L)))
                        .filter(e -> e.getValue() > 0).sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
                        .forEach(e -> System.out.printf("    %-40s %.3f%%%n", e.getKey(), e.getValue() / wallS)); // ticks are 1/100 s
                System.out.printf("servers: %.3f%% of one core per server; %.2f ms CPU per sample on the server (sshd, the sample loop's shell, df)%n",
                        100 * serverCpuS / wallS / servers, 1000 * serverCpuS / n);
                System.out.printf("load average at the end: %.1f on %d cores (the machine was shared)%n", os.getSystemLoadAverage(), os.getAvailableProcessors());
            } finally {
                apps.forEach(Spawned::stop);
            }
        }
    }

    /** CPU time of every live Java thread, by id (threads that ended in between are not counted: sshj's and the pools' live on). */
    private static Map<Long, Long> javaThreadsCpu(java.lang.management.ThreadMXBean threads) {
        Map<Long, Long> out = new java.util.HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            long t = threads.getThreadCpuTime(id);
            if (t >= 0) {
                out.put(id, t);
            }
        }
        return out;
    }

    /** CPU ticks (utime+stime) of this process's threads as the kernel names them (15 characters), summed by name with digits as N. */
    private static Map<String, Long> nativeThreadTicks() {
        Map<String, Long> out = new java.util.HashMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : tasks.toList()) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+", "N");
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
                    out.merge(name, Long.parseLong(f[11]) + Long.parseLong(f[12]), Long::sum);
                } catch (java.io.IOException | RuntimeException gone) {
                    // the thread ended between the listing and the read
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    /** The names of the live Java threads, by id: the breakdown above groups their CPU by name. */
    private static Map<Long, String> threadNames(java.lang.management.ThreadMXBean threads) {
        Map<Long, String> out = new java.util.HashMap<>();
        for (java.lang.management.ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t != null) {
                out.put(t.getThreadId(), t.getThreadName());
            }
        }
        return out;
    }

    /** CPU ticks of every process in each host's network namespace, with their reaped children's. */
    private static long[] hostTicks(TestHosts hosts, int hostCount) {
        long[] out = new long[hostCount];
        for (int i = 0; i < hostCount; i++) {
            String pids = Sys.run("ip", "netns", "pids", hosts.get(i).name()).output();
            for (String p : pids.lines().map(String::strip).filter(x -> x.matches("\\d+")).toList()) {
                try {
                    String stat = Files.readString(Path.of("/proc/" + p + "/stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
                    out[i] += Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
                } catch (Exception gone) {
                    // the process ended between the listing and the read
                }
            }
        }
        return out;
    }
}
