package dev.orrery.remote;

import java.time.Duration;

/**
 * Timeouts and keep-alive for SSH connections.
 *
 * @param connectTimeout     TCP connect plus key exchange and login
 * @param commandTimeout     longest a single command may run before its channel is closed (zero: no limit)
 * @param idleTimeout        a pooled connection unused this long is closed (zero: kept until closed)
 * @param keepAliveInterval  how often an idle connection sends a keep-alive request
 * @param keepAliveMaxMissed unanswered keep-alives after which the connection counts as dropped
 */
public record SshSettings(Duration connectTimeout, Duration commandTimeout, Duration idleTimeout,
                          Duration keepAliveInterval, int keepAliveMaxMissed) {

    public static SshSettings defaults() {
        return new SshSettings(Duration.ofSeconds(20), Duration.ofMinutes(30), Duration.ofMinutes(10), Duration.ofSeconds(15), 4);
    }

    public SshSettings withConnectTimeout(Duration d) {
        return new SshSettings(d, commandTimeout, idleTimeout, keepAliveInterval, keepAliveMaxMissed);
    }

    public SshSettings withCommandTimeout(Duration d) {
        return new SshSettings(connectTimeout, d, idleTimeout, keepAliveInterval, keepAliveMaxMissed);
    }

    public SshSettings withIdleTimeout(Duration d) {
        return new SshSettings(connectTimeout, commandTimeout, d, keepAliveInterval, keepAliveMaxMissed);
    }

    public SshSettings withKeepAlive(Duration interval, int maxMissed) {
        return new SshSettings(connectTimeout, commandTimeout, idleTimeout, interval, maxMissed);
    }
}
