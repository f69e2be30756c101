package dev.orrery.cloud;

import dev.orrery.cloud.fake.Fault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Item 10 of issue 13: one DigitalOcean call, its retries and the waits between them included,
 * takes at most the total cap (40 s by default). Before, an API that never answered cost
 * attempts × the call timeout plus the backoff: 158 s.
 */
class CallTimeCapTest {
    private final FakeApiFixture f = new FakeApiFixture();

    CallTimeCapTest() throws IOException {
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void theDefaultCapIsFortySeconds() {
        assertThat(DigitalOceanConfig.defaults(java.net.URI.create("https://api.digitalocean.com/")).totalTimeout())
                .isEqualTo(Duration.ofSeconds(40));
    }

    @Test
    void anApiThatNeverAnswersCostsTheCapNotEveryAttempt() {
        for (int i = 0; i < 6; i++) {
            f.fake.fault("GET /v2/regions", Fault.stallAfterWork(10_000));
        }
        // Five attempts of 1 s each would take 5 s and more; the cap is 3 s.
        DigitalOceanConfig capped = f.config().withRetries(5, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofSeconds(1))
                .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1)).withTotalTimeout(Duration.ofSeconds(3));
        DigitalOceanClient client = new DigitalOceanClient(capped, new ApiToken(FakeApiFixture.TOKEN));
        assertThatThrownBy(client::listRegions).isInstanceOf(CloudTimeoutException.class)
                .hasMessageContaining("GET /v2/regions timed out")
                .hasMessageContaining("one call, its retries included, may take at most 3 s");
        // each attempt waits out its 1 s timeout, so the 3 s cap leaves room for 4 at most; a slow
        // machine makes fewer, never more
        assertThat(f.fake.count("GET /v2/regions")).as("attempts made before the cap, of the 5 allowed").isBetween(1L, 4L);
    }

    @Test
    void aRateLimitWaitLongerThanTheCapIsNotWaited() {
        f.fake.fault("GET /v2/sizes", Fault.rateLimited(60));
        DigitalOceanConfig capped = f.config().withTotalTimeout(Duration.ofSeconds(30));
        assertThatThrownBy(() -> f.client(capped).listSizes()).isInstanceOf(CloudException.class)
                .hasMessageContaining("429").hasMessageContaining("may take at most 30 s");
        assertThat(f.sleeps).isEmpty();
    }
}
