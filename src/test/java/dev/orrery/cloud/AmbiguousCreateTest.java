package dev.orrery.cloud;

import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one decision every create of the API makes after a failure (droplets: DigitalOceanClientTest, over the fake API). */
class AmbiguousCreateTest {
    private final AtomicInteger lookups = new AtomicInteger();

    private static CloudException failed(boolean ambiguous) {
        return new CloudException("POST /v2/firewalls: 500", 500, "server_error", "oops", "req-1", ambiguous, null);
    }

    private Optional<String> lookup(Optional<String> answer) {
        lookups.incrementAndGet();
        return answer;
    }

    @Test
    void aCreateThatSurelyFailedIsRethrownWithoutALookup() {
        CloudException e = failed(false);
        assertThatThrownBy(() -> AmbiguousCreate.lookUp(e, "firewall", "orrery-crater", () -> lookup(Optional.of("made"))))
                .isSameAs(e);
        assertThat(lookups).hasValue(0);
    }

    @Test
    void whatAnAmbiguousCreateMadeIsFoundByName() {
        assertThat(AmbiguousCreate.lookUp(failed(true), "firewall", "orrery-crater", () -> lookup(Optional.of("made")))).isEqualTo("made");
        assertThat(lookups).hasValue(1);
    }

    @Test
    void nothingMadeSaysTheCreateWasNotRepeated() {
        CloudException e = failed(true);
        assertThatThrownBy(() -> AmbiguousCreate.lookUp(e, "load balancer", "orrery-crater", () -> lookup(Optional.empty())))
                .isInstanceOfSatisfying(CloudException.class, c -> {
                    assertThat(c.ambiguous()).isTrue();
                    assertThat(c.status()).isEqualTo(500);
                    assertThat(c.requestId()).isEqualTo("req-1");
                })
                .hasMessage("POST /v2/firewalls: 500; no load balancer named orrery-crater exists yet, so the create was not repeated")
                .hasCause(e);
    }

    @Test
    void aFailedLookupKeepsTheCreatesFailureWithTheLookupsAttached() {
        CloudException e = failed(true);
        CloudException lookupFailed = new CloudException("GET /v2/firewalls: timed out");
        assertThatThrownBy(() -> AmbiguousCreate.lookUp(e, "firewall", "orrery-crater", () -> {
            throw lookupFailed;
        })).isSameAs(e);
        assertThat(e.getSuppressed()).containsExactly(lookupFailed);
    }
}
