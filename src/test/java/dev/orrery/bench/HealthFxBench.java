package dev.orrery.bench;

import dev.orrery.engine.Engine;
import dev.orrery.health.DirectRoute;
import dev.orrery.health.ExecutorProbeClock;
import dev.orrery.health.HealthMonitor;
import dev.orrery.health.LaneExecutor;
import dev.orrery.health.Outcome;
import dev.orrery.health.ProbeResult;
import dev.orrery.health.Prober;
import dev.orrery.engine.state.LiveClusterState;
import dev.orrery.model.AppSpec;
import dev.orrery.model.Balancer;
import dev.orrery.model.Cluster;
import dev.orrery.model.HealthCheck;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.ui.health.HealthView;
import dev.orrery.ui.live.LiveLooks;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Benchmark (not a test): the FX thread with N servers live in a {@link HealthView}, headless
 * (Monocle, software rendering), its status column fed as in the window: the monitor feeds the
 * cluster's {@link LiveClusterState}, whose looks reach the FX thread through the live bridge
 * ({@link LiveLooks}). The monitor runs for real on the Engine's scheduler at 750 ms;
 * only the HTTP is synthetic (a prober answering at once with a random latency; every 20th
 * server is down 10 s of each minute, so state changes, timeline segments and notifications
 * happen too). Prints, each minute and at the end: time per pulse on the FX thread (from the
 * first animation timer to the end of the scene pulse — CSS, layout, the bridge, the charts)
 * p50/p99/max, the bridge's own share, and the heap.
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) dev.orrery.bench.HealthFxBench 200 10
 * </pre>
 */
public final class HealthFxBench {
    private static com.sun.javafx.tk.TKPulseListener endOfPulse;

    public static void main(String[] args) throws Exception {
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("headless.geometry", "1600x1000-32"); // the stage must fit the virtual screen
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int minutes = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        if (n < 1 || n > 1000 || minutes < 1 || minutes > 30) {
            throw new IllegalArgumentException("1..1000 servers, 1..30 minutes");
        }
        HealthCheck hc = new HealthCheck("/health", 750, 2, 2, 1000);
        long startMs = System.currentTimeMillis();
        Prober synthetic = (URI target, int timeoutMs) -> {
            int i = target.getHost().hashCode();
            boolean flapper = Math.floorMod(i, 20) == 0;
            long second = (System.currentTimeMillis() - startMs) / 1000 % 60;
            if (flapper && second >= 30 && second < 40) {
                return CompletableFuture.completedFuture(ProbeResult.failed(Outcome.REFUSED, 0.3, "connection refused"));
            }
            return CompletableFuture.completedFuture(ProbeResult.ok(2 + ThreadLocalRandom.current().nextDouble() * 8, 200));
        };
        List<Server> servers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            servers.add(Server.of("app-" + i, Role.APP, "10.0." + i / 250 + "." + (i % 250 + 1)));
        }
        LiveClusterState live = new LiveClusterState("bench");
        live.setCluster(new Cluster("bench", new AppSpec("bench", 3000, Map.of(), List.of()), Balancer.defaults().withHealthCheck(hc), servers));
        int cap = minutes * 60 * 70 + 1000;
        long[] pulses = new long[cap];
        long[] bridge = new long[cap];
        long[] liveBridge = new long[cap];
        int[] counts = {0, 0, 0};
        long[] t0 = {0};

        Platform.startup(() -> { });
        try (Engine engine = new Engine()) {
            LaneExecutor lanes = new LaneExecutor(engine.io(), HealthMonitor.PROBE_LANES);
            HealthMonitor monitor = new HealthMonitor(hc, 3000, new DirectRoute(), synthetic,
                    new ExecutorProbeClock(engine.scheduler()), lanes);
            monitor.setServers(servers);
            monitor.addListener(live);
            CountDownLatch shown = new CountDownLatch(1);
            Platform.runLater(() -> {
                new AnimationTimer() { // started first, so it runs first in each pulse
                    @Override
                    public void handle(long now) {
                        t0[0] = System.nanoTime();
                    }
                }.start();
                // The toolkit holds pulse listeners weakly: keep this one in a field.
                endOfPulse = () -> {
                    if (t0[0] != 0 && counts[0] < cap) {
                        pulses[counts[0]++] = System.nanoTime() - t0[0];
                    }
                    t0[0] = 0;
                };
                com.sun.javafx.tk.Toolkit.getToolkit().addPostSceneTkPulseListener(endOfPulse);
                HealthView view = new HealthView(monitor);
                view.bridge().setPulseObserver(ns -> {
                    if (counts[1] < cap) {
                        bridge[counts[1]++] = ns;
                    }
                });
                LiveLooks.show(live, view).setPulseObserver(ns -> {
                    if (counts[2] < cap) {
                        liveBridge[counts[2]++] = ns;
                    }
                });
                Stage stage = new Stage();
                stage.setScene(new Scene(view, 1400, 900));
                stage.show();
                shown.countDown();
            });
            shown.await();
            monitor.start();
            System.out.printf("%d servers at %d ms, headless FX (Monocle, sw), %d min%n", n, hc.intervalMs(), minutes);
            int from = 0;
            for (int m = 1; m <= minutes; m++) {
                Thread.sleep(60_000);
                int to = snapshot(counts);
                Runtime rt = Runtime.getRuntime();
                System.out.printf("minute %2d: %s; heap used %.1f MB%n", m, stats(pulses, from, to),
                        (rt.totalMemory() - rt.freeMemory()) / 1e6);
                from = to;
            }
            monitor.close();
            int total = snapshot(counts);
            System.out.printf("all %d min: pulse %s%n", minutes, stats(pulses, 0, total));
            System.out.printf("all %d min: bridge+model+charts share %s%n", minutes, stats(bridge, 0, Math.min(counts[1], cap)));
            System.out.printf("all %d min: live-state bridge share %s%n", minutes, stats(liveBridge, 0, Math.min(counts[2], cap)));
            System.gc();
            Thread.sleep(500);
            System.gc();
            Runtime rt = Runtime.getRuntime();
            System.out.printf("heap after %d min (after GC): %.1f MB used of %.1f MB committed%n", minutes,
                    (rt.totalMemory() - rt.freeMemory()) / 1e6, rt.totalMemory() / 1e6);
        } finally {
            Platform.exit();
        }
    }

    /** How many pulses the FX thread has counted so far (read on the FX thread). */
    static int snapshot(int[] counts) throws InterruptedException {
        int[] out = new int[1];
        CountDownLatch l = new CountDownLatch(1);
        Platform.runLater(() -> {
            out[0] = counts[0];
            l.countDown();
        });
        l.await();
        return out[0];
    }

    /** p50/p99/max of pulse times {@code from} … {@code to}; MetricsFxBench prints the same. */
    static String stats(long[] ns, int from, int to) {
        long[] s = Arrays.copyOfRange(ns, from, Math.max(from, to));
        Arrays.sort(s);
        if (s.length == 0) {
            return "no pulses";
        }
        return String.format("%d pulses, p50 %.2f ms, p99 %.2f ms, max %.2f ms",
                s.length, s[s.length / 2] / 1e6, s[Math.min(s.length - 1, (int) Math.ceil(0.99 * s.length) - 1)] / 1e6,
                s[s.length - 1] / 1e6);
    }
}
