package dev.orrery.tls;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The balancer timer's status line, as its script writes it and Orrery reads it back. */
class CertificateStatusReaderTest {
    @Test
    void aGoodLineBecomesASuccessfulAttemptByTheBalancer() {
        var a = CertificateStatusReader.parseTimerLine("crater", "lb-1", "2026-12-01T03:17:02Z ok VERIFY served 0A1B2C").orElseThrow();
        assertThat(a.ok()).isTrue();
        assertThat(a.by()).isEqualTo("balancer");
        assertThat(a.at()).isEqualTo(Instant.parse("2026-12-01T03:17:02Z"));
        assertThat(a.serial()).as("openssl's upper-case, zero-padded serial, as Java prints it").isEqualTo("a1b2c");
        assertThat(a.summary()).isEqualTo("ok 2026-12-01 03:17 (renew, by the balancer)");
    }

    @Test
    void aFailedLineKeepsItsStepAndMessage() {
        var a = CertificateStatusReader.parseTimerLine("crater", "lb-1",
                "2026-12-01T03:17:02Z failed VALIDATION dehydrated: connection refused").orElseThrow();
        assertThat(a.ok()).isFalse();
        assertThat(a.step()).isEqualTo("VALIDATION");
        assertThat(a.message()).isEqualTo("dehydrated: connection refused");
        assertThat(a.summary()).contains("failed").contains("the CA validates the challenge").contains("by the balancer");
    }

    @Test
    void garbageIsNotAnAttempt() {
        assertThat(CertificateStatusReader.parseTimerLine("c", "lb", "")).isEmpty();
        assertThat(CertificateStatusReader.parseTimerLine("c", "lb", "yesterday ok")).isEmpty();
        assertThat(CertificateStatusReader.parseTimerLine("c", "lb", "2026-12-01T03:17:02Z ok NOSUCHSTEP x")).isEmpty();
    }
}
