package dev.orrery.logs;

import dev.orrery.store.history.HistoryDb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LogStoreTest {
    @TempDir
    Path dir;
    HistoryDb db;
    LogStore store;
    LogQueries q;

    @BeforeEach
    void open() throws Exception {
        db = HistoryDb.open(dir.resolve("history.db"));
        store = LogStore.open(db);
        q = new LogQueries(store);
    }

    @AfterEach
    void close() {
        db.close();
    }

    static LogLine line(long t, String server, LogSource source, LogLevel level, String text) {
        return new LogLine(0, t, true, server, source, level, text, KnownProblems.find(source, text).orElse(null));
    }

    @Test
    void linesAndPositionsGoInOneTransactionAndComeBackWithIds() throws Exception {
        List<LogLine> stored = store.append("crater", List.of(
                line(1000, "app-1", LogSource.APP, LogLevel.INFO, "listening on 3000"),
                line(1001, "app-1", LogSource.APP, LogLevel.ERROR, "Exception in callback of async function: boom")),
                Map.of("app-1/app", "file 7 120 0 - none|-"));
        assertThat(stored).extracting(LogLine::id).doesNotContain(0L).isSorted();
        assertThat(store.positions("crater")).containsEntry("app-1/app", "file 7 120 0 - none|-");
        assertThat(store.positions("other")).isEmpty();
        List<LogLine> back = q.latest("crater", LogFilter.ALL, 10);
        assertThat(back).extracting(LogLine::text).containsExactly("listening on 3000", "Exception in callback of async function: boom");
        assertThat(back.get(1).problem().id()).isEqualTo("meteor-callback");
        assertThat(store.size()[1]).isEqualTo(2);
    }

    @Test
    void pagesGoBackAndForthInTimeOrderWithFilters() throws Exception {
        List<LogLine> lines = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            lines.add(line(10_000 + i, i % 2 == 0 ? "app-1" : "app-2", LogSource.APP, i % 10 == 0 ? LogLevel.ERROR : LogLevel.INFO, "line " + i));
        }
        lines.add(line(10_050, "crater", LogSource.DEPLOY, LogLevel.INFO, "Deploy v2 started"));
        store.append("crater", lines, Map.of());
        List<LogLine> last = q.latest("crater", LogFilter.ALL, 5);
        assertThat(last).extracting(LogLine::text).containsExactly("line 95", "line 96", "line 97", "line 98", "line 99");
        List<LogLine> before = q.before("crater", LogFilter.ALL, last.get(0), 3);
        assertThat(before).extracting(LogLine::text).containsExactly("line 92", "line 93", "line 94");
        assertThat(q.after("crater", LogFilter.ALL, before.get(2), 2)).extracting(LogLine::text).containsExactly("line 95", "line 96");
        // app-2's errors, plus the marker (markers belong to every server)
        LogFilter f = LogFilter.ALL.withServers(Set.of("app-2")).withMinLevel(LogLevel.INFO);
        assertThat(q.latest("crater", f, 200)).hasSize(51);
        assertThat(q.latest("crater", f.withMinLevel(LogLevel.ERROR), 200)).extracting(LogLine::text).containsExactly("Deploy v2 started");
        assertThat(q.latest("crater", f.withSources(Set.of(LogSource.APP)), 200)).hasSize(50);
        assertThat(q.around("crater", LogFilter.ALL, 10_050, 2, 2)).extracting(LogLine::text)
                .containsExactly("line 48", "line 49", "line 50", "Deploy v2 started");
        assertThat(q.markers("crater", LogFilter.ALL, 10)).extracting(LogLine::text).containsExactly("Deploy v2 started");
    }

    @Test
    void searchFindsRegexMatchesNewestFirstWithinTheLimit() throws Exception {
        List<LogLine> lines = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            String text = i % 100 == 7 ? "upstream timed out (110) while reading, upstream: \"http://10.0.1." + (i / 100) + ":3000/\""
                    : "GET /page/" + i + " 200";
            lines.add(line(i, "lb-1", LogSource.ERROR, LogLevel.INFO, text));
        }
        store.append("crater", lines, Map.of());
        LogQueries.Found all = q.search("crater", LogFilter.ALL, Pattern.compile("upstream timed out.*10\\.0\\.1\\.[0-9]:"), 100);
        assertThat(all.lines()).hasSize(10).extracting(LogLine::time).containsExactly(7L, 107L, 207L, 307L, 407L, 507L, 607L, 707L, 807L, 907L);
        assertThat(all.more()).isFalse();
        // the literal prefilter leaves only candidate rows to Java
        assertThat(all.scanned()).isEqualTo(10);
        LogQueries.Found some = q.search("crater", LogFilter.ALL, Pattern.compile("(?i)UPSTREAM TIMED"), 3);
        assertThat(some.lines()).extracting(LogLine::time).containsExactly(707L, 807L, 907L);
        assertThat(some.more()).isTrue();
        assertThat(q.search("crater", LogFilter.ALL, Pattern.compile("page/9\\d\\d "), 1000).lines()).hasSize(99);
        assertThat(q.search("crater", LogFilter.ALL.between(500, 600), Pattern.compile("\\d+"), 1000).lines()).hasSize(100);
    }

    @Test
    void aCollectorStoringLinesAppliesTheAgeLimitAndCapWithoutBeingAsked() throws Exception {
        long day = 86_400_000L;
        long now = 100 * day;
        store.setKeepDays(2);
        store.append("crater", List.of(line(now - 3 * day, "app-1", LogSource.APP, LogLevel.INFO, "three days old"),
                line(now - day, "app-1", LogSource.APP, LogLevel.INFO, "one day old")), Map.of());
        java.util.concurrent.ExecutorService io = java.util.concurrent.Executors.newCachedThreadPool();
        java.util.concurrent.ScheduledExecutorService scheduler = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        try (LogCollector c = new LogCollector("crater", List.of(), n -> null, store, io, scheduler, () -> now)) {
            c.start();
            c.marker(new LogLine(0, now, true, "crater", LogSource.DEPLOY, LogLevel.INFO, "Deploy v3 to crater started", null));
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(5))
                    .until(() -> q.latest("crater", LogFilter.ALL, 10).stream().map(LogLine::text).toList(),
                            texts -> texts.equals(List.of("one day old", "Deploy v3 to crater started")));
        } finally {
            io.shutdownNow();
            scheduler.shutdownNow();
        }
    }

    @Test
    void pruningDropsOldLinesThenTheOldestBeyondTheCap() throws Exception {
        long day = 86_400_000L;
        long now = 100 * day;
        List<LogLine> lines = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            lines.add(line(now - 20 * day + i * 10_000L * day / 2000 / 10, "app-1", LogSource.APP, LogLevel.INFO, "x".repeat(1000) + i));
        }
        store.append("crater", lines, Map.of());
        assertThat(store.keepDays()).isEqualTo(LogStore.DEFAULT_KEEP_DAYS);
        store.setKeepDays(15);
        int dropped = store.prune(now);
        assertThat(dropped).isPositive();
        assertThat(q.latest("crater", LogFilter.ALL, 5000)).allMatch(l -> l.time() >= now - 15 * day);
        long[] before = store.size();
        store.setCapBytes(1024 * 1024);
        store.prune(now);
        long[] after = store.size();
        assertThat(after[0]).isLessThanOrEqualTo(1024 * 1024).isPositive();
        assertThat(after[1]).isLessThan(before[1]);
        // the newest lines stayed
        assertThat(q.latest("crater", LogFilter.ALL, 1).get(0).text()).endsWith("1999");
        assertThatThrownBy(() -> store.setCapBytes(1000)).hasMessageContaining("at least 1 MB");
    }

    @Test
    void theStoresCapCanAskTheLogsToMakeRoom() throws Exception {
        List<LogLine> lines = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            lines.add(line(i, "app-1", LogSource.APP, LogLevel.INFO, "y".repeat(500)));
        }
        store.append("crater", lines, Map.of());
        long used = db.usedBytes();
        db.enforceCap(used / 2);
        assertThat(store.size()[1]).isLessThan(3000);
    }

    @Test
    void theCapAndTheAgeAreSetTogetherKeptInTheStoreAndABadValueChangesNothing() throws Exception {
        assertThat(store.keep()).isEqualTo(LogKeep.DEFAULTS);
        store.setKeep(new LogKeep(ByteSize.parse("500MB"), 7));
        assertThat(store.keep()).isEqualTo(new LogKeep(500L << 20, 7));
        assertThat(store.keep().toString()).isEqualTo("7 days, at most 500 MB");
        // another process (the command line) opening the same file sees them
        try (HistoryDb other = HistoryDb.open(dir.resolve("history.db"))) {
            assertThat(LogStore.open(other).keep()).isEqualTo(new LogKeep(500L << 20, 7));
        }
        assertThatThrownBy(() -> new LogKeep(1000, 7)).hasMessageContaining("at least 1 MB (got 1000 B)");
        assertThatThrownBy(() -> store.setKeepDays(0)).hasMessageContaining("1 to 3650 days (got 0)");
        assertThat(store.keep()).isEqualTo(new LogKeep(500L << 20, 7));
    }

    @Test
    void sizesAreReadAndWrittenAsPeopleWriteThem() {
        assertThat(ByteSize.parse("500MB")).isEqualTo(500L << 20);
        assertThat(ByteSize.parse("2 gb")).isEqualTo(2L << 30);
        assertThat(ByteSize.parse("1.5G")).isEqualTo(3L << 29);
        assertThat(ByteSize.parse("750m")).isEqualTo(750L << 20);
        assertThat(ByteSize.parse("1048576")).isEqualTo(1L << 20);
        assertThat(ByteSize.parse("64KiB")).isEqualTo(64L << 10);
        for (String bad : new String[] {"", "lots", "-5MB", "5 PB", "1e9"}) {
            assertThatThrownBy(() -> ByteSize.parse(bad)).as(bad).hasMessageContaining("is not a size");
        }
        assertThatThrownBy(() -> ByteSize.parse("999999999999TB")).hasMessageContaining("more than any disk");
        assertThat(ByteSize.format(512L << 20)).isEqualTo("512 MB");
        assertThat(ByteSize.format(3L << 29)).isEqualTo("1.5 GB");
        assertThat(ByteSize.format(900)).isEqualTo("900 B");
        assertThat(ByteSize.format(ByteSize.parse(ByteSize.format(123_456_789)))).isEqualTo(ByteSize.format(123_456_789));
    }
}
