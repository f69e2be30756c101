package dev.orrery.bench;

import dev.orrery.deploy.DeployFixture;
import dev.orrery.deploy.PassiveDrain;
import dev.orrery.it.LaptopLink;
import dev.orrery.model.BalancerKind;

import java.util.Locale;

/**
 * The wait between servers behind nginx (issue 21, "less waiting"): one deploy under steady
 * keep-alive GET+POST load (a client that never retries) waiting out every earlier server's
 * fail_timeout before the next leaves, against one letting those windows overlap while half the
 * app servers stay sure to be served ({@link PassiveDrain#forOrreryNginx(int)}). Prints failed
 * requests and the deploy's wall time for each, on N app servers (real nginx, sshd, node).
 * Arguments: {@code [N app servers (6)]}. Run as root:
 * {@code java -cp "target/test-classes:target/classes:$(cat cp.txt)" dev.orrery.bench.DrainOverlapBenchmark 6}
 */
public final class DrainOverlapBenchmark {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        try (DeployFixture f = new DeployFixture(BalancerKind.NGINX, LaptopLink.UNSHAPED, n)) {
            f.rollout(new PassiveDrain(java.time.Duration.ZERO)).deploy(f.cluster, f.v1(), dev.orrery.task.Progress.NONE);
            long[] oneAtATime = DeployBenchmark.underLoad(f, "one-window", PassiveDrain.forOrreryNginx(), DeployFixture.options(), "v2");
            long[] overlapping = DeployBenchmark.underLoad(f, "overlap", PassiveDrain.forOrreryNginx(n), DeployFixture.options(), "v3");
            System.out.println();
            System.out.printf(Locale.ROOT, "== %d app servers behind nginx, deploy under keep-alive load ==%n", n);
            DeployBenchmark.print("each server waits out every earlier window", oneAtATime);
            DeployBenchmark.print("windows overlap, half sure to be served", overlapping);
            System.out.printf(Locale.ROOT, "wall time saved: %.1f s (%.0f%%)%n", (oneAtATime[2] - overlapping[2]) / 1e3,
                    100.0 * (oneAtATime[2] - overlapping[2]) / oneAtATime[2]);
        }
    }
}
