package dev.orrery.health;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The counting of nginx_upstream_check_module, result by result. */
class HealthMachineTest {

    private static HealthMachine feed(HealthMachine m, String results) {
        for (char c : results.toCharArray()) {
            m.record(c == '+');
        }
        return m;
    }

    @Test
    void startsDownAndUndecidedLikeDefaultDown() {
        HealthMachine m = new HealthMachine(2, 2);
        assertThat(m.moduleUp()).isFalse();
        assertThat(m.state()).isEqualTo(HealthState.CHECKING);
    }

    @Test
    void comesUpOnTheRiseThSuccessNotBefore() {
        HealthMachine m = new HealthMachine(3, 2);
        assertThat(m.record(true)).isEqualTo(HealthState.CHECKING);
        assertThat(m.record(true)).isEqualTo(HealthState.CHECKING);
        assertThat(m.moduleUp()).isFalse();
        assertThat(m.record(true)).isEqualTo(HealthState.UP);
        assertThat(m.riseCount()).isEqualTo(3);
    }

    @Test
    void goesDownOnTheFallThFailureAndCountersResetEachOther() {
        HealthMachine m = feed(new HealthMachine(2, 3), "++++");
        assertThat(m.riseCount()).isEqualTo(4);
        assertThat(m.record(false)).isEqualTo(HealthState.UP);
        assertThat(m.riseCount()).isZero();
        assertThat(m.fallCount()).isEqualTo(1);
        m.record(false);
        assertThat(m.state()).isEqualTo(HealthState.UP);
        assertThat(m.record(false)).isEqualTo(HealthState.DOWN);
        assertThat(m.fallCount()).isEqualTo(3);
        assertThat(m.record(true)).isEqualTo(HealthState.DOWN);
        assertThat(m.fallCount()).isZero();
        assertThat(m.record(true)).isEqualTo(HealthState.UP);
    }

    @Test
    void countersKeepCountingPastTheThresholdAsTheStatusPageShows() {
        HealthMachine m = feed(new HealthMachine(2, 2), "++++++++++++");
        assertThat(m.riseCount()).isEqualTo(12);
        assertThat(m.fallCount()).isZero();
    }

    @Test
    void aFailingServerIsShownDownAfterFallFailures() {
        HealthMachine m = new HealthMachine(2, 2);
        assertThat(m.record(false)).isEqualTo(HealthState.CHECKING);
        assertThat(m.record(false)).isEqualTo(HealthState.DOWN);
    }

    @Test
    void flappingUpServerWithFallTwoNeverGoesDown() {
        HealthMachine m = feed(new HealthMachine(2, 2), "++");
        for (int i = 0; i < 50; i++) {
            assertThat(m.record(false)).isEqualTo(HealthState.UP);
            assertThat(m.record(true)).isEqualTo(HealthState.UP);
        }
    }

    @Test
    void flappingDownServerWithRiseTwoNeverComesUp() {
        HealthMachine m = feed(new HealthMachine(2, 2), "++--");
        assertThat(m.state()).isEqualTo(HealthState.DOWN);
        for (int i = 0; i < 50; i++) {
            assertThat(m.record(true)).isEqualTo(HealthState.DOWN);
            assertThat(m.record(false)).isEqualTo(HealthState.DOWN);
        }
    }

    @Test
    void flappingFromTheStartIsDecidedDownAfterRisePlusFallProbes() {
        HealthMachine m = new HealthMachine(2, 2);
        assertThat(m.record(true)).isEqualTo(HealthState.CHECKING);
        assertThat(m.record(false)).isEqualTo(HealthState.CHECKING);
        assertThat(m.record(true)).isEqualTo(HealthState.CHECKING);
        assertThat(m.record(false)).isEqualTo(HealthState.DOWN);
        assertThat(m.moduleUp()).isFalse();
    }

    @Test
    void withRiseAndFallOneEveryFlapFlips() {
        HealthMachine m = new HealthMachine(1, 1);
        for (int i = 0; i < 10; i++) {
            assertThat(m.record(true)).isEqualTo(HealthState.UP);
            assertThat(m.record(false)).isEqualTo(HealthState.DOWN);
        }
    }

    @Test
    void matchesTheModulesCOnRandomSequences() {
        Random random = new Random(42);
        for (int run = 0; run < 200; run++) {
            int rise = 1 + random.nextInt(4);
            int fall = 1 + random.nextInt(4);
            HealthMachine m = new HealthMachine(rise, fall);
            // ngx_http_upstream_check_status_update, transcribed: down starts at 1 (default_down)
            boolean down = true;
            int riseCount = 0;
            int fallCount = 0;
            double pSuccess = random.nextDouble();
            for (int i = 0; i < 300; i++) {
                boolean ok = random.nextDouble() < pSuccess;
                if (ok) {
                    riseCount++;
                    fallCount = 0;
                    if (down && riseCount >= rise) {
                        down = false;
                    }
                } else {
                    riseCount = 0;
                    fallCount++;
                    if (!down && fallCount >= fall) {
                        down = true;
                    }
                }
                HealthState shown = m.record(ok);
                assertThat(m.moduleUp()).isEqualTo(!down);
                assertThat(m.riseCount()).isEqualTo(riseCount);
                assertThat(m.fallCount()).isEqualTo(fallCount);
                if (shown != HealthState.CHECKING) {
                    assertThat(shown == HealthState.UP).isEqualTo(!down);
                }
            }
        }
    }

    @Test
    void refusesThresholdsBelowOne() {
        assertThatThrownBy(() -> new HealthMachine(0, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HealthMachine(2, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
