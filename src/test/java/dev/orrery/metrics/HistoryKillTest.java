package dev.orrery.metrics;

import dev.orrery.store.history.HistoryDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kill -9} while history is being written, then reopen: the file is whole (SQLite's own
 * integrity check), every sample the writer had committed is there, the ones lost are only those
 * queued since the last commit (a 250 ms batch), and the store takes writes again.
 */
class HistoryKillTest {
    @TempDir
    Path dir;

    @Test
    void killingTheWriterLosesAtMostTheLastBatchAndNeverCorrupts() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int round = 0; round < 3; round++) {
            Path file = dir.resolve("history-" + round + ".db");
            Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                    HistoryKillChild.class.getName(), file.toString())).redirectErrorStream(true).start();
            long committed = 0;
            int lastQueued = -1;
            Map<Integer, Long> queuedAt = new HashMap<>();
            long killedAt;
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()));
                // let it commit a few batches, then kill it at a random moment of the next ones
                int commits = 0;
                int more = ThreadLocalRandom.current().nextInt(200, 2_000);
                for (String line; (line = out.readLine()) != null; ) {
                    String[] f = line.split(" ");
                    if (f[0].equals("committed")) {
                        committed = Long.parseLong(f[1]);
                        commits++;
                    } else if (f[0].equals("queued")) {
                        lastQueued = Integer.parseInt(f[1]);
                        queuedAt.put(lastQueued, Long.parseLong(f[2]));
                        if (commits >= 3 && --more == 0) {
                            break;
                        }
                    }
                }
            } finally {
                p.destroyForcibly(); // SIGKILL
                killedAt = System.currentTimeMillis();
                assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();
            }
            assertThat(committed).as("the child committed batches before it was killed").isPositive();

            try (HistoryDb db = HistoryDb.open(file)) {
                String integrity = db.read(c -> {
                    try (ResultSet rs = c.createStatement().executeQuery("PRAGMA integrity_check")) {
                        rs.next();
                        return rs.getString(1);
                    }
                });
                assertThat(integrity).isEqualTo("ok");
                long stored = db.read(c -> {
                    try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM metric_raw")) {
                        rs.next();
                        return rs.getLong(1);
                    }
                });
                // batches commit in queue order, so what is stored is a prefix of what was queued
                assertThat(stored).as("committed samples survive the kill").isGreaterThanOrEqualTo(committed);
                int firstLost = (int) stored;
                Long lostSince = queuedAt.get(firstLost);
                System.out.printf("round %d: %d samples committed, %d stored, %d queued; the lost ones were queued in the last %s ms before the kill%n",
                        round, committed, stored, lastQueued + 1, lostSince == null ? "0" : String.valueOf(killedAt - lostSince));
                MetricsStore store = MetricsStore.open(db);
                double[] v = Sample.unknown();
                v[Metric.CPU.ordinal()] = 1;
                db.write(store.sample("kill", new Sample("after", HistoryKillChild.T0, Sample.Source.SSH, v, List.of())));
            }
        }
    }
}
