package dev.orrery.bench;

import dev.orrery.deploy.DeployFixture;
import dev.orrery.deploy.LoadClient;
import dev.orrery.deploy.PassiveDrain;
import dev.orrery.deploy.Rollout;
import dev.orrery.it.LaptopLink;
import dev.orrery.model.BalancerKind;
import dev.orrery.task.Progress;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code --batch K}'s wall time on N real app hosts behind real nginx (small releases, so the
 * switches alone count), each deploy under a steady keep-alive GET+POST load that never retries;
 * the drain waits overlap as Orrery does ({@link PassiveDrain#forOrreryNginx(int)}).
 * Arguments: {@code [N (10)] [K list (1,2,5)]}. Run as root:
 * {@code java -cp "target/test-classes:target/classes:$(cat cp.txt)" dev.orrery.bench.BatchBenchmark 10 1,2,5}
 */
public final class BatchBenchmark {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int[] ks = Arrays.stream((args.length > 1 ? args[1] : "1,2,5").split(",")).mapToInt(Integer::parseInt).toArray();
        List<String> rows = new ArrayList<>();
        List<StepTimes> steps = new ArrayList<>();
        try (DeployFixture f = new DeployFixture(BalancerKind.NGINX, LaptopLink.UNSHAPED, n)) {
            System.out.println(n + " app servers, load average at start: " + FanOutBenchmark.loadAverage());
            f.rollout(new PassiveDrain(Duration.ZERO)).deploy(f.cluster, f.nodeRelease("warm", "VERSION=v0"), Progress.NONE);
            int v = 0;
            for (int k : ks) {
                Path release = f.nodeRelease("batch" + k, "VERSION=v" + (++v));
                StepTimes st = new StepTimes();
                LoadClient load = new LoadClient(f.balancerAddress(), 80, 6, 15, 1_000_000).start();
                long ms;
                try {
                    DeployBenchmark.waitFor(load, 300);
                    Rollout r = f.rollout(PassiveDrain.forOrreryNginx(n), DeployFixture.options().withBatch(k));
                    ms = DeployBenchmark.timed(() -> r.deploy(f.cluster, release, st.begin()));
                    st.end();
                    DeployBenchmark.waitFor(load, load.total() + 300);
                } finally {
                    load.close();
                }
                rows.add(String.format(Locale.ROOT, "--batch %-3d %7.1f s   fail_timeout waits %6.1f s   failed %d of %d (load average %s)",
                        k, ms / 1e3, st.failTimeoutWaits() / 1e3, load.failed.get(), load.total(), FanOutBenchmark.loadAverage()));
                load.failures.stream().limit(5).forEach(x -> System.out.println("  " + x.lines().findFirst().orElse("")));
                steps.add(st);
                // the next deploy starts after this one's fail_timeout windows have closed
                Thread.sleep((dev.orrery.proxy.ProxyRenderer.PASSIVE_FAIL_TIMEOUT_SECONDS + 1) * 1000L);
            }
            System.out.println();
            System.out.printf(Locale.ROOT, "== %d app servers behind nginx (fail_timeout %d s), small release, keep-alive GET+POST load ==%n",
                    n, dev.orrery.proxy.ProxyRenderer.PASSIVE_FAIL_TIMEOUT_SECONDS);
            rows.forEach(System.out::println);
            for (int i = 0; i < ks.length; i++) {
                steps.get(i).print("--batch " + ks[i]);
            }
        }
    }
}
