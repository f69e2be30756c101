package dev.orrery.bench;

import dev.orrery.deploy.BalancerControls;
import dev.orrery.deploy.DeployFixture;
import dev.orrery.deploy.LoadClient;
import dev.orrery.deploy.PassiveDrain;
import dev.orrery.deploy.Rollout;
import dev.orrery.deploy.RolloutOptions;
import dev.orrery.it.LaptopLink;
import dev.orrery.model.BalancerKind;
import dev.orrery.task.Progress;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Issue 21's four cases side by side on N real app hosts behind nginx, this machine behind a
 * shaped uplink ({@link LaptopLink}; tbf: where the kernel has no netem the RTT is not emulated,
 * and the fixture says so): deploy wall time and bytes the laptop sent for
 * <ol>
 * <li>Meteor Up's order (upload to one server after another, restart one after another; no load:
 *     it drops requests by design, see {@link DeployBenchmark});</li>
 * <li>Orrery before issue 21 (whole release from the laptop to every server, in parallel);</li>
 * <li>Orrery with fan-out (once to one server, the others fetch it privately);</li>
 * <li>Orrery with fan-out and a small change (one changed file: only it is sent).</li>
 * </ol>
 * Cases 2–4 run under one steady keep-alive GET+POST load through the balancer; its failed
 * requests are printed (the client never retries).
 * Arguments: {@code [servers (3)] [MB (52)] [link (50mbit)] [batch (1)]}. Run as root:
 * {@code java -cp "target/test-classes:target/classes:$(cat cp.txt)" dev.orrery.bench.FanOutBenchmark 3 52 50mbit}
 */
public final class FanOutBenchmark {

    public static void main(String[] args) throws Exception {
        int servers = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int mb = args.length > 1 ? Integer.parseInt(args[1]) : 52;
        LaptopLink link = args.length > 2 ? LaptopLink.parse(args[2]) : LaptopLink.laptop(50, 0);
        int batch = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        try (DeployFixture f = new DeployFixture(BalancerKind.NGINX, link, servers)) {
            System.out.println("laptop link: " + f.laptopLinkNote() + "; " + servers + " app servers; load average at start: " + loadAverage());
            f.rollout(new PassiveDrain(Duration.ZERO)).deploy(f.cluster, f.nodeRelease("warm", "VERSION=v0"), Progress.NONE);
            Path[] rel = new Path[4];
            for (int i = 0; i < 4; i++) {
                // same payload (fixed seed) in each: consecutive releases differ in package.json only
                rel[i] = f.bigRelease("fo" + i, "VERSION=v" + (i + 1), mb);
            }
            long size = Files.size(rel[0]);
            RolloutOptions base = DeployFixture.options().withBatch(batch);

            Rollout mup = f.rollout(BalancerControls.NONE, base.withParallelUploads(1).withPreflight(false).withDeltaUploads(false).withFanOut(false).withBatch(1));
            long tMup = DeployBenchmark.timed(() -> mup.deploy(f.cluster, rel[0], Progress.NONE));

            LoadClient load = new LoadClient(f.balancerAddress(), 80, 6, 15, 1_000_000).start();
            long tBefore;
            long tFan;
            long tSmall;
            Rollout before;
            Rollout fan;
            Rollout small;
            StepTimes beforeSteps = new StepTimes();
            StepTimes fanSteps = new StepTimes();
            StepTimes smallSteps = new StepTimes();
            try {
                DeployBenchmark.waitFor(load, 300);
                // one balancer: each rollout starts from the windows the previous one left; "before" waits them out
                // one at a time as Orrery did before issue 21, the fan-out cases let them overlap as Orrery does now
                String lb = "fan-out-benchmark-" + System.nanoTime();
                before = f.rollout(PassiveDrain.forOrreryNginx().rememberingWindowsOf(lb), base.withDeltaUploads(false).withFanOut(false));
                tBefore = DeployBenchmark.timed(() -> before.deploy(f.cluster, rel[1], beforeSteps.begin()));
                beforeSteps.end();
                fan = f.rollout(PassiveDrain.forOrreryNginx(servers).rememberingWindowsOf(lb), base.withDeltaUploads(false).withFanOut(true));
                tFan = DeployBenchmark.timed(() -> fan.deploy(f.cluster, rel[2], fanSteps.begin()));
                fanSteps.end();
                small = f.rollout(PassiveDrain.forOrreryNginx(servers).rememberingWindowsOf(lb), base.withDeltaUploads(true).withFanOut(true));
                tSmall = DeployBenchmark.timed(() -> small.deploy(f.cluster, rel[3], smallSteps.begin()));
                smallSteps.end();
                DeployBenchmark.waitFor(load, Math.max(10_000, load.total() + 300));
            } finally {
                load.close();
            }
            System.out.println();
            System.out.printf(Locale.ROOT, "== %d app servers, %.1f MB release, laptop link %s, batch %d, load average now %s ==%n",
                    servers, size / 1e6, f.laptopLinkNote(), batch, loadAverage());
            row("Meteor Up's order (no load)", tMup, mup.bytesSent());
            row("Orrery before (parallel whole uploads)", tBefore, before.bytesSent());
            row("Orrery fan-out", tFan, fan.bytesSent());
            row("Orrery fan-out + one changed file", tSmall, small.bytesSent());
            System.out.printf(Locale.ROOT, "load during cases 2-4: %d failed of %d requests (GET failed %d, POST failed %d)%n",
                    load.failed.get(), load.total(), load.failedGets.get(), load.failedPosts.get());
            load.failures.stream().limit(5).forEach(x -> System.out.println("  " + x.lines().findFirst().orElse("")));
            System.out.println("nginx fail_timeout " + PassiveDrain.NGINX_FAIL_TIMEOUT.toSeconds() + " s");
            beforeSteps.print("Orrery before");
            fanSteps.print("Orrery fan-out");
            smallSteps.print("Orrery fan-out + one changed file");
        }
    }

    static void row(String what, long ms, long sent) {
        System.out.printf(Locale.ROOT, "%-42s %7.1f s   laptop sent %9.3f MB%n", what, ms / 1e3, sent / 1e6);
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
