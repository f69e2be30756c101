package dev.orrery.bench;

import jdk.jfr.consumer.RecordingStream;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many Throwables this JVM has created so far, from JFR's {@code jdk.ExceptionStatistics}
 * (a running count, sampled every second). sshj builds one {@code ConnectionException} for every
 * "request failed" answer to a keep-alive, so the count shows the keep-alive's cost without
 * depending on the machine's load.
 */
final class ThrowableCount implements AutoCloseable {
    private final RecordingStream stream = new RecordingStream();
    private final AtomicLong latest = new AtomicLong(-1);

    ThrowableCount() {
        stream.enable("jdk.ExceptionStatistics").withPeriod(Duration.ofSeconds(1));
        stream.onEvent("jdk.ExceptionStatistics", e -> latest.set(e.getLong("throwables")));
        stream.startAsync();
    }

    /** The count as of the last sample (at most a second old); -1 before the first. */
    long now() {
        return latest.get();
    }

    @Override
    public void close() {
        stream.close();
    }
}
