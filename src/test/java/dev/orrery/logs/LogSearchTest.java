package dev.orrery.logs;

import dev.orrery.store.history.HistoryDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store's search finds exactly what a naive scan finds: every stored line the filter passes
 * and the regex finds, the newest {@code limit} of them (by arrival), whether more exist. Over
 * more rows than one chunk, on one thread and with workers, with texts that hold the packing's
 * separators, new lines and text outside ASCII.
 */
class LogSearchTest {
    @TempDir
    static Path dir;
    static HistoryDb db;
    static List<LogLine> stored;
    static ExecutorService workers;

    static final String[] WORDS = {"GET", "POST", "/api/tasks", "502", "200", "304", "upstream", "timed", "out", "Exception", "in",
        "callback", "app-2", "10.0.1.7:3000", "ms", "é", "É", "😀", "q", "xz", "\t", "\u001e", "\u001f", "\n", "\"", "-", "5", "07"};

    @BeforeAll
    static void store() throws Exception {
        db = HistoryDb.open(dir.resolve("history.db"));
        LogStore store = LogStore.open(db);
        Random r = new Random(42);
        List<LogLine> lines = new ArrayList<>();
        for (int i = 0; i < 12_345; i++) {
            StringBuilder text = new StringBuilder();
            int n = 1 + r.nextInt(8);
            for (int k = 0; k < n; k++) {
                // the separators are rare, as in real logs: a few chunks take the one-by-one path
                String w = WORDS[r.nextInt(WORDS.length)];
                text.append(w.startsWith("\u001e") || w.startsWith("\u001f") ? (r.nextInt(200) == 0 ? w : "") : w).append(r.nextBoolean() ? " " : "");
            }
            LogSource source = i % 997 == 0 ? LogSource.DEPLOY : LogSource.values()[r.nextInt(3)];
            // times mostly rise with arrival, some lines come late
            long t = 1_000_000L + i * 10L - (r.nextInt(20) == 0 ? r.nextInt(5_000) : 0);
            lines.add(new LogLine(0, t, true, source == LogSource.DEPLOY ? "crater" : "app-" + (1 + r.nextInt(3)), source,
                    LogLevel.values()[r.nextInt(LogLevel.values().length)], text.toString(), null));
        }
        stored = new ArrayList<>();
        for (int from = 0; from < lines.size(); from += 5000) {
            stored.addAll(store.append("crater", lines.subList(from, Math.min(lines.size(), from + 5000)), Map.of()));
        }
        workers = Executors.newFixedThreadPool(3);
    }

    @AfterAll
    static void close() {
        workers.shutdownNow();
        db.close();
    }

    static final String[] REGEXES = {
        "upstream timed out", "\\b5\\d\\d\\b", "\\bq[xz]{3}\\d", "q", "(?i)exception IN", "é", "(?i)É", "😀", "\\d{2,} ?ms", "^GET",
        "\\s$", "[\\u001e\\u001f]", "\\n", "out\\z", "(?<=GET )/api", "POST(?! /api)", "200|304", "-\\b", "\\Bms", "x", "e",
    };

    @Test
    void findsWhatANaiveScanFinds() throws Exception {
        LogFilter[] filters = {LogFilter.ALL, LogFilter.ALL.withServers(Set.of("app-2")).withMinLevel(LogLevel.WARN),
            LogFilter.ALL.withSources(Set.of(LogSource.APP)).between(1_020_000, 1_110_000)};
        LogQueries alone = new LogQueries(LogStore.open(db));
        LogQueries parallel = new LogQueries(LogStore.open(db), workers);
        int compared = 0;
        for (String regex : REGEXES) {
            Pattern p = Pattern.compile(regex);
            for (LogFilter f : filters) {
                for (int limit : new int[] {37, 100_000}) {
                    List<LogLine> all = stored.stream().filter(f::accepts).filter(l -> p.matcher(l.text()).find())
                            .sorted(Comparator.comparingLong(LogLine::id).reversed()).toList();
                    List<Long> expected = all.stream().limit(limit)
                            .sorted(Comparator.comparingLong(LogLine::time).thenComparingLong(LogLine::id)).map(LogLine::id).toList();
                    for (LogQueries q : List.of(alone, parallel)) {
                        LogQueries.Found found = q.search("crater", f, p, limit);
                        String what = "/" + regex + "/ " + f + " limit " + limit + (q == parallel ? " with workers" : "");
                        assertThat(found.lines()).as(what).extracting(LogLine::id).containsExactlyElementsOf(expected);
                        assertThat(found.more()).as(what).isEqualTo(all.size() > limit);
                        compared++;
                    }
                }
            }
        }
        assertThat(compared).isEqualTo(REGEXES.length * filters.length * 2 * 2);
    }

    @Test
    void linesComeBackWhole() throws Exception {
        LogQueries.Found found = new LogQueries(LogStore.open(db), workers).search("crater", LogFilter.ALL, Pattern.compile("[\\u001e\\u001f]"), 3);
        assertThat(found.lines()).isNotEmpty();
        for (LogLine l : found.lines()) {
            assertThat(l).isEqualTo(stored.stream().filter(s -> s.id() == l.id()).findFirst().orElseThrow());
        }
    }
}
