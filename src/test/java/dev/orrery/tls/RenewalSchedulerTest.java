package dev.orrery.tls;

import dev.orrery.model.Acme;
import dev.orrery.model.AppSpec;
import dev.orrery.model.Balancer;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.HealthCheck;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.model.Stickiness;
import dev.orrery.model.Tls;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;

/** The schedule starts a renewal only when the status says it is due, one at a time, and only where Orrery renews. */
class RenewalSchedulerTest {
    private final Instant now = Instant.parse("2026-12-01T10:00:00Z");
    private final Map<String, Instant> nextRenewal = new HashMap<>();
    private final Map<String, CompletableFuture<Object>> jobs = new HashMap<>();
    private final List<String> renewed = new ArrayList<>();
    private final List<CertificateStatus> published = new ArrayList<>();

    static Cluster cluster(String name, Acme.RenewOn renewOn) {
        Tls tls = Tls.acme(name, name + ".example.com", Acme.letsEncrypt(null).withRenewOn(renewOn));
        return new Cluster(name, new AppSpec(name, 3000, null, null),
                new Balancer(BalancerKind.NGINX, Stickiness.IP_HASH, HealthCheck.DEFAULT, tls, 80, 443, List.of()),
                List.of(Server.of("lb-1", Role.BALANCER, "10.0.1.2"), Server.of("app-1", Role.APP, "10.0.1.3")));
    }

    private RenewalScheduler scheduler(List<Cluster> clusters) {
        ScheduledExecutorService unused = Executors.newSingleThreadScheduledExecutor();
        unused.shutdown();
        return new RenewalScheduler(unused, Runnable::run, Clock.fixed(now, ZoneOffset.UTC), () -> clusters,
                c -> new CertificateStatus(c.name(), "lb-1", List.of(), "Let's Encrypt", "Orrery", null, null, null, 0,
                        nextRenewal.get(c.name()), false, null, now),
                c -> {
                    renewed.add(c.name());
                    return jobs.computeIfAbsent(c.name(), k -> new CompletableFuture<>());
                },
                published::add);
    }

    @Test
    void renewsWhatIsDueOnceAndNothingElse() {
        Cluster due = cluster("due", Acme.RenewOn.ORRERY);
        Cluster later = cluster("later", Acme.RenewOn.ORRERY);
        Cluster timer = cluster("timer", Acme.RenewOn.BALANCER);
        nextRenewal.put("due", now.minus(Duration.ofMinutes(1)));
        nextRenewal.put("later", now.plus(Duration.ofDays(20)));
        nextRenewal.put("timer", now.minus(Duration.ofDays(1)));
        RenewalScheduler s = scheduler(List.of(due, later, timer));

        assertThat(s.tick()).isEqualTo(1);
        assertThat(renewed).containsExactly("due");
        assertThat(s.renewing("due")).isTrue();
        assertThat(published).extracting(CertificateStatus::cluster).containsExactly("due", "later", "timer");

        assertThat(s.tick()).as("still running: not started twice").isZero();
        jobs.get("due").complete(null);
        assertThat(s.renewing("due")).isFalse();
        assertThat(published).as("read again after the renewal").hasSize(7);
    }

    @Test
    void aFailedRenewalIsRetriedOnlyWhenTheStatusSaysSo() {
        Cluster c = cluster("crater", Acme.RenewOn.ORRERY);
        nextRenewal.put("crater", now);
        RenewalScheduler s = scheduler(List.of(c));
        assertThat(s.tick()).isEqualTo(1);
        jobs.remove("crater").completeExceptionally(new TlsException(TlsStep.VALIDATION, "no"));
        nextRenewal.put("crater", now.plus(Duration.ofHours(1))); // the backoff, as the history now says
        assertThat(s.tick()).isZero();
        nextRenewal.put("crater", now);
        assertThat(s.tick()).isEqualTo(1);
        assertThat(renewed).containsExactly("crater", "crater");
    }

    @Test
    void clustersWithoutAcmeAreLeftAlone() {
        Cluster byHand = cluster("byhand", Acme.RenewOn.ORRERY);
        byHand = byHand.withBalancer(byHand.balancer().withTls(new Tls("byhand.example.com", "/etc/ssl/c.pem", "/etc/ssl/k.pem")));
        RenewalScheduler s = scheduler(List.of(byHand));
        assertThat(s.tick()).isZero();
        assertThat(published).isEmpty();
    }
}
