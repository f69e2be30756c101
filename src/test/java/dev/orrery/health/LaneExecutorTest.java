package dev.orrery.health;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class LaneExecutorTest {

    @Test
    void neverRunsMoreThanItsLanesAtOnceAndRunsEverything() throws Exception {
        ExecutorService pool = Executors.newCachedThreadPool();
        try {
            LaneExecutor lanes = new LaneExecutor(pool, 3);
            AtomicInteger running = new AtomicInteger();
            AtomicInteger peak = new AtomicInteger();
            CountDownLatch done = new CountDownLatch(200);
            for (int i = 0; i < 200; i++) {
                lanes.execute(() -> {
                    int now = running.incrementAndGet();
                    peak.accumulateAndGet(now, Math::max);
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    running.decrementAndGet();
                    done.countDown();
                });
            }
            assertThat(done.await(3, TimeUnit.MINUTES)).isTrue();
            assertThat(peak.get()).isBetween(1, 3);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailingTaskDoesNotStopTheLane() throws Exception {
        ExecutorService pool = Executors.newCachedThreadPool();
        try {
            LaneExecutor lanes = new LaneExecutor(pool, 1);
            CountDownLatch done = new CountDownLatch(1);
            lanes.execute(() -> {
                throw new IllegalStateException("boom");
            });
            lanes.execute(done::countDown);
            assertThat(done.await(3, TimeUnit.MINUTES)).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }
}
