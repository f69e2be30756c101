package dev.orrery.provision;

import java.time.Duration;

/**
 * How long each wait may take. {@link #DEFAULT} is generous (the seed's "capacity within five
 * minutes" leaves room for a slow boot); tests pass short ones.
 */
public record ProvisionTimeouts(Duration boot, Duration ssh, Duration shutdown, Duration power, Duration snapshot,
                                Duration drain) {

    public static final ProvisionTimeouts DEFAULT = new ProvisionTimeouts(Duration.ofMinutes(6), Duration.ofMinutes(4),
            Duration.ofMinutes(2), Duration.ofMinutes(3), Duration.ofMinutes(60), Duration.ofSeconds(20));
}
