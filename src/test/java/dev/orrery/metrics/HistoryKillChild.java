package dev.orrery.metrics;

import dev.orrery.store.history.HistoryDb;
import dev.orrery.store.history.HistoryWriter;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The child JVM of {@link HistoryKillTest}: writes samples through the real path (MetricsStore +
 * HistoryWriter, 250 ms batches) as fast as 100 servers sampled every 10 s would, ten times over,
 * and prints {@code queued I MS} for each sample it hands over and {@code committed N} each
 * time the writer's count of committed samples grows. It never stops; the test kills it.
 */
public final class HistoryKillChild {
    static final long T0 = 1_767_225_600_000L;

    public static void main(String[] args) throws Exception {
        HistoryDb db = HistoryDb.open(Path.of(args[0]));
        MetricsStore store = MetricsStore.open(db);
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
        HistoryWriter writer = new HistoryWriter(db, scheduler, Executors.newSingleThreadExecutor(), 250);
        long reported = 0;
        for (int i = 0; ; i++) {
            double[] v = Sample.unknown();
            v[Metric.CPU.ordinal()] = i % 100;
            v[Metric.LOAD1.ordinal()] = i; // the sample's index, to find the last one stored
            writer.submit(store.sample("kill", new Sample(server(i), time(i), Sample.Source.SSH, v, List.of())));
            System.out.println("queued " + i + " " + System.currentTimeMillis());
            long done = writer.written();
            if (done != reported) {
                reported = done;
                System.out.println("committed " + done);
            }
            Thread.sleep(1);
        }
    }

    static String server(int i) {
        return "app-" + (i % 100);
    }

    static long time(int i) {
        return T0 + (i / 100) * 10_000L;
    }
}
