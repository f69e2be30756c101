package dev.orrery.cloud;

import dev.orrery.cloud.fake.FakeDigitalOcean;
import mockwebserver3.MockWebServer;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A fake API on MockWebServer and a client pointed at it. Waits are recorded rather than slept,
 * so retry and poll tests run in milliseconds and can assert how long the client chose to wait.
 */
public final class FakeApiFixture implements AutoCloseable {
    public static final String TOKEN = "dop_v1_f4k3t0k3n5ecr3t";
    public static final Instant NOW = Instant.parse("2026-11-28T01:00:00Z");

    public final MockWebServer server = new MockWebServer();
    public final FakeDigitalOcean fake = new FakeDigitalOcean(TOKEN);
    public final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    public final Sleeper recorder = sleeps::add;

    public FakeApiFixture() throws IOException {
        server.setServerSocketFactory(new dev.orrery.cloud.fake.NoDelayServerSockets());
        server.setDispatcher(fake);
        server.start();
    }

    public DigitalOceanConfig config() {
        return DigitalOceanConfig.defaults(server.url("/").uri())
                .withRetries(4, Duration.ofMillis(400), Duration.ofSeconds(8), Duration.ofSeconds(90))
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10))
                .withPolling(Duration.ofMillis(100), 200);
    }

    public DigitalOceanClient client() {
        return client(config());
    }

    public DigitalOceanClient client(DigitalOceanConfig config) {
        return new DigitalOceanClient(config, new ApiToken(TOKEN), recorder, Clock.fixed(NOW, ZoneOffset.UTC), new Random(7));
    }

    /** A client whose clock moves on by each recorded wait, so deadlines pass without sleeping. */
    public DigitalOceanClient clientWithSteppingClock(DigitalOceanConfig config) {
        SteppingClock clock = new SteppingClock(NOW);
        Sleeper stepping = d -> {
            sleeps.add(d);
            clock.advance(d);
        };
        return new DigitalOceanClient(config, new ApiToken(TOKEN), stepping, clock, new Random(7));
    }

    public DigitalOceanProvider provider() {
        return provider(config());
    }

    public DigitalOceanProvider provider(DigitalOceanConfig config) {
        return new DigitalOceanProvider(clientWithSteppingClock(config));
    }

    @Override
    public void close() {
        server.close();
    }

    static final class SteppingClock extends Clock {
        private volatile Instant now;

        SteppingClock(Instant start) {
            now = start;
        }

        synchronized void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
