package dev.orrery.tls;

import java.time.Duration;
import java.time.Instant;

/**
 * When to renew, when to try again, and when to raise the alarm: a pure function of the
 * certificate's expiry, the failures in a row and the time, so it is tested without waiting.
 *
 * <ul>
 *   <li>renew once {@code renewBefore} (30 days) or less is left, as Let's Encrypt advises for its
 *       90-day certificates;</li>
 *   <li>after a failure wait {@code firstRetry} (1 h), doubling per failure up to {@code maxRetry}
 *       (1 day), so a CA outage or a closed port is not hammered (CAs rate-limit failed validations);</li>
 *   <li>alarm after {@code alarmAfterFailures} failures in a row, or at any failure once less than
 *       {@code alarmWhenLeft} is left: the renewal keeps failing and someone must look.</li>
 * </ul>
 */
public record RenewalPolicy(Duration renewBefore, Duration firstRetry, Duration maxRetry, int alarmAfterFailures, Duration alarmWhenLeft) {

    public static final RenewalPolicy DEFAULT = new RenewalPolicy(Duration.ofDays(30), Duration.ofHours(1), Duration.ofDays(1), 3,
            Duration.ofDays(14));

    public boolean due(Instant notAfter, Instant now) {
        return notAfter == null || !now.isBefore(notAfter.minus(renewBefore));
    }

    /** How long to wait after the {@code failures}-th failure in a row (1 → firstRetry). */
    public Duration backoff(int failures) {
        if (failures <= 0) {
            return Duration.ZERO;
        }
        Duration d = firstRetry;
        for (int i = 1; i < failures && d.compareTo(maxRetry) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxRetry) > 0 ? maxRetry : d;
    }

    /**
     * The next time to try: when the certificate becomes due, or, after failures, the last
     * failure plus the backoff (but never before it is due). A certificate Orrery knows nothing
     * of ({@code notAfter} null) is due now.
     */
    public Instant nextAttempt(Instant notAfter, int failuresInARow, Instant lastFailure, Instant now) {
        Instant dueAt = notAfter == null ? now : notAfter.minus(renewBefore);
        if (failuresInARow > 0 && lastFailure != null) {
            Instant retry = lastFailure.plus(backoff(failuresInARow));
            return retry.isAfter(dueAt) ? retry : dueAt;
        }
        return dueAt;
    }

    public boolean alarm(Instant notAfter, int failuresInARow, Instant now) {
        if (notAfter != null && !now.isBefore(notAfter)) {
            return true;
        }
        if (failuresInARow <= 0) {
            return false;
        }
        return failuresInARow >= alarmAfterFailures || (notAfter != null && Duration.between(now, notAfter).compareTo(alarmWhenLeft) < 0);
    }
}
