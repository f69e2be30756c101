package dev.orrery.bench;

import dev.orrery.metrics.Metric;
import dev.orrery.metrics.MetricsQueries;
import dev.orrery.metrics.MetricsStore;
import dev.orrery.metrics.Sample;
import dev.orrery.model.AppSpec;
import dev.orrery.model.Balancer;
import dev.orrery.model.Cluster;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.store.history.HistoryDb;
import dev.orrery.store.history.HistoryWriter;
import dev.orrery.ui.main.MainWindow;
import dev.orrery.ui.metrics.MetricsView;
import dev.orrery.ui.topology.TopologyView;
import javafx.animation.AnimationTimer;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.SplitPane;
import javafx.stage.Stage;
import javafx.util.Duration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark (not a test): the FX thread with 200 servers sampled every 10 s and the charts open,
 * headless (Monocle, software rendering). The window's two metrics faces side by side: the
 * topology with 200 node cards whose CPU/memory bars follow the samples (set four times a
 * second, as WindowMetrics does), and the Metrics tab on the cluster's last hour (re-read from a
 * real history store every 10 s on an io thread, its server list updated with every sample).
 * Samples are synthetic (the SSH side is measured by MetricsSamplingBenchmark) but go through
 * the real HistoryWriter into the store the charts read. Prints time per FX pulse (from the first
 * animation timer to the end of the scene pulse, as HealthFxBench measures it) p50/p99/max.
 * <pre>java -cp target/test-classes:target/classes:$(cat target/cp.txt) dev.orrery.bench.MetricsFxBench 200 3</pre>
 */
public final class MetricsFxBench {
    private static com.sun.javafx.tk.TKPulseListener endOfPulse;

    public static void main(String[] args) throws Exception {
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("headless.geometry", "1600x1000-32");
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int minutes = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String parts = args.length > 2 ? args[2] : "both"; // both | topology | charts: to see which costs what
        Path dir = Files.createTempDirectory("orrery-metrics-fx");
        HistoryDb db = HistoryDb.open(dir.resolve("history.db"));
        MetricsStore store = MetricsStore.open(db);
        long now = System.currentTimeMillis();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add("app-" + i);
        }
        // the last hour already recorded, so the charts have a full range from the start
        db.write(c -> {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            for (long t = now - 3_600_000; t < now; t += 10_000) {
                for (String s : names) {
                    store.sample("bench", MetricsStoreBench.sample(s, t, r)).run(c);
                }
            }
            return null;
        });
        ScheduledExecutorService threads = Executors.newScheduledThreadPool(3);
        HistoryWriter writer = new HistoryWriter(db, threads, threads, 250);
        int cap = minutes * 60 * 70 + 1000;
        long[] pulses = new long[cap];
        long[] cpu = new long[cap];
        int[] count = {0};
        long[] t0 = {0};
        long[] c0 = {0};
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        Map<String, double[]> bars = new ConcurrentHashMap<>();
        MetricsView[] view = new MetricsView[1];
        TopologyView[] topology = new TopologyView[1];
        CountDownLatch shown = new CountDownLatch(1);
        Platform.startup(() -> {
            new AnimationTimer() {
                @Override
                public void handle(long t) {
                    t0[0] = System.nanoTime();
                    c0[0] = mx.getCurrentThreadCpuTime();
                }
            }.start();
            endOfPulse = () -> {
                if (t0[0] != 0 && count[0] < cap) {
                    cpu[count[0]] = mx.getCurrentThreadCpuTime() - c0[0];
                    pulses[count[0]++] = System.nanoTime() - t0[0];
                }
                t0[0] = 0;
            };
            com.sun.javafx.tk.Toolkit.getToolkit().addPostSceneTkPulseListener(endOfPulse);
            List<Server> servers = new ArrayList<>();
            servers.add(Server.of("lb-1", Role.BALANCER, "10.0.0.1"));
            for (int i = 0; i < n; i++) {
                servers.add(Server.of(names.get(i), Role.APP, "10.0." + (1 + i / 250) + "." + (i % 250 + 1)));
            }
            topology[0] = new TopologyView();
            topology[0].clusterProperty().set(new Cluster("bench", new AppSpec("bench", 3000, Map.of(), List.of()), Balancer.defaults(), servers));
            view[0] = new MetricsView("bench", names, new MetricsQueries(db), threads, System::currentTimeMillis, List::of, 10_000);
            Timeline barTimer = new Timeline(new KeyFrame(Duration.millis(250), e -> {
                for (String s : List.copyOf(bars.keySet())) {
                    double[] v = bars.remove(s);
                    topology[0].status(s).setResources(v[0], v[1]);
                }
            }));
            barTimer.setCycleCount(Timeline.INDEFINITE);
            barTimer.play();
            Stage stage = new Stage();
            Scene scene = new Scene(parts.equals("topology") ? topology[0] : parts.equals("charts") ? view[0]
                    : new SplitPane(topology[0], view[0]), 1500, 950);
            scene.getStylesheets().add(MainWindow.class.getResource(MainWindow.STYLESHEET).toExternalForm());
            stage.setScene(scene);
            stage.show();
            shown.countDown();
        });
        shown.await();
        // every server sampled every 10 s, spread over the interval as the sampler spreads them
        for (int i = 0; i < n; i++) {
            String s = names.get(i);
            threads.scheduleAtFixedRate(() -> {
                Sample sample = MetricsStoreBench.sample(s, System.currentTimeMillis(), ThreadLocalRandom.current());
                writer.submit(store.sample("bench", sample));
                bars.put(s, new double[] {sample.get(Metric.CPU), sample.memoryPercent()});
                view[0].offer(sample);
            }, (long) i * 10_000 / n, 10_000, TimeUnit.MILLISECONDS);
        }
        System.out.printf("%d servers sampled every 10 s, topology with CPU/memory bars + Metrics tab (cluster, last hour), headless FX, %d min%n",
                n, minutes);
        int from = 0;
        for (int m = 1; m <= minutes; m++) {
            Thread.sleep(60_000);
            int to = HealthFxBench.snapshot(count);
            System.out.printf("minute %d: wall %s; FX-thread CPU %s; charts re-read %d times%n", m, HealthFxBench.stats(pulses, from, to),
                    HealthFxBench.stats(cpu, from, to), view[0].charts().get(0).redraws());
            from = to;
        }
        int all = HealthFxBench.snapshot(count);
        System.out.printf("all %d min: pulse wall %s%n", minutes, HealthFxBench.stats(pulses, 0, all));
        System.out.printf("all %d min: pulse FX-thread CPU %s%n", minutes, HealthFxBench.stats(cpu, 0, all));
        System.out.printf("load average %.1f on %d cores (wall times grow with the machine's load; CPU times much less)%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());
        threads.shutdownNow();
        Platform.exit();
        db.close();
    }
}
