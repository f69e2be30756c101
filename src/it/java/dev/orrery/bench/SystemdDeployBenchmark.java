package dev.orrery.bench;

import dev.orrery.deploy.DeployFixture;
import dev.orrery.deploy.LoadClient;
import dev.orrery.deploy.PassiveDrain;
import dev.orrery.it.SystemdRootfs;
import dev.orrery.model.BalancerKind;
import dev.orrery.task.Progress;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Deploy figures on hosts that boot systemd ({@code TestHosts.startSystemd}): the app as Orrery's
 * systemd unit, nginx as the host's {@code nginx.service}, Orrery logged in as a sudo user with
 * root login off. Prints the root filesystem's preparation (a cold build or the cache), the boot
 * of four hosts, the first deploy, then {@code RUNS} deploys of a new release to 3 servers under
 * steady keep-alive GET+POST load (a client that never retries): each one's wall time and failed
 * requests. With {@code compare}, the same deploys on namespace hosts under Orrery's portable
 * supervisor, for the difference systemd makes.
 *
 * <p>Arguments: {@code [RUNS (3)] [compare]}. Run as root:
 * {@code mvn -o -q test-compile -Pit && java -cp "target/test-classes:target/classes:$(cat cp.txt)" dev.orrery.bench.SystemdDeployBenchmark 3 compare}
 */
public final class SystemdDeployBenchmark {

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        boolean compare = args.length > 1 && args[1].equals("compare");
        long t0 = System.nanoTime();
        Path rootfs = SystemdRootfs.path();
        System.out.printf(Locale.ROOT, "root filesystem %s ready in %.1f s%n", rootfs, (System.nanoTime() - t0) / 1e9);

        List<long[]> systemd;
        t0 = System.nanoTime();
        try (DeployFixture f = DeployFixture.onSystemdHosts("deploy")) {
            System.out.printf(Locale.ROOT, "4 systemd hosts booted and the balancer pushed in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            systemd = deploys(f, runs);
        }
        List<long[]> supervisor = null;
        if (compare) {
            try (DeployFixture f = new DeployFixture(BalancerKind.NGINX, "deploy")) {
                supervisor = deploys(f, runs);
            }
        }
        System.out.println();
        System.out.println("== Deploy of 3 servers under keep-alive GET+POST load (about 300 requests/s, no retries) ==");
        print("systemd hosts (Orrery's unit, nginx.service)", systemd);
        if (supervisor != null) {
            print("namespace hosts (Orrery's supervisor)", supervisor);
        }
    }

    /** The first deploy, then {@code runs} deploys under load: {first-deploy ms} then {failed, total, ms} per run. */
    private static List<long[]> deploys(DeployFixture f, int runs) throws Exception {
        List<long[]> out = new ArrayList<>();
        long t0 = System.nanoTime();
        f.rollout(PassiveDrain.forOrreryNginx()).deploy(f.cluster, f.nodeRelease("b0", "VERSION=b0"), Progress.NONE);
        out.add(new long[] {(System.nanoTime() - t0) / 1_000_000});
        for (int i = 1; i <= runs; i++) {
            Path release = f.nodeRelease("b" + i, "VERSION=b" + i);
            LoadClient l = new LoadClient(f.balancerAddress(), 80, 6, 15, 50_000).start();
            long ms;
            try {
                DeployBenchmark.waitFor(l, 300);
                long t = System.nanoTime();
                f.rollout(PassiveDrain.forOrreryNginx()).deploy(f.cluster, release, Progress.NONE);
                ms = (System.nanoTime() - t) / 1_000_000;
                DeployBenchmark.waitFor(l, l.total() + 300);
            } finally {
                l.close();
            }
            System.out.printf(Locale.ROOT, "run %d: %.1f s, %d failed of %d requests %s%n", i, ms / 1e3, l.failed.get(), l.total(), l.versions);
            l.failures.stream().limit(5).forEach(x -> System.out.println("  " + x.lines().findFirst().orElse("")));
            out.add(new long[] {l.failed.get(), l.total(), ms});
        }
        return out;
    }

    private static void print(String what, List<long[]> r) {
        System.out.printf(Locale.ROOT, "%s: first deploy (no load) %.1f s%n", what, r.get(0)[0] / 1e3);
        long failed = 0;
        long total = 0;
        List<Long> walls = new ArrayList<>();
        for (long[] run : r.subList(1, r.size())) {
            failed += run[0];
            total += run[1];
            walls.add(run[2]);
        }
        walls.sort(null);
        System.out.printf(Locale.ROOT, "  %d deploys under load: wall median %.1f s (min %.1f, max %.1f); %d failed of %d requests%n",
                walls.size(), walls.get(walls.size() / 2) / 1e3, walls.get(0) / 1e3, walls.get(walls.size() - 1) / 1e3, failed, total);
    }
}
