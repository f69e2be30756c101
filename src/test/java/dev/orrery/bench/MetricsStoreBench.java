package dev.orrery.bench;

import dev.orrery.metrics.Metric;
import dev.orrery.metrics.MetricsQueries;
import dev.orrery.metrics.MetricsStore;
import dev.orrery.metrics.Sample;
import dev.orrery.store.history.HistoryDb;
import dev.orrery.ui.metrics.ChartData;
import dev.orrery.ui.metrics.TimeChart;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.paint.Color;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Benchmark (not a test) of the history store's two figures:
 * <ol>
 * <li>disk bytes per server per day: {@code servers} servers sampled every 10 s (every metric
 *     known, realistic values) and probed every 750 ms (10-s buckets) for a day, rolled up as a
 *     running watch does; the store's used bytes per table family are divided by servers × days;
 * <li>time to draw a 30-day chart: 30 days of history (1-minute and 1-hour roll-ups, as they
 *     stand after a month), then the chart's read (five metrics' points, probes, markers, outages)
 *     and its draw on a canvas, headless (Monocle, software), for one server and for the cluster.
 * </ol>
 * <pre>java -cp target/test-classes:target/classes:$(cat target/cp.txt) dev.orrery.bench.MetricsStoreBench 20 [chart]</pre>
 */
public final class MetricsStoreBench {
    private static final long T0 = 1_767_225_600_000L;

    public static void main(String[] args) throws Exception {
        int servers = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Path dir = Files.createTempDirectory("orrery-metrics-bench");
        if (!(args.length > 1 && args[1].equals("chart"))) { // "chart": only the 30-day chart's figure
            bytesPerDay(dir.resolve("day.db"), servers);
        }
        thirtyDayChart(dir.resolve("month.db"), servers);
    }

    static Sample sample(String server, long t, ThreadLocalRandom r) {
        double[] v = new double[Metric.values().length];
        v[Metric.CPU.ordinal()] = 5 + r.nextDouble() * 60;
        v[Metric.STEAL.ordinal()] = r.nextDouble() * 2;
        v[Metric.IOWAIT.ordinal()] = r.nextDouble();
        v[Metric.LOAD1.ordinal()] = r.nextDouble() * 2;
        v[Metric.LOAD5.ordinal()] = 0.8;
        v[Metric.LOAD15.ordinal()] = 0.7;
        v[Metric.MEM_USED.ordinal()] = 600e6 + r.nextDouble() * 200e6;
        v[Metric.MEM_TOTAL.ordinal()] = 1_027_866_624;
        v[Metric.SWAP_USED.ordinal()] = 0;
        v[Metric.SWAP_TOTAL.ordinal()] = 0;
        v[Metric.DISK.ordinal()] = 38.1;
        v[Metric.DISK_USED.ordinal()] = 9.3e9;
        v[Metric.DISK_SIZE.ordinal()] = 25.8e9;
        v[Metric.IO_READ.ordinal()] = r.nextDouble() * 5000;
        v[Metric.IO_WRITE.ordinal()] = r.nextDouble() * 150_000;
        v[Metric.NET_RX.ordinal()] = r.nextDouble() * 80_000;
        v[Metric.NET_TX.ordinal()] = r.nextDouble() * 200_000;
        v[Metric.APP_CPU.ordinal()] = r.nextDouble() * 40;
        v[Metric.APP_RSS.ordinal()] = 160e6 + r.nextDouble() * 10e6;
        v[Metric.CPUS.ordinal()] = 1;
        return new Sample(server, t, Sample.Source.SSH, v, List.of());
    }

    private static void bytesPerDay(Path file, int servers) throws Exception {
        try (HistoryDb db = HistoryDb.open(file)) {
            MetricsStore store = MetricsStore.open(db);
            long empty = db.usedBytes();
            ThreadLocalRandom r = ThreadLocalRandom.current();
            long day = 86_400_000L;
            db.write(c -> {
                for (long t = T0; t < T0 + day; t += 10_000) {
                    for (int s = 0; s < servers; s++) {
                        store.sample("bench", sample("app-" + s, t + s, r)).run(c);
                        store.probeBucket("bench", "app-" + s, t, 13, 0, 3_000 + r.nextInt(5_000), 12_000).run(c);
                    }
                }
                return null;
            });
            long raw = db.usedBytes() - empty;
            // roll the day up as the watch does (every minute; here in one go), then weigh each family on its own
            db.write(store.maintain(T0 + day + 3_600_000, 0));
            db.write(c -> c.createStatement().executeUpdate("DELETE FROM metric_raw") + c.createStatement().executeUpdate("DELETE FROM probe_raw"));
            long rolled = db.usedBytes() - empty;
            db.write(c -> c.createStatement().executeUpdate("DELETE FROM metric_1m") + c.createStatement().executeUpdate("DELETE FROM probe_1m"));
            long hours = db.usedBytes() - empty;
            long minutes = rolled - hours;
            double per = servers;
            System.out.printf("%d servers for one day (8,640 samples and 8,640 probe buckets each, the cluster's own roll-up rows included):%n", servers);
            System.out.printf("  per server per day: %.0f KB raw (kept 24 h) + %.0f KB of 1-minute roll-ups (kept 30 d) + %.1f KB of 1-hour roll-ups (kept 1 y)%n",
                    raw / per / 1000, minutes / per / 1000, hours / per / 1000);
            System.out.printf("  written per server per day: %.0f KB; held per server once a year has passed: %.1f MB (24 h raw + 30 d of minutes + 365 d of hours)%n",
                    (raw + minutes + hours) / per / 1000, (raw + 30.0 * minutes + 365.0 * hours) / per / 1e6);
        }
    }

    private static void thirtyDayChart(Path file, int servers) throws Exception {
        long now = T0 + 31L * 86_400_000;
        try (HistoryDb db = HistoryDb.open(file)) {
            MetricsStore store = MetricsStore.open(db);
            ThreadLocalRandom r = ThreadLocalRandom.current();
            // a month as it stands after 30 days of sampling: raw rows for the last day only; write a sample a minute
            // for the older days (the roll-ups need rows to roll) and let maintain drop what has passed its horizon
            db.write(c -> {
                for (long t = now - 31L * 86_400_000; t < now; t += 60_000) {
                    for (int s = 0; s < servers; s++) {
                        store.sample("bench", sample("app-" + s, t, r)).run(c);
                    }
                    if ((t - now) % 3_600_000 == 0) {
                        store.maintain(t, 0).run(c);
                    }
                }
                store.maintain(now, 0).run(c);
                for (int k = 0; k < 40; k++) {
                    store.marker("bench", now - r.nextLong(30L * 86_400_000), "deploy", "Deploy v" + k + " started").run(c);
                }
                return null;
            });
            MetricsQueries q = new MetricsQueries(db);
            CompletableFuture<Void> up = new CompletableFuture<>();
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("prism.order", "sw");
            Platform.startup(() -> up.complete(null));
            up.join();
            var threads = java.lang.management.ManagementFactory.getThreadMXBean();
            List<TimeChart> charts = onFx(() -> {
                List<TimeChart> made = new ArrayList<>();
                javafx.scene.layout.VBox box = new javafx.scene.layout.VBox();
                for (String name : List.of("CPU", "Memory", "Disk", "Network", "Latency")) {
                    TimeChart c = new TimeChart(name, v -> String.format("%.0f", v), 100);
                    c.setPrefSize(900, 150);
                    made.add(c);
                    box.getChildren().add(c);
                }
                new Scene(box, 900, 750);
                box.applyCss();
                box.layout();
                return made;
            });
            for (String who : new String[] {"app-0", null}) {
                int runs = 15;
                double[] readWall = new double[runs];
                double[] readCpu = new double[runs];
                double[] drawCpu = new double[runs];
                double[] frameCpu = new double[runs];
                for (int i = 0; i < runs; i++) {
                    long c0 = threads.getCurrentThreadCpuTime();
                    long t0 = System.nanoTime();
                    ChartData d = ChartData.read(q, "bench", who, now - 30L * 86_400_000, now, 720);
                    readWall[i] = (System.nanoTime() - t0) / 1e6;
                    readCpu[i] = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
                    double[] fx = onFx(() -> {
                        long d0 = threads.getCurrentThreadCpuTime();
                        for (TimeChart c : charts) {
                            c.setData(d.fromMs(), d.toMs(), d.metrics().timesMs(), List.of(new TimeChart.Line("avg", Color.BLUE,
                                    d.metrics().avg(Metric.CPU), d.metrics().max(Metric.CPU))),
                                    d.markers().stream().map(m -> new TimeChart.Marker(m.timeMs(), m.label(), false)).toList(), List.of());
                        }
                        long d1 = threads.getCurrentThreadCpuTime();
                        charts.get(0).getScene().snapshot(null); // the frame those canvases make, rendered in software
                        return new double[] {(d1 - d0) / 1e6, (threads.getCurrentThreadCpuTime() - d1) / 1e6};
                    });
                    drawCpu[i] = fx[0];
                    frameCpu[i] = fx[1];
                }
                System.out.printf("30-day chart of %s (%d points a chart, five charts): read %.1f ms wall / %.1f ms CPU on the io thread; "
                                + "drawing the five canvases %.1f ms CPU on the FX thread; rendering the frame (software) %.1f ms CPU%n",
                        who == null ? "the cluster (" + servers + " servers)" : "one server", ChartData.read(q, "bench", who,
                                now - 30L * 86_400_000, now, 720).metrics().size(),
                        median(readWall), median(readCpu), median(drawCpu), median(frameCpu));
            }
            Platform.exit();
        }
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> work) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.call());
            } catch (Exception e) {
                f.completeExceptionally(e);
            }
        });
        return f.get();
    }

    private static double median(double[] v) {
        double[] s = Arrays.copyOfRange(v, 3, v.length); // the first runs warm the JIT up
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
