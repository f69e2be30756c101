package dev.orrery.deploy;

import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.task.Progress;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The next server leaves once enough earlier servers are past nginx's fail_timeout: all of them when the upstream size is unknown, else all but those half the servers can spare. */
class PassiveDrainTest {
    long now;
    final List<Long> slept = new ArrayList<>();
    final PassiveDrain drain = new PassiveDrain(Duration.ofSeconds(11), 0, new PassiveDrain.Sleeper() {
        @Override
        public void sleep(Duration d) {
            slept.add(d.toMillis());
            now += d.toNanos();
        }

        @Override
        public long nanoTime() {
            return now;
        }
    });

    @Test
    void waitsOutTheRestOfTheWindowBeforeTheNextServerOnly() throws Exception {
        Server a = Server.of("app-1", Role.APP, "10.0.1.1");
        Server b = Server.of("app-2", Role.APP, "10.0.1.2");
        drain.drain(a, Progress.NONE);
        assertThat(slept).isEmpty();
        drain.undrain(a, Progress.NONE);
        now += Duration.ofSeconds(3).toNanos();
        drain.drain(b, Progress.NONE);
        assertThat(slept).containsExactly(8000L);
        drain.undrain(b, Progress.NONE);
        now += Duration.ofSeconds(20).toNanos();
        drain.drain(a, Progress.NONE);
        assertThat(slept).containsExactly(8000L);
    }

    /** A drain over {@code servers} app servers on the test's clock. */
    private PassiveDrain over(int servers) {
        return new PassiveDrain(Duration.ofSeconds(11), servers, new PassiveDrain.Sleeper() {
            @Override
            public void sleep(Duration d) {
                slept.add(d.toMillis());
                now += d.toNanos();
            }

            @Override
            public long nanoTime() {
                return now;
            }
        });
    }

    private void switchOne(PassiveDrain d, String name, long takesSeconds) throws Exception {
        Server s = Server.of(name, Role.APP, "10.0.1.9");
        d.drain(s, Progress.NONE);
        now += Duration.ofSeconds(takesSeconds).toNanos();
        d.undrain(s, Progress.NONE);
    }

    @Test
    void onThreeServersEveryWindowIsWaitedOutAsBefore() throws Exception {
        PassiveDrain d = over(3);
        switchOne(d, "app-1", 3);
        switchOne(d, "app-2", 3);
        switchOne(d, "app-3", 3);
        assertThat(slept).containsExactly(11_000L, 11_000L);
    }

    @Test
    void onFourServersTheSecondLeavesAtOnceAndTheThirdWaitsForTheFirstWindow() throws Exception {
        PassiveDrain d = over(4); // half (2) must stay sure to be served: one window may stay open while another leaves
        switchOne(d, "app-1", 3); // window until 14
        switchOne(d, "app-2", 3); // leaves at 3, back at 6, window until 17
        assertThat(slept).isEmpty();
        switchOne(d, "app-3", 3); // two windows open at 6: waits for app-1's to close at 14
        assertThat(slept).containsExactly(8_000L);
    }

    @Test
    void onTenServersFourWindowsOverlapAndTheRolloutIsBoundByTheSwitches() throws Exception {
        PassiveDrain d = over(10);
        for (int i = 1; i <= 10; i++) {
            switchOne(d, "app-" + i, 3);
        }
        // 4 open windows may stay while one more leaves (5 of 10 sure to be served): a server every
        // 3 s until the fifth; then each waits for the oldest window (11 s after its undrain)
        long total = slept.stream().mapToLong(Long::longValue).sum();
        assertThat(slept).allSatisfy(ms -> assertThat(ms).isLessThan(11_000L));
        assertThat(total).as("waited, against 9 × 11 s one window at a time").isLessThan(9 * 11_000L / 2);
    }

    @Test
    void theServersNginxIsSureToSendToNeverFallBelowHalf() throws Exception {
        for (int n = 1; n <= 12; n++) {
            now = 0;
            slept.clear();
            PassiveDrain d = over(n);
            java.util.Map<String, Long> until = new java.util.HashMap<>();
            for (int i = 1; i <= n; i++) {
                String name = "app-" + i;
                Server s = Server.of(name, Role.APP, "10.0.1.9");
                d.drain(s, Progress.NONE);
                long t = now;
                long skipped = until.entrySet().stream().filter(e -> e.getValue() > t).count() + 1;
                assertThat(n - skipped).as(n + " servers, " + name + " leaving").isGreaterThanOrEqualTo(Math.min(n - 1, Batches.minServing(n)));
                now += Duration.ofSeconds(2 + i % 3).toNanos();
                d.undrain(s, Progress.NONE);
                until.put(name, now + Duration.ofSeconds(11).toNanos());
            }
        }
    }

    @Test
    void aRolloutStartedRightAfterAnotherOnTheSameBalancerWaitsForTheWindowsItLeft() throws Exception {
        String balancer = "crater/lb-1@10.0.1.10:80#" + System.nanoTime(); // a key no other test uses
        PassiveDrain first = over(3).rememberingWindowsOf(balancer);
        switchOne(first, "app-1", 3);
        switchOne(first, "app-2", 11); // waits for app-1's window (to 14), is back at 25: its window is open until 36
        slept.clear();
        now += Duration.ofSeconds(1).toNanos(); // a rollback at 26, one second after the deploy ended
        PassiveDrain rollback = over(3).rememberingWindowsOf(balancer);
        switchOne(rollback, "app-1", 3);
        assertThat(slept).as("waited for app-2's window, left by the first rollout").containsExactly(10_000L);
        slept.clear();
        PassiveDrain elsewhere = over(3).rememberingWindowsOf(balancer + "-other");
        switchOne(elsewhere, "app-1", 3);
        assertThat(slept).as("another balancer's windows are its own").isEmpty();
    }
}
