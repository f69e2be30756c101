package dev.orrery.ui.metrics;

import dev.orrery.metrics.Metric;
import dev.orrery.metrics.MetricsQueries;
import dev.orrery.metrics.MetricsSampler;
import dev.orrery.metrics.MetricsStore;
import dev.orrery.metrics.Sample;
import dev.orrery.store.history.HistoryDb;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Metrics tab over a real history store: a month of a cluster's history (written the way the
 * watch writes it, then rolled up), charts for each range, deploy markers and a down period, and
 * live samples reaching the server list. Headless (Monocle).
 */
@ExtendWith(ApplicationExtension.class)
class MetricsViewTest {
    static final long NOW = 1_767_225_600_000L + 40L * 86_400_000; // 40 days after 2026-01-01, on a whole hour

    @TempDir
    static Path dir;
    private static HistoryDb db;
    private final ExecutorService io = Executors.newFixedThreadPool(2);
    private MetricsView view;

    /** 31 days of samples (one every five minutes) of two servers, rolled up day by day as a running watch would. */
    @org.junit.jupiter.api.BeforeAll
    static void history() throws Exception {
        db = HistoryDb.open(dir.resolve("history.db"));
        MetricsStore store = MetricsStore.open(db);
        db.write(c -> {
            for (long t = NOW - 31L * 86_400_000; t < NOW; t += 300_000) {
                for (String s : List.of("app-1", "app-2")) {
                    double[] v = Sample.unknown();
                    v[Metric.CPU.ordinal()] = s.equals("app-1") ? 20 + (t / 300_000) % 30 : 70;
                    v[Metric.MEM_USED.ordinal()] = 1e9;
                    v[Metric.MEM_TOTAL.ordinal()] = 4e9;
                    v[Metric.DISK.ordinal()] = 41;
                    v[Metric.NET_RX.ordinal()] = 2e5;
                    store.sample("crater", new Sample(s, t, Sample.Source.SSH, v, List.of())).run(c);
                }
                if ((t - NOW) % 86_400_000 == 0) {
                    store.maintain(t, 0).run(c);
                }
            }
            store.maintain(NOW, 0).run(c);
            store.probeBucket("crater", "app-1", NOW - 600_000, 13, 0, 4_000, 9_000).run(c);
            store.marker("crater", NOW - 30 * 60_000, "deploy", "Deploy v3 to crater started").run(c);
            store.marker("crater", NOW - 20 * 60_000, "failed", "Deploy v3 to crater failed: health gate").run(c);
            store.outageBegan("crater", "app-2", NOW - 10 * 60_000, "app-2 is down").run(c);
            store.outageEnded("crater", "app-2", NOW - 8 * 60_000).run(c);
            return null;
        });
    }

    @org.junit.jupiter.api.AfterAll
    static void closeStore() {
        db.close();
    }

    @Start
    void start(Stage stage) {
        view = new MetricsView("crater", List.of("app-1", "app-2"), new MetricsQueries(db), io, () -> NOW,
                () -> List.of(new MetricsSampler.Status("app-1", Sample.Source.SSH, NOW, null, 9, 0),
                        new MetricsSampler.Status("app-2", Sample.Source.DIGITALOCEAN, NOW, null, 9, 0)), 10_000);
        stage.setScene(new Scene(view, 1000, 700));
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        fx(() -> {
            view.dispose();
            return null;
        });
        io.shutdownNow();
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(5, TimeUnit.MINUTES);
    }

    private void showRange(long seconds, String server) throws Exception {
        fx(() -> {
            view.select(server);
            view.setRange(seconds);
            view.reload();
            return null;
        });
        WaitForAsyncUtils.waitFor(5, TimeUnit.MINUTES, () -> fx(() -> view.shown() != null && view.shown().toMs() == NOW
                && view.rangeSeconds() == seconds && java.util.Objects.equals(view.shown().server(), server)
                && view.shown().fromMs() == NOW - seconds * 1000));
    }

    @Test
    void everyRangeDrawsFromTheStoreWithMarkersAndTheDownPeriod() throws Exception {
        for (long range : MetricsView.RANGES) {
            showRange(range, null);
            TimeChart cpu = fx(() -> view.charts().get(0));
            assertThat(fx(cpu::points)).as("points for " + range + " s").isPositive().isLessThanOrEqualTo(MetricsView.POINTS + 2);
            // the cluster: the average of app-1 (20…49) and app-2 (70)
            double[] avg = fx(() -> cpu.lines().get(0).avg());
            assertThat(java.util.Arrays.stream(avg).filter(v -> !Double.isNaN(v)).average().orElseThrow()).isBetween(40.0, 60.0);
        }
        showRange(3600, null);
        TimeChart cpu = fx(() -> view.charts().get(0));
        assertThat(fx(cpu::markers)).extracting(TimeChart.Marker::failed).containsExactly(false, true);
        assertThat(fx(cpu::shades)).hasSize(1);
        assertThat(fx(cpu::describe)).contains("2 deploy markers, 1 down periods");
        assertThat(fx(() -> view.charts().get(4).points())).isEqualTo(1); // the latency chart: one probe bucket
    }

    @Test
    void aServerShowsItsOwnSourceAndLiveSamplesReachTheList() throws Exception {
        showRange(86_400, "app-2");
        String source = fx(() -> ((javafx.scene.control.Label) view.lookup("#metrics-source")).getText());
        assertThat(source).startsWith("DigitalOcean Monitoring (do-agent)").contains("one point per 2 min");
        double[] cpu = fx(() -> view.charts().get(0).lines().get(0).avg());
        assertThat(java.util.Arrays.stream(cpu).filter(v -> !Double.isNaN(v)).max().orElseThrow()).isEqualTo(70.0);

        double[] v = Sample.unknown();
        v[Metric.CPU.ordinal()] = 93.5;
        v[Metric.MEM_USED.ordinal()] = 3e9;
        v[Metric.MEM_TOTAL.ordinal()] = 4e9;
        view.offer(new Sample("app-1", NOW, Sample.Source.SSH, v, List.of()));
        WaitForAsyncUtils.waitFor(5, TimeUnit.MINUTES, () -> fx(() -> view.lookupAll(".list-cell").stream()
                .map(n -> ((javafx.scene.control.ListCell<?>) n).getText()).anyMatch(t -> t != null && t.contains("CPU 93.5% · mem 75%"))));
    }

    @Test
    void aThirtyDayChartIsReadAndDrawnQuickly() throws Exception {
        showRange(30L * 86_400, null);
        ChartData d = fx(view::shown);
        assertThat(d.metrics().resolutionSeconds()).isEqualTo(3600);
        assertThat(d.metrics().size()).isBetween(700, 745); // one point an hour
        // the benchmark (MetricsStoreBench) measures how long; here only that it is drawn from the hour table
    }
}
