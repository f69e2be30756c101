package dev.orrery.logs;

import dev.orrery.store.history.HistoryDb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The collector's batches and a search: lines still waiting for their batch are found after {@link LogCollector#flush}. */
class LogCollectorTest {
    @TempDir
    Path dir;
    HistoryDb db;
    LogStore store;
    ExecutorService io = Executors.newCachedThreadPool();
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @BeforeEach
    void open() throws Exception {
        db = HistoryDb.open(dir.resolve("history.db"));
        store = LogStore.open(db);
    }

    @AfterEach
    void close() {
        io.shutdownNow();
        scheduler.shutdownNow();
        db.close();
    }

    static LogLine app(String text) {
        return new LogLine(0, System.currentTimeMillis(), false, "app-1", LogSource.APP, LogLevel.INFO, text, null);
    }

    @Test
    void aSearchAfterAFlushSeesLinesThatWereStillWaitingForTheirBatch() throws Exception {
        LogQueries q = new LogQueries(store);
        CountDownLatch hold = new CountDownLatch(1);
        try (LogCollector c = new LogCollector("crater", List.of(), n -> null, store, io, scheduler, System::currentTimeMillis)) {
            // a listener busy with one batch keeps the next lines waiting in the collector, as a slow pulse would
            c.addListener(batch -> {
                if (batch.stream().anyMatch(l -> l.text().equals("first batch"))) {
                    try {
                        hold.await(5, TimeUnit.MINUTES);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            c.start();
            c.marker(app("first batch"));
            await().atMost(Duration.ofMinutes(5)).until(() -> q.latest("crater", LogFilter.ALL, 10).size() == 1);
            c.marker(app("boom 1 arrived"));
            c.marker(app("boom 2 arrived"));
            Pattern boom = Pattern.compile("boom \\d");
            assertThat(q.search("crater", LogFilter.ALL, boom, 10).lines()).as("still waiting for their batch").isEmpty();

            CompletableFuture<LogQueries.Found> flushedSearch = CompletableFuture.supplyAsync(() -> {
                try {
                    c.flush().get(5, TimeUnit.MINUTES);
                    return q.search("crater", LogFilter.ALL, boom, 10);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, io);
            hold.countDown();
            assertThat(flushedSearch.get(5, TimeUnit.MINUTES).lines()).extracting(LogLine::text)
                    .containsExactly("boom 1 arrived", "boom 2 arrived");
        }
    }

    @Test
    void aFlushCoversALineAFollowerHandedOverThatIsNotYetQueued() throws Exception {
        LogQueries q = new LogQueries(store);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch hold = new CountDownLatch(1);
        try (LogCollector c = new LogCollector("crater", List.of(), n -> null, store, io, scheduler, System::currentTimeMillis)) {
            // the dispatcher, held inside its first batch, takes nothing more: the queue fills up
            c.addListener(batch -> {
                if (batch.stream().anyMatch(l -> l.text().equals("first batch"))) {
                    entered.countDown();
                    try {
                        hold.await(5, TimeUnit.MINUTES);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            c.start();
            c.marker(app("first batch"));
            assertThat(entered.await(5, TimeUnit.MINUTES)).isTrue();
            for (int i = 0; i < LogCollector.QUEUE; i++) {
                c.marker(app("filler " + i));
            }
            // a follower hands one more line over: it waits for room in the queue
            AtomicReference<Thread> follower = new AtomicReference<>();
            CompletableFuture<Void> handedOver = CompletableFuture.runAsync(() -> {
                follower.set(Thread.currentThread());
                c.marker(app("in transit"));
            }, io);
            await().atMost(Duration.ofMinutes(5)).until(() -> follower.get() != null
                    && follower.get().getState() == Thread.State.TIMED_WAITING && !handedOver.isDone());

            // asking for a flush never waits for room in the queue itself
            CompletableFuture<CompletableFuture<Void>> asked = CompletableFuture.supplyAsync(c::flush, io);
            await().atMost(Duration.ofMinutes(5)).until(asked::isDone);
            CompletableFuture<Void> flushed = asked.get();
            assertThat(flushed).as("the dispatcher is held: nothing handed over is stored yet").isNotDone();

            hold.countDown();
            flushed.get(5, TimeUnit.MINUTES);
            assertThat(q.search("crater", LogFilter.ALL, Pattern.compile("in transit"), 10).lines())
                    .extracting(LogLine::text).containsExactly("in transit");
        }
    }

    @Test
    void aFlushWithNothingWaitingOrAfterCloseCompletes() throws Exception {
        LogCollector c = new LogCollector("crater", List.of(), n -> null, store, io, scheduler, System::currentTimeMillis);
        c.start();
        c.flush().get(5, TimeUnit.MINUTES);
        c.close();
        c.flush().get(5, TimeUnit.MINUTES);
    }
}
