package dev.orrery.metrics;

import dev.orrery.store.history.HistoryDb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Samples in, roll-ups, cluster rows, retention and the size cap out; charts read the right table. */
class MetricsStoreTest {
    /** 2026-01-01T00:00:00Z: whole minutes and hours. */
    private static final long T0 = 1_767_225_600_000L;

    @TempDir
    Path dir;
    HistoryDb db;
    MetricsStore store;
    MetricsQueries queries;

    @BeforeEach
    void open() throws Exception {
        db = HistoryDb.open(dir.resolve("history.db"));
        store = MetricsStore.open(db);
        queries = new MetricsQueries(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static Sample sample(String server, long timeMs, double cpu, double memUsedGb) {
        double[] v = Sample.unknown();
        v[Metric.CPU.ordinal()] = cpu;
        v[Metric.MEM_USED.ordinal()] = memUsedGb * 1e9;
        v[Metric.MEM_TOTAL.ordinal()] = 4e9;
        v[Metric.NET_RX.ordinal()] = 1000;
        return new Sample(server, timeMs, Sample.Source.SSH, v, List.of());
    }

    private void write(HistoryDb.SqlWork<?> w) throws SQLException {
        db.write(w);
    }

    @Test
    void aMinuteKeepsTheAverageAndTheSpike() throws Exception {
        // app-1: six samples in the first minute, CPU 10,10,10,10,10,70
        for (int i = 0; i < 6; i++) {
            write(store.sample("crater", sample("app-1", T0 + i * 10_000L, i == 5 ? 70 : 10, 1)));
            write(store.sample("crater", sample("app-2", T0 + i * 10_000L, 30, 3)));
        }
        write(store.sample("crater", sample("app-1", T0 + 60_000, 50, 1))); // the next minute: not rolled yet
        write(store.maintain(T0 + 65_000, 5_000));

        MetricSeries app1 = queries.metrics("crater", "app-1", T0, T0 + 60_000, 1, T0 + 40L * 24 * 3600_000);
        // 40 days later only hours would cover the range… but the minute was rolled to the 1m table:
        assertThat(count("metric_1m")).isEqualTo(3); // app-1, app-2, and the cluster's row
        MetricSeries minute = queries.metrics("crater", "app-1", T0, T0 + 60_000, 1, T0 + 2L * 24 * 3600_000);
        assertThat(minute.resolutionSeconds()).isEqualTo(60);
        assertThat(minute.avg(Metric.CPU)[0]).isCloseTo(20, within(0.05));
        assertThat(minute.max(Metric.CPU)[0]).isCloseTo(70, within(0.05));
        assertThat(app1.size()).isZero(); // past the minutes' 30 days: only hours, and the hour is not over yet

        MetricSeries cluster = queries.metrics("crater", null, T0, T0 + 60_000, 1, T0 + 2L * 24 * 3600_000);
        assertThat(cluster.avg(Metric.CPU)[0]).isCloseTo(25, within(0.05)); // (20 + 30) / 2
        assertThat(cluster.max(Metric.CPU)[0]).isCloseTo(70, within(0.05)); // the busiest server's spike
        assertThat(cluster.memoryPercent(false)[0]).isCloseTo(50, within(0.01)); // (1 + 3) / (4 + 4) GB
    }

    @Test
    void rawSamplesServeTheLastHourAndMinutesTheLastDay() throws Exception {
        long now = T0 + 3 * 3600_000L;
        for (long t = T0; t < now; t += 10_000) {
            write(store.sample("crater", sample("app-1", t, (t - T0) / 10_000 % 100, 1)));
        }
        write(store.maintain(now, 20_000));
        MetricSeries hour = queries.metrics("crater", "app-1", now - 3600_000, now, 1000, now);
        assertThat(hour.resolutionSeconds()).isEqualTo(10);
        assertThat(hour.size()).isEqualTo(360);
        MetricSeries day = queries.metrics("crater", "app-1", now - 24 * 3600_000L, now, 200, now);
        assertThat(day.resolutionSeconds()).isEqualTo(60); // raw would be 8640 rows for 200 points
        assertThat(day.bucketSeconds()).isEqualTo(480);
        // minutes T0 … T0 + 2:59 (the last minute waits for the grace) in 480-s buckets aligned to the epoch
        assertThat(day.size()).isEqualTo((int) Math.ceil(179 * 60 / 480.0));
        // two hours rolled up too
        assertThat(count("metric_1h")).isEqualTo(2 * 2); // app-1 and the cluster
    }

    @Test
    void eachTableForgetsAfterItsHorizonAndRestartsWhereItStopped() throws Exception {
        write(store.sample("crater", sample("app-1", T0, 10, 1)));
        write(store.maintain(T0 + 120_000, 0));
        assertThat(count("metric_raw")).isEqualTo(1);
        assertThat(count("metric_1m")).isEqualTo(2);
        // a day and a bit later: the raw sample is gone, its minute stays
        write(store.maintain(T0 + 25 * 3600_000L, 0));
        assertThat(count("metric_raw")).isZero();
        assertThat(count("metric_1m")).isEqualTo(2);
        assertThat(count("metric_1h")).isEqualTo(2);
        // 31 days: the minute is gone, the hour stays for a year
        write(store.maintain(T0 + 31L * 24 * 3600_000, 0));
        assertThat(count("metric_1m")).isZero();
        assertThat(count("metric_1h")).isEqualTo(2);
        write(store.maintain(T0 + 366L * 24 * 3600_000, 0));
        assertThat(count("metric_1h")).isZero();
    }

    @Test
    void theSizeCapTakesTheOldestMinutesFirst() throws Exception {
        db.write(c -> {
            for (int s = 0; s < 3; s++) {
                for (long t = 0; t < 3 * 24 * 3600; t += 60) {
                    store.sample("big", sample("app-" + s, T0 + t * 1000, 50, 2)).run(c);
                }
            }
            return null;
        });
        // roll each day into minutes as it passes; raw rows stay for the last day only
        long now = T0 + 3L * 24 * 3600_000;
        for (int day = 1; day <= 3; day++) {
            db.write(store.maintain(T0 + day * 24L * 3600_000, 0));
        }
        assertThat(count("metric_1m")).isEqualTo(4 * 3 * 1440L); // three servers and the cluster
        long before = db.usedBytes();
        long oldestMinute = min("metric_1m");
        db.enforceCap(before * 2 / 3);
        assertThat(db.usedBytes()).isLessThanOrEqualTo(before * 2 / 3);
        assertThat(min("metric_1m")).isGreaterThan(oldestMinute);
        assertThat(count("metric_raw")).isPositive(); // the last day's samples are the last to go
    }

    @Test
    void probesMarkersAndOutages() throws Exception {
        write(store.probeBucket("crater", "app-1", T0, 13, 0, 4_000, 9_000));
        write(store.probeBucket("crater", "app-1", T0 + 10_000, 10, 3, 6_000, 30_000));
        write(store.marker("crater", T0 + 5_000, "deploy", "deploy v3 started"));
        write(store.outageBegan("crater", "app-1", T0 + 12_000, "app-1 is down: refused"));
        ProbeSeries p = queries.probes("crater", "app-1", T0, T0 + 20_000, 10, T0 + 20_000);
        assertThat(p.ok()).containsExactly(13, 10);
        assertThat(p.fail()).containsExactly(0, 3);
        assertThat(p.latencyMs()).containsExactly(4.0, 6.0);
        assertThat(p.worstMs()).containsExactly(9.0, 30.0);
        assertThat(queries.markers("crater", T0, T0 + 20_000)).extracting(MetricsQueries.Marker::label).containsExactly("deploy v3 started");
        assertThat(queries.outages("crater", null, T0, T0 + 20_000)).singleElement()
                .satisfies(o -> assertThat(o.endMs()).isZero());
        write(store.outageEnded("crater", "app-1", T0 + 18_000));
        assertThat(queries.outages("crater", "app-1", T0, T0 + 20_000)).singleElement()
                .satisfies(o -> assertThat(o.endMs()).isEqualTo(T0 + 18_000));
        assertThat(queries.outages("crater", "app-2", T0, T0 + 20_000)).isEmpty();
    }

    @Test
    void latestPerServer() throws Exception {
        write(store.sample("crater", sample("app-1", T0, 10, 1)));
        write(store.sample("crater", sample("app-1", T0 + 10_000, 12.34, 1)));
        write(store.sample("other", sample("app-1", T0 + 10_000, 99, 1)));
        var latest = queries.latest("crater");
        assertThat(latest).containsOnlyKeys("app-1");
        assertThat(latest.get("app-1").values().get(Metric.CPU)).isCloseTo(12.3, within(0.001));
        assertThat(latest.get("app-1").values().get(Metric.STEAL)).isNaN();
        assertThat(latest.get("app-1").timeMs()).isEqualTo(T0 + 10_000);
    }

    private long count(String table) throws SQLException {
        return db.read(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private long min(String table) throws SQLException {
        return db.read(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT min(t) FROM " + table)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
