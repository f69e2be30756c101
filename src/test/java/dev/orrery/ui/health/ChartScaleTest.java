package dev.orrery.ui.health;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChartScaleTest {

    @Test
    void fiveMillisecondsFillTheAxisInsteadOfLyingFlatAtTheBottom() {
        double[] v = {4.6, 4.8, 5.0, 5.2, 5.4, Double.NaN, 4.9};
        ChartScale.Range r = ChartScale.latency(v, v.length);
        assertThat(r.lo()).isLessThanOrEqualTo(4.6).isGreaterThanOrEqualTo(3.0);
        assertThat(r.hi()).isGreaterThanOrEqualTo(5.4).isLessThanOrEqualTo(7.0);
        assertThat(r.fraction(5.4) - r.fraction(4.6)).as("share of the height the data spans").isGreaterThan(0.3);
        assertThat(r.label(r.lo() + r.step())).matches("\\d+(\\.\\d)? ms");
    }

    @Test
    void aFewStraySpikesAreClippedRatherThanFlatteningTheRest() {
        double[] v = new double[300];
        for (int i = 0; i < v.length; i++) {
            v[i] = 3 + (i % 4) * 0.25;
        }
        for (int i = 0; i < 12; i++) {
            v[i * 25] = 40 + i * 20; // a cold start and GC pauses: 4 % of the probes, up to 260 ms
        }
        ChartScale.Range r = ChartScale.latency(v, v.length);
        assertThat(r.hi()).isLessThan(10);
        assertThat(r.fraction(3.75) - r.fraction(3.0)).isGreaterThan(0.3);
    }

    @Test
    void noDataIsZeroToTenAndSlowServersGetARoundScale() {
        assertThat(ChartScale.latency(new double[0], 0)).isEqualTo(new ChartScale.Range(0, 10, 2.5));
        double[] slow = {120, 180, 240, 410};
        ChartScale.Range r = ChartScale.latency(slow, slow.length);
        assertThat(r.lo()).isGreaterThanOrEqualTo(0).isLessThanOrEqualTo(120);
        assertThat(r.hi()).isGreaterThanOrEqualTo(410);
        assertThat(r.step()).isIn(50.0, 100.0, 200.0, 250.0);
        assertThat(r.label(200)).isEqualTo("200 ms");
    }

    @Test
    void timeTicksFallOnRoundMinutesForFiveMinutesAndNeverCrowd() {
        long end = 1_700_000_130_000L; // 22:15:30 UTC
        List<ChartScale.Tick> ticks = ChartScale.time(end - 300_000, end, 700, 80);
        assertThat(ticks).hasSizeBetween(4, 6);
        ticks.forEach(t -> assertThat(t.timeMs() % 60_000).isZero());
        for (int i = 1; i < ticks.size(); i++) {
            assertThat((ticks.get(i).fraction() - ticks.get(i - 1).fraction()) * 700).isGreaterThanOrEqualTo(80);
        }
        assertThat(ticks.get(0).label()).matches("\\d\\d:\\d\\d");
        // narrow: fewer, wider-spaced ticks
        assertThat(ChartScale.time(end - 300_000, end, 200, 80)).hasSizeLessThanOrEqualTo(2);
        // a short window: seconds
        assertThat(ChartScale.time(end - 40_000, end, 700, 80).get(0).label()).matches("\\d\\d:\\d\\d:\\d\\d");
    }
}
