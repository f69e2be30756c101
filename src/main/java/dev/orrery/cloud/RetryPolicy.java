package dev.orrery.cloud;

import okhttp3.Response;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.random.RandomGenerator;

/**
 * When to try a call again and how long to wait first.
 * <ul>
 *   <li>429: as long as {@code retry-after} says (seconds or an HTTP date), else until
 *   {@code ratelimit-reset}; always safe to repeat, the request was refused before it ran.</li>
 *   <li>5xx and network faults: exponential backoff with jitter, but only for calls that are
 *   safe to repeat — a create that may have happened is never repeated here.</li>
 * </ul>
 * Returns null when the call must not be tried again.
 */
final class RetryPolicy {
    private final DigitalOceanConfig config;
    private final Sleeper sleeper;
    private final Clock clock;
    private final RandomGenerator random;

    RetryPolicy(DigitalOceanConfig config, Sleeper sleeper, Clock clock, RandomGenerator random) {
        this.config = config;
        this.sleeper = sleeper;
        this.clock = clock;
        this.random = random;
    }

    Duration waitAfter(Response r, int attempt, boolean repeatable) {
        if (attempt >= config.maxAttempts()) {
            return null;
        }
        if (r.code() == 429) {
            Duration wait = rateLimitWait(r);
            if (wait == null) {
                return backoff(attempt);
            }
            if (wait.compareTo(config.maxRateLimitWait()) > 0) {
                return null;
            }
            return wait;
        }
        if (r.code() >= 500 && repeatable) {
            return backoff(attempt);
        }
        return null;
    }

    Duration waitAfterFault(int attempt, boolean repeatable) {
        return repeatable && attempt < config.maxAttempts() ? backoff(attempt) : null;
    }

    /** The server's own word on when to come back; null when it gave none. */
    Duration rateLimitWait(Response r) {
        String after = r.header("retry-after");
        if (after != null) {
            try {
                return Duration.ofSeconds(Math.max(0, Long.parseLong(after.strip())));
            } catch (NumberFormatException e) {
                try {
                    ZonedDateTime at = ZonedDateTime.parse(after.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
                    return nonNegative(Duration.between(clock.instant(), at.toInstant()));
                } catch (DateTimeParseException ignored) {
                    // fall through to ratelimit-reset
                }
            }
        }
        String reset = r.header("ratelimit-reset");
        if (reset != null) {
            try {
                long epoch = Long.parseLong(reset.strip());
                return nonNegative(Duration.ofSeconds(epoch - clock.instant().getEpochSecond()));
            } catch (NumberFormatException ignored) {
                return null;
            }
        }
        return null;
    }

    /** base·2^(attempt-1), capped, then "equal jitter": half fixed, half random, so clients spread out. */
    Duration backoff(int attempt) {
        long base = config.backoffBase().toMillis();
        long cap = config.backoffMax().toMillis();
        long exp = Math.min(cap, base << Math.min(20, attempt - 1));
        long half = exp / 2;
        return Duration.ofMillis(half + (half > 0 ? random.nextLong(half + 1) : 0));
    }

    void sleep(Duration d) {
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CloudException("interrupted while waiting to try the DigitalOcean API again");
        }
    }

    private static Duration nonNegative(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }
}
