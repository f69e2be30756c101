package dev.orrery.tls;

import dev.orrery.model.Acme;
import dev.orrery.model.Cluster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Renews certificates on schedule while Orrery runs: every {@code checkEvery} it reads each
 * watched cluster's {@link CertificateStatus} and, once the {@link RenewalPolicy} says the next
 * renewal is due (30 days left, or the backoff after a failure has passed), starts one renewal.
 * Every status it reads goes to {@code onStatus}, so alarms (a renewal that keeps failing, a
 * balancer whose own timer does not renew) reach notifications and alert rules. Clusters whose
 * balancer renews by itself are only watched.
 */
public final class RenewalScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RenewalScheduler.class);

    /** Reads a cluster's status (network and disk: runs on the io executor). */
    public interface StatusSource {
        CertificateStatus read(Cluster cluster) throws Exception;
    }

    private final ScheduledExecutorService scheduler;
    private final Executor io;
    private final Clock clock;
    private final Supplier<List<Cluster>> clusters;
    private final StatusSource statuses;
    private final Function<Cluster, CompletableFuture<?>> renew;
    private final Consumer<CertificateStatus> onStatus;
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private ScheduledFuture<?> task;

    public RenewalScheduler(ScheduledExecutorService scheduler, Executor io, Clock clock, Supplier<List<Cluster>> clusters,
                            StatusSource statuses, Function<Cluster, CompletableFuture<?>> renew, Consumer<CertificateStatus> onStatus) {
        this.scheduler = scheduler;
        this.io = io;
        this.clock = clock;
        this.clusters = clusters;
        this.statuses = statuses;
        this.renew = renew;
        this.onStatus = onStatus;
    }

    /** Checks after {@code first}, then every {@code every}. */
    public synchronized void start(Duration first, Duration every) {
        if (task == null) {
            task = scheduler.scheduleWithFixedDelay(() -> io.execute(this::tick), first.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** One round: read every watched cluster, renew those that are due. Returns the renewals it started. */
    public int tick() {
        int started = 0;
        for (Cluster c : clusters.get()) {
            if (c.balancer().tls() == null || !c.balancer().tls().managedByAcme() || c.balancerServer().isEmpty()) {
                continue;
            }
            CertificateStatus s;
            try {
                s = statuses.read(c);
            } catch (Exception e) {
                LOG.warn("cannot read the certificate status of {}: {}", c.name(), e.toString());
                continue;
            }
            onStatus.accept(s);
            boolean orreryRenews = c.balancer().tls().acme().renewOn() == Acme.RenewOn.ORRERY;
            if (orreryRenews && s.nextRenewal() != null && !clock.instant().isBefore(s.nextRenewal()) && running.add(c.name())) {
                started++;
                LOG.info("renewing the certificate of {} (next renewal was due {})", c.name(), s.nextRenewal());
                CompletableFuture<?> job;
                try {
                    job = renew.apply(c);
                } catch (RuntimeException e) {
                    running.remove(c.name());
                    LOG.warn("cannot start the renewal of {}: {}", c.name(), e.toString());
                    continue;
                }
                job.whenComplete((v, e) -> {
                    running.remove(c.name());
                    io.execute(() -> {
                        try {
                            onStatus.accept(statuses.read(c));
                        } catch (Exception ex) {
                            LOG.warn("cannot read the certificate status of {} after its renewal: {}", c.name(), ex.toString());
                        }
                    });
                });
            }
        }
        return started;
    }

    public boolean renewing(String cluster) {
        return running.contains(cluster);
    }

    @Override
    public synchronized void close() {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
    }
}
