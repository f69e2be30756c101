package dev.orrery.health;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SampleRingTest {

    @Test
    void holdsAnHourAtTheSeedsInterval() {
        assertThat(SampleRing.forOneHour(750).capacity()).isEqualTo(4800);
        assertThat(SampleRing.forOneHour(500).capacity()).isEqualTo(7200);
        assertThat(SampleRing.forOneHour(30_000).capacity()).isEqualTo(SampleRing.MIN_CAPACITY);
    }

    @Test
    void overwritesTheOldestWhenFullAndKeepsOrder() {
        SampleRing r = new SampleRing(5);
        for (int i = 0; i < 12; i++) {
            r.add(1000L + i * 750L, i, i % 3 == 0 ? Outcome.TIMEOUT : Outcome.OK);
        }
        assertThat(r.size()).isEqualTo(5);
        assertThat(r.total()).isEqualTo(12);
        HistorySlice all = r.last(100);
        assertThat(all.latencies()).containsExactly(7f, 8f, 9f, 10f, 11f);
        assertThat(all.times()).containsExactly(1000 + 7 * 750L, 1000 + 8 * 750L, 1000 + 9 * 750L, 1000 + 10 * 750L, 1000 + 11 * 750L);
        assertThat(all.outcome(2)).isEqualTo(Outcome.TIMEOUT);
        assertThat(r.last(2).latencies()).containsExactly(10f, 11f);
    }

    @Test
    void betweenSelectsAHalfOpenTimeRangeAcrossTheWrap() {
        SampleRing r = new SampleRing(8);
        for (int i = 0; i < 11; i++) {
            r.add(i * 100L, i, Outcome.OK);
        }
        // holds times 300..1000
        assertThat(r.between(450, 800).times()).containsExactly(500L, 600L, 700L);
        assertThat(r.between(0, 350).times()).containsExactly(300L);
        assertThat(r.between(2000, 3000).size()).isZero();
        assertThat(r.between(0, 5000).size()).isEqualTo(8);
    }

    @Test
    void memoryDoesNotGrowWithTime() {
        SampleRing r = SampleRing.forOneHour(750);
        for (long i = 0; i < 100_000; i++) {
            r.add(i * 750, 1.5, Outcome.OK);
        }
        assertThat(r.size()).isEqualTo(r.capacity());
        assertThat(r.last(Integer.MAX_VALUE).size()).isEqualTo(4800);
        assertThat(r.last(1).times()[0]).isEqualTo(99_999L * 750);
    }
}
