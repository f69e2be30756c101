package dev.orrery.bench;

import dev.orrery.deploy.BalancerControl;
import dev.orrery.deploy.BalancerControls;
import dev.orrery.deploy.DeployFixture;
import dev.orrery.deploy.LoadClient;
import dev.orrery.deploy.PassiveDrain;
import dev.orrery.deploy.Rollout;
import dev.orrery.it.LaptopLink;
import dev.orrery.deploy.RolloutOptions;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.Server;
import dev.orrery.proxy.ProxyDrain;
import dev.orrery.remote.Command;
import dev.orrery.remote.Host;
import dev.orrery.remote.LineListener;
import dev.orrery.task.Progress;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Deploy figures on real test hosts (3 app hosts + nginx, real sshd, real node processes):
 * <ol>
 * <li>failed requests out of the total during a v1 → v2 deploy under steady keep-alive load from a
 *     client that never retries — Orrery's rollout (preflight, passive drain, no nginx reload), the
 *     same rollout draining by marking the server down and reloading nginx, and Meteor Up's order
 *     (no drain, no preflight);</li>
 * <li>wall time to deploy a 50 MB release to 3 servers: Orrery's order (parallel upload, then one
 *     server at a time) against the same engine in Meteor Up's order (upload to one server after
 *     another, then restart one after another), and the ratio.</li>
 * <li>over a shaped laptop link (second argument, e.g. {@code 50mbit/40ms}; see {@link LaptopLink}):
 *     Orrery before issue 21 (every server gets the whole release) against Orrery sending only
 *     what changed (the next release, one changed file), with the bytes the laptop sent.</li>
 * </ol>
 * Arguments: {@code [MB (50)] [link: none | 50mbit | 50mbit/40ms (none)] [walltime: skip the failed-request part]}.
 * Run as root: {@code mvn -o -q test-compile -Pit && java -cp "target/test-classes:target/classes:$(cat cp.txt)" dev.orrery.bench.DeployBenchmark 50 50mbit/40ms walltime}
 */
public final class DeployBenchmark {

    public static void main(String[] args) throws Exception {
        int mb = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        LaptopLink link = args.length > 1 ? LaptopLink.parse(args[1]) : LaptopLink.UNSHAPED;
        boolean wallTimeOnly = args.length > 2 && args[2].equals("walltime");
        try (DeployFixture f = new DeployFixture(BalancerKind.NGINX, link)) {
            Progress quiet = Progress.NONE;
            System.out.println("laptop link: " + f.laptopLinkNote());
            f.rollout(PassiveDrain.forOrreryNginx()).deploy(f.cluster, f.v1(), quiet);

            long[] orrery = null;
            long[] reload = null;
            long[] mup = null;
            if (!wallTimeOnly) {
                orrery = underLoad(f, "orrery", PassiveDrain.forOrreryNginx(), DeployFixture.options(), "v2");
                reload = underLoad(f, "reload", new NginxReloadDrain(f), DeployFixture.options(), "v3");
                mup = underLoad(f, "mup", BalancerControls.NONE, meteorUpOrder(), "v4");
            }

            // Every big release has the same payload (fixed seed): consecutive ones differ in package.json only.
            Path big = f.bigRelease("big", "VERSION=v5", mb);
            Path big2 = f.bigRelease("big2", "VERSION=v6", mb);
            Path big3 = f.bigRelease("big3", "VERSION=v7", mb);
            Path big4 = f.bigRelease("big4", "VERSION=v8", mb);
            long size = Files.size(big);
            System.out.printf(Locale.ROOT, "release size: %.1f MB%n", size / 1e6);
            RolloutOptions whole = DeployFixture.options().withDeltaUploads(false);
            Rollout before = f.rollout(PassiveDrain.forOrreryNginx(), whole);
            long tOrrery = timed(() -> before.deploy(f.cluster, big, quiet));
            long sentBefore = before.bytesSent();
            long tMup = timed(() -> f.rollout(BalancerControls.NONE, meteorUpOrder().withDeltaUploads(false)).deploy(f.cluster, big2, quiet));
            long tOrreryNoWait = timed(() -> f.rollout(BalancerControls.NONE, whole).deploy(f.cluster, big3, quiet));
            Rollout delta = f.rollout(PassiveDrain.forOrreryNginx(), DeployFixture.options());
            long tDelta = timed(() -> delta.deploy(f.cluster, big4, DeployFixture.printing("delta")));
            long sentDelta = delta.bytesSent();

            if (!wallTimeOnly) {
                System.out.println();
                System.out.println("== Failed requests during a v1→v2-style deploy of 3 servers under load (client never retries) ==");
                print("Orrery (preflight, passive drain, no reload)", orrery);
                print("same rollout, drain = mark down + nginx reload", reload);
                print("Meteor Up order (no drain, no preflight)", mup);
            }
            System.out.println();
            System.out.printf(Locale.ROOT, "== Deploy wall time, 3 servers, %d MB release, laptop link: %s ==%n", mb, f.laptopLinkNote());
            System.out.printf(Locale.ROOT, "Orrery order (parallel upload, preflight, one at a time, nginx fail_timeout waits): %6.1f s%n", tOrrery / 1e3);
            System.out.printf(Locale.ROOT, "Orrery order without the nginx waits (no balancer):                            %6.1f s%n", tOrreryNoWait / 1e3);
            System.out.printf(Locale.ROOT, "Meteor Up order (upload one after another, then restart one after another):    %6.1f s%n", tMup / 1e3);
            System.out.printf(Locale.ROOT, "ratio Meteor Up / Orrery = %.2f ; Meteor Up / Orrery without nginx waits = %.2f%n",
                    (double) tMup / tOrrery, (double) tMup / tOrreryNoWait);
            System.out.printf(Locale.ROOT, "Orrery before issue 21 (whole release to every server), laptop sent %8.1f MB: %6.1f s%n", sentBefore / 1e6, tOrrery / 1e3);
            System.out.printf(Locale.ROOT, "Orrery sending only what changed (1 changed file),     laptop sent %8.3f MB: %6.1f s%n", sentDelta / 1e6, tDelta / 1e3);
        }
    }

    static RolloutOptions meteorUpOrder() {
        return DeployFixture.options().withParallelUploads(1).withPreflight(false);
    }

    static void print(String what, long[] r) {
        System.out.printf(Locale.ROOT, "%-48s %5d failed of %6d requests (%.3f%%), deploy took %.1f s%n",
                what, r[0], r[1], 100.0 * r[0] / Math.max(1, r[1]), r[2] / 1e3);
    }

    /** {failed, total, deploy ms} for one deploy under load. */
    static long[] underLoad(DeployFixture f, String name, BalancerControl drain, RolloutOptions options, String version) throws Exception {
        Path release = f.nodeRelease(name, "VERSION=" + version);
        LoadClient l = new LoadClient(f.balancerAddress(), 80, 6, 15, 50_000).start();
        long ms;
        try {
            waitFor(l, 300);
            ms = timed(() -> f.rollout(drain, options).deploy(f.cluster, release, Progress.NONE));
            waitFor(l, l.total() + 300);
        } finally {
            l.close();
        }
        System.out.println(name + ": " + l.failed.get() + " failed of " + l.total() + " " + l.versions);
        l.failures.stream().limit(5).forEach(x -> System.out.println("  " + x.lines().findFirst().orElse("")));
        return new long[] {l.failed.get(), l.total(), ms};
    }

    interface Action {
        Cluster run() throws Exception;
    }

    static long timed(Action a) throws Exception {
        long t0 = System.nanoTime();
        a.run();
        return (System.nanoTime() - t0) / 1_000_000;
    }

    static void waitFor(LoadClient l, long n) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (l.total() < n && System.nanoTime() < end) {
            Thread.sleep(50);
        }
    }

    /**
     * The drain the reference warns about, for comparison: mark the server {@code down} and reload
     * nginx (ProxyDrain), then wait until the old workers have finished and exited.
     */
    static final class NginxReloadDrain implements BalancerControl {
        private final DeployFixture f;
        private Cluster cluster;

        NginxReloadDrain(DeployFixture f) {
            this.f = f;
        }

        @Override
        public String describe() {
            return "nginx: mark down + reload";
        }

        @Override
        public void drain(Server server, Progress progress) throws Exception {
            try (Host lb = f.ssh(f.cluster.server("lb-1").orElseThrow())) {
                cluster = new ProxyDrain(lb, f.balancerLayout).drain(cluster != null ? cluster : f.cluster, server.name(), progress);
            }
        }

        @Override
        public String awaitIdle(Server server, Duration max, Progress progress) throws Exception {
            long end = System.nanoTime() + max.toNanos();
            try (Host lb = f.ssh(f.cluster.server("lb-1").orElseThrow())) {
                while (System.nanoTime() < end) {
                    String n = lb.exec(Command.trusted("pgrep -fc 'nginx: worker process is shutting down' || true"), LineListener.IGNORE).output().strip();
                    if (n.equals("0")) {
                        return "old nginx workers gone";
                    }
                    Thread.sleep(100);
                }
            }
            return "old nginx workers still running at the limit";
        }

        @Override
        public void undrain(Server server, Progress progress) throws Exception {
            try (Host lb = f.ssh(f.cluster.server("lb-1").orElseThrow())) {
                cluster = new ProxyDrain(lb, f.balancerLayout).undrain(cluster, server.name(), progress);
            }
        }
    }
}
