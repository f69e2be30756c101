package dev.orrery.logs;

import dev.orrery.store.history.HistoryDb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A search whose regex backtracks without end (here polynomially, to the power of 8, over rows
 * of 2,000 characters: years per row) is stopped by its {@link SearchCancel} from inside
 * {@code Matcher.find}, on the caller's thread and on the workers, and the call returns.
 */
class SearchCancelTest {
    /** Java's own loop memo does not defuse this one: every split of the a's into 8 parts is tried before "x" fails. */
    static final Pattern ENDLESS = Pattern.compile("(.*a){8}x");

    @TempDir
    Path dir;
    HistoryDb db;
    LogStore store;
    // named, so the test looks only at its own threads
    ExecutorService io = Executors.newCachedThreadPool(r -> new Thread(r, "search-cancel-test-io"));
    ExecutorService workers = Executors.newFixedThreadPool(2, r -> new Thread(r, "search-cancel-test-worker"));

    @BeforeEach
    void open() throws Exception {
        db = HistoryDb.open(dir.resolve("history.db"));
        store = LogStore.open(db);
        List<LogLine> rows = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            // the "x" first, so the regex's required literal lets the row through to the regex
            rows.add(new LogLine(0, 1_000 + i, false, "app-1", LogSource.APP, LogLevel.INFO, "x" + "a".repeat(2_000), null));
        }
        store.append("crater", rows, Map.of());
    }

    @AfterEach
    void close() {
        io.shutdownNow();
        workers.shutdownNow();
        db.close();
    }

    @Test
    void aSearchInsideOneEndlessFindOnTheCallersThreadIsCancelledAndReturns() {
        cancelledInsideFind(new LogQueries(store));
    }

    @Test
    void aSearchInsideEndlessFindsOnTheWorkersIsCancelledAndReturns() {
        cancelledInsideFind(new LogQueries(store, workers));
    }

    private void cancelledInsideFind(LogQueries q) {
        SearchCancel cancel = new SearchCancel();
        CompletableFuture<LogQueries.Found> search = CompletableFuture.supplyAsync(() -> {
            try {
                return q.search("crater", LogFilter.ALL, ENDLESS, 10, cancel);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }, io);
        // cancel only once a thread is deep inside the regex, so the cancel must reach into find
        await().atMost(Duration.ofMinutes(2)).until(SearchCancelTest::someThreadIsInsideARegex);
        assertThat(search).isNotDone();
        cancel.cancel();
        await().atMost(Duration.ofMinutes(2)).until(search::isDone);
        assertThatThrownBy(search::join).hasRootCauseInstanceOf(CancellationException.class);
        await().atMost(Duration.ofMinutes(2)).until(() -> !someThreadIsInsideARegex()); // the workers stopped too
    }

    @Test
    void aCancelledTokenStopsTheNextSearchBeforeItReadsAndFindsStillAnswers() throws Exception {
        SearchCancel cancel = new SearchCancel();
        assertThat(cancel.finds(Pattern.compile("a{3}"), "xaaa")).isTrue();
        cancel.cancel();
        assertThatThrownBy(() -> new LogQueries(store).search("crater", LogFilter.ALL, Pattern.compile("x"), 10, cancel))
                .isInstanceOf(CancellationException.class);
        assertThatThrownBy(() -> cancel.finds(Pattern.compile("a"), "a")).isInstanceOf(CancellationException.class);
    }

    private static boolean someThreadIsInsideARegex() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getName().startsWith("search-cancel-test-"))
                .anyMatch(e -> Arrays.stream(e.getValue()).anyMatch(f -> f.getClassName().startsWith("java.util.regex.Pattern$")));
    }
}
