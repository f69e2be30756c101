package dev.orrery.health;

import dev.orrery.model.HealthCheck;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The monitor on a manual clock: no sleeping, every time exact. */
class HealthMonitorTest {
    private static final HealthCheck SEED = new HealthCheck("/health", 750, 2, 2, 1000);
    private static final Server APP1 = Server.of("app-1", Role.APP, "10.0.1.1");
    private static final Server APP2 = Server.of("app-2", Role.APP, "10.0.1.2");

    private ManualProbeClock clock;
    private ScriptedProber prober;
    private HealthMonitor monitor;
    private final List<HealthEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        clock = new ManualProbeClock(1_000_000);
        prober = new ScriptedProber();
        monitor = new HealthMonitor(SEED, 3000, new DirectRoute(), prober, clock, Runnable::run);
        monitor.addListener(events::add);
        monitor.setServers(List.of(APP1, APP2));
    }

    private List<StateChange> changes() {
        return events.stream().filter(e -> e instanceof StateChange).map(e -> (StateChange) e).toList();
    }

    private HealthState state(String name) {
        return monitor.snapshot().stream().filter(h -> h.name().equals(name)).findFirst().orElseThrow().state();
    }

    @Test
    void probesTheHealthUrlOnTheInternalAddressAndComesUpAfterRise() {
        prober.healthy("10.0.1.1:3000");
        prober.healthy("10.0.1.2:3000");
        monitor.start();
        clock.advance(0);
        assertThat(state("app-1")).isEqualTo(HealthState.CHECKING);
        clock.advance(750);
        assertThat(state("app-1")).isEqualTo(HealthState.UP);
        assertThat(prober.asked()).extracting(Object::toString).contains("http://10.0.1.1:3000/health", "http://10.0.1.2:3000/health");
        assertThat(changes()).extracting(StateChange::to).containsOnly(HealthState.UP);
        assertThat(monitor.snapshot().get(0).last().status()).isEqualTo(200);
    }

    @Test
    void aKilledServerIsDownWithinFallTimesIntervalAndBackWithinRiseTimesInterval() {
        prober.healthy("10.0.1.1:3000");
        prober.healthy("10.0.1.2:3000");
        monitor.start();
        clock.advance(3000);
        assertThat(state("app-2")).isEqualTo(HealthState.UP);

        long killedAt = clock.nowMillis();
        prober.refused("10.0.1.2:3000");
        clock.advance(SEED.worstCaseDetectionMs());
        StateChange down = changes().get(changes().size() - 1);
        assertThat(down.server()).isEqualTo("app-2");
        assertThat(down.wentDown()).isTrue();
        assertThat(down.timeMs() - killedAt).isLessThanOrEqualTo((long) SEED.fall() * SEED.intervalMs());
        assertThat(down.reason()).contains("2 failures in a row").contains("refused");
        assertThat(state("app-1")).isEqualTo(HealthState.UP);

        long restartedAt = clock.nowMillis();
        prober.healthy("10.0.1.2:3000");
        clock.advance((long) SEED.rise() * SEED.intervalMs());
        StateChange back = changes().get(changes().size() - 1);
        assertThat(back.cameBack()).isTrue();
        assertThat(back.timeMs() - restartedAt).isLessThanOrEqualTo((long) SEED.rise() * SEED.intervalMs());
    }

    @Test
    void flappingEveryOtherProbeNeverChangesStateWithRiseAndFallTwo() {
        prober.healthy("10.0.1.1:3000");
        prober.healthy("10.0.1.2:3000");
        monitor.start();
        clock.advance(2000);
        int before = changes().size();
        for (int i = 0; i < 40; i++) {
            if (i % 2 == 0) {
                prober.refused("10.0.1.1:3000");
            } else {
                prober.healthy("10.0.1.1:3000");
            }
            clock.advance(750);
        }
        assertThat(changes()).hasSize(before);
        assertThat(state("app-1")).isEqualTo(HealthState.UP);
        HistorySlice h = monitor.history("app-1").last(40);
        long failures = 0;
        for (byte o : h.outcomes()) {
            failures += Outcome.ofCode(o).success() ? 0 : 1;
        }
        assertThat(failures).isEqualTo(20);
    }

    @Test
    void oneProbeInFlightPerServerAndAMissedTickRunsWhenItEnds() {
        prober.hold("10.0.1.1:3000");
        prober.healthy("10.0.1.2:3000");
        monitor.start();
        clock.advance(750 * 4);
        long toApp1 = prober.asked().stream().filter(u -> u.getHost().equals("10.0.1.1")).count();
        assertThat(toApp1).isEqualTo(1);
        prober.release("10.0.1.1:3000", ProbeResult.failed(Outcome.TIMEOUT, 1000, "timed out"));
        assertThat(prober.asked().stream().filter(u -> u.getHost().equals("10.0.1.1")).count()).isEqualTo(2);
        clock.advance(750 * 2);
        assertThat(prober.asked().stream().filter(u -> u.getHost().equals("10.0.1.1")).count()).isEqualTo(4);
        assertThat(state("app-1")).isEqualTo(HealthState.DOWN);
    }

    @Test
    void historyTimesAreOneIntervalApartAndTicksAreNeverLateOnAManualClock() {
        List<Long> lags = new ArrayList<>();
        monitor.setLagObserver(lags::add);
        prober.healthy("10.0.1.1:3000");
        monitor.start();
        clock.advance(750 * 10);
        long[] t = monitor.history("app-1").last(100).times();
        assertThat(t.length).isGreaterThanOrEqualTo(10);
        for (int i = 1; i < t.length; i++) {
            assertThat(t[i] - t[i - 1]).isEqualTo(750);
        }
        assertThat(lags).isNotEmpty().containsOnly(0L);
    }

    @Test
    void serversCanBeAddedAndRemovedWhileRunning() {
        prober.healthy("10.0.1.1:3000");
        prober.healthy("10.0.1.2:3000");
        prober.healthy("10.0.1.3:3000");
        monitor.start();
        clock.advance(1500);
        long app1Samples = monitor.history("app-1").size();

        Server app3 = Server.of("app-3", Role.APP, "10.0.1.3");
        monitor.setServers(List.of(APP1, app3));
        int askedBefore = prober.asked().size();
        clock.advance(3000);
        assertThat(monitor.serverNames()).containsExactly("app-1", "app-3");
        assertThat(prober.asked().subList(askedBefore, prober.asked().size()))
                .extracting(u -> u.getHost()).doesNotContain("10.0.1.2").contains("10.0.1.3");
        assertThat(monitor.history("app-1").size()).isGreaterThan((int) app1Samples);
        assertThat(monitor.history("app-2")).isNull();
        assertThat(state("app-3")).isEqualTo(HealthState.UP);
        assertThat(monitor.snapshot()).extracting(ServerHealth::index).containsExactly(0, 1);
    }

    @Test
    void stopCancelsEveryTickAndStartResumesWithTheSameCounters() {
        prober.healthy("10.0.1.1:3000");
        prober.healthy("10.0.1.2:3000");
        monitor.start();
        clock.advance(3000);
        monitor.stop();
        int asked = prober.asked().size();
        clock.advance(10_000);
        assertThat(prober.asked()).hasSize(asked);
        monitor.start();
        clock.advance(750);
        assertThat(prober.asked().size()).isGreaterThan(asked);
        assertThat(monitor.snapshot().get(0).riseCount()).isGreaterThan(4);
    }

    @Test
    void theBalancersOwnViewIsPolledBesideAndADisagreementShows() {
        prober.healthy("10.0.1.1:3000");
        prober.refused("10.0.1.2:3000");
        monitor.setBalancerViewSource(new BalancerViewSource() {
            @Override
            public String describe() {
                return "check_status json";
            }

            @Override
            public BalancerView fetch() {
                return new BalancerView(describe(), clock.nowMillis(), true, List.of(
                        new BalancerView.Entry("10.0.1.1:3000", "up", true, 5, 0, "http"),
                        new BalancerView.Entry("10.0.1.2:3000", "up", true, 5, 0, "http")), null);
            }
        }, 1000);
        monitor.start();
        clock.advance(3000);
        List<ServerHealth> s = monitor.snapshot();
        assertThat(s.get(0).balancer().status()).isEqualTo("up");
        assertThat(s.get(0).disagrees()).isFalse();
        assertThat(s.get(1).state()).isEqualTo(HealthState.DOWN);
        assertThat(s.get(1).disagrees()).isTrue();
        assertThat(events).anyMatch(e -> e instanceof BalancerViewUpdate);
    }

    @Test
    void aFailingViewSourceIsReportedNotFatal() {
        monitor.setBalancerViewSource(new BalancerViewSource() {
            @Override
            public String describe() {
                return "haproxy stats";
            }

            @Override
            public BalancerView fetch() throws Exception {
                throw new java.io.IOException("stats socket missing");
            }
        }, 1000);
        monitor.start();
        clock.advance(2500);
        assertThat(monitor.balancerView().error()).contains("stats socket missing");
        assertThat(monitor.snapshot().get(0).balancer()).isNull();
    }

    @Test
    void ipv6AddressesAreBracketedAndBadPathsAreRefused() throws Exception {
        assertThat(DirectRoute.url("fd00::5", 3000, "/health").toString()).isEqualTo("http://[fd00::5]:3000/health");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DirectRoute.url("10.0.0.1", 3000, "/a b"))
                .hasMessageContaining("health path");
    }
}
