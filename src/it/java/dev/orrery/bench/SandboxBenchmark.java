package dev.orrery.bench;

import dev.orrery.deploy.LoadClient;
import dev.orrery.engine.Engine;
import dev.orrery.model.Cluster;
import dev.orrery.sandbox.Sandbox;
import dev.orrery.sandbox.SandboxPaths;
import dev.orrery.store.OrreryHome;
import dev.orrery.task.Progress;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Sandbox figures on this machine (real app processes, real nginx when installed): time from
 * nothing to a running cluster (first start: create, deploy v1 to two servers, push nginx), time to
 * add an app server (install the live release, start it, gate it healthy, push nginx), a v1 → v2
 * deploy's wall time and failed requests under keep-alive GET/POST load from a client that never
 * retries, and the time a full stop takes. Each run uses a fresh ORRERY_HOME and loopback block 127.66.3.x.
 * Run: {@code mvn -o -q test-compile -Pit && java -cp "target/test-classes:target/classes:$(cat cp.txt)" dev.orrery.bench.SandboxBenchmark [runs]}
 * (cp.txt from {@code mvn -o -q dependency:build-classpath -Dmdep.outputFile=cp.txt}).
 */
public final class SandboxBenchmark {

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        try (Engine engine = new Engine()) {
            for (int run = 1; run <= runs; run++) {
                Path home = Files.createTempDirectory("orrery-sandbox-bench");
                Sandbox sandbox = new Sandbox(SandboxPaths.of(new OrreryHome(home)), engine.io(), engine.scheduler(), "127.66.3.");
                try {
                    long t0 = System.nanoTime();
                    Cluster c = sandbox.start(Progress.NONE);
                    long startMs = ms(t0);
                    t0 = System.nanoTime();
                    sandbox.addServer(Progress.NONE);
                    long addMs = ms(t0);
                    long deployMs;
                    String loadLine = "no balancer (nginx not installed): no load through it";
                    if (c.balancerServer().isPresent()) {
                        LoadClient load = new LoadClient("127.0.0.1", c.balancer().httpPort(), 4, 10, 50_000).start();
                        t0 = System.nanoTime();
                        try {
                            sandbox.deployNext(Progress.NONE);
                        } finally {
                            deployMs = ms(t0);
                            load.close();
                        }
                        loadLine = load.failed.get() + " failed of " + load.total() + " requests";
                    } else {
                        t0 = System.nanoTime();
                        sandbox.deployNext(Progress.NONE);
                        deployMs = ms(t0);
                    }
                    t0 = System.nanoTime();
                    int swept = sandbox.stop(Progress.NONE).size();
                    long stopMs = ms(t0);
                    System.out.printf("run %d: first start (2 app servers + nginx, v1) %d ms; add a server %d ms; "
                                    + "deploy v1 → v2 to 3 servers %d ms (%s); stop everything %d ms (%d left for the sweep)%n",
                            run, startMs, addMs, deployMs, loadLine, stopMs, swept);
                } finally {
                    sandbox.close();
                    try (Stream<Path> files = Files.walk(home)) {
                        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                    }
                }
            }
        }
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
