package dev.orrery.tls;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** When a certificate is renewed, how retries back off, and when someone is alarmed. */
class RenewalPolicyTest {
    private final RenewalPolicy p = RenewalPolicy.DEFAULT;
    private final Instant now = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void dueWhenThirtyDaysOrFewerAreLeft() {
        assertThat(p.due(now.plus(Duration.ofDays(31)), now)).isFalse();
        assertThat(p.due(now.plus(Duration.ofDays(30)), now)).isTrue();
        assertThat(p.due(now.plus(Duration.ofDays(2)), now)).isTrue();
        assertThat(p.due(null, now)).as("a certificate Orrery knows nothing of").isTrue();
        assertThat(p.nextAttempt(now.plus(Duration.ofDays(90)), 0, null, now)).isEqualTo(now.plus(Duration.ofDays(60)));
    }

    @Test
    void retriesBackOffFromOneHourDoublingToADay() {
        assertThat(p.backoff(0)).isEqualTo(Duration.ZERO);
        assertThat(p.backoff(1)).isEqualTo(Duration.ofHours(1));
        assertThat(p.backoff(2)).isEqualTo(Duration.ofHours(2));
        assertThat(p.backoff(3)).isEqualTo(Duration.ofHours(4));
        assertThat(p.backoff(5)).isEqualTo(Duration.ofHours(16));
        assertThat(p.backoff(6)).isEqualTo(Duration.ofDays(1));
        assertThat(p.backoff(40)).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void afterAFailureTheNextTryWaitsTheBackoffButNeverComesBeforeItIsDue() {
        Instant notAfter = now.plus(Duration.ofDays(20));
        Instant failedAt = now.minus(Duration.ofMinutes(10));
        assertThat(p.nextAttempt(notAfter, 1, failedAt, now)).isEqualTo(failedAt.plus(Duration.ofHours(1)));
        assertThat(p.nextAttempt(notAfter, 3, failedAt, now)).isEqualTo(failedAt.plus(Duration.ofHours(4)));
        // A failed manual renewal long before it was due does not move the due date earlier.
        Instant farAway = now.plus(Duration.ofDays(80));
        assertThat(p.nextAttempt(farAway, 2, failedAt, now)).isEqualTo(farAway.minus(Duration.ofDays(30)));
    }

    @Test
    void alarmWhenRenewalKeepsFailingOrTimeRunsOut() {
        Instant plenty = now.plus(Duration.ofDays(25));
        assertThat(p.alarm(plenty, 0, now)).isFalse();
        assertThat(p.alarm(plenty, 1, now)).isFalse();
        assertThat(p.alarm(plenty, 2, now)).isFalse();
        assertThat(p.alarm(plenty, 3, now)).as("three failures in a row").isTrue();
        assertThat(p.alarm(now.plus(Duration.ofDays(13)), 1, now)).as("one failure with under two weeks left").isTrue();
        assertThat(p.alarm(now.plus(Duration.ofDays(13)), 0, now)).as("not tried yet").isFalse();
        assertThat(p.alarm(now.minusSeconds(1), 0, now)).as("expired").isTrue();
    }
}
