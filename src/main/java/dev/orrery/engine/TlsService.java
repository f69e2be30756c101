package dev.orrery.engine;

import dev.orrery.cloud.DomainRecords;
import dev.orrery.model.Cluster;
import dev.orrery.model.Server;
import dev.orrery.proxy.BalancerLayout;
import dev.orrery.remote.Host;
import dev.orrery.remote.HostResolver;
import dev.orrery.task.Progress;
import dev.orrery.tls.AccountKeys;
import dev.orrery.tls.CertificatePlan;
import dev.orrery.tls.CertificateStatus;
import dev.orrery.tls.CertificateStatusReader;
import dev.orrery.tls.CertificateWork;
import dev.orrery.tls.RenewalPolicy;
import dev.orrery.tls.RenewalScheduler;
import dev.orrery.tls.TlsException;
import dev.orrery.tls.TlsHistory;
import dev.orrery.tls.TlsSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.KeyPair;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Certificates at the engine level, the same for the window and the command line: the jobs that
 * get and renew them ({@link #job}), what a job will do before it runs ({@link #plan}), each
 * balancer's {@link CertificateStatus} ({@link #status}), and the renewal schedule
 * ({@link #watch}). Status changes go to {@link #addListener} listeners: this is the API alert
 * rules read ("certificate expiring", "renewal failing"), and where the window's notification
 * comes from. Get it from {@link Orrery#tls()}.
 */
public final class TlsService implements AutoCloseable {
    private final Orrery orrery;
    private final Clock clock;
    private final List<Consumer<CertificateStatus>> listeners = new CopyOnWriteArrayList<>();
    private final List<RenewalScheduler> schedulers = new CopyOnWriteArrayList<>();
    private Function<Cluster, BalancerLayout> layouts = c -> BalancerLayout.droplet(c.balancer().kind());
    private TlsHistory history;
    private TlsSettings settings;
    private AccountKeys accountKeys;

    TlsService(Orrery orrery, Clock clock) {
        this.orrery = orrery;
        this.clock = clock;
    }

    /** Where the balancer's files live (a droplet's paths by default; tests use their own). */
    public void setLayouts(Function<Cluster, BalancerLayout> layouts) {
        this.layouts = layouts;
    }

    public synchronized TlsSettings settings() throws IOException {
        if (settings == null) {
            settings = TlsSettings.resolve(orrery.env(), orrery.home().root());
        }
        return settings;
    }

    public synchronized void setSettings(TlsSettings s) {
        settings = s;
    }

    public synchronized TlsHistory history() throws IOException {
        if (history == null) {
            try {
                history = new TlsHistory(orrery.history());
            } catch (SQLException e) {
                throw new IOException("cannot open the certificate history: " + e.getMessage(), e);
            }
        }
        return history;
    }

    public synchronized AccountKeys accountKeys() {
        if (accountKeys == null) {
            accountKeys = new AccountKeys(orrery.secret(dev.orrery.cloud.SecretSlot.ACME_ACCOUNT)); // the one secret store, as webhooks use it
        }
        return accountKeys;
    }

    /** The job that gets ({@code ISSUE}) or renews the certificate of the cluster's balancer. Refuses a cluster without ACME at once. */
    public TlsJob job(Cluster cluster, HostResolver hosts, TlsJob.Action action, boolean pushAllowed) throws TlsException, IOException {
        CertificateWork.requireAcme(cluster);
        // every balancer (both of a failover pair), each with its own key and certificate
        List<TlsJob.Target> targets = new java.util.ArrayList<>();
        for (Server lb : cluster.balancerServers()) {
            List<Host> peers = cluster.balancerServers().stream().filter(p -> p != lb).map(hosts::hostFor).toList();
            targets.add(new TlsJob.Target(lb, work(cluster, lb, hosts.hostFor(lb), peers)));
        }
        return new TlsJob(cluster, targets, action, pushAllowed, history(), clock);
    }

    /**
     * What the job will do (blocking: asks each balancer which configuration it runs) — for a
     * failover pair on both, as the job acts on both.
     */
    public CertificatePlan plan(Cluster cluster, HostResolver hosts) throws Exception {
        CertificateWork.requireAcme(cluster);
        java.util.Map<String, CertificatePlan> each = new java.util.LinkedHashMap<>();
        for (Server lb : cluster.balancerServers()) {
            List<Host> peers = cluster.balancerServers().stream().filter(p -> p != lb).map(hosts::hostFor).toList();
            each.put(lb.name(), work(cluster, lb, hosts.hostFor(lb), peers).plan(Progress.NONE));
        }
        return CertificatePlan.of(each);
    }

    /**
     * The balancer's certificate now (blocking: reads it from outside, and the balancer's timer over
     * SSH when it renews); for a failover pair the worse of the two, naming its balancer, so the
     * renewal schedule renews when either needs it.
     */
    public CertificateStatus status(Cluster cluster, HostResolver hosts) throws IOException, SQLException {
        if (cluster.balancerServers().isEmpty()) {
            throw new IOException("cluster " + cluster.name() + " has no load balancer");
        }
        List<CertificateStatus> each = new java.util.ArrayList<>();
        for (Server lb : cluster.balancerServers()) {
            each.add(status(cluster, lb, hosts));
        }
        return dev.orrery.tls.CertificateStatusReader.worst(each);
    }

    private CertificateStatus status(Cluster cluster, Server lb, HostResolver hosts) throws SQLException, IOException {
        Host host = null;
        if (cluster.balancer().tls() != null && cluster.balancer().tls().managedByAcme() && hosts != null) {
            try {
                host = hosts.hostFor(lb);
            } catch (RuntimeException e) {
                host = null;
            }
        }
        CertificateStatus s = new CertificateStatusReader(history(), RenewalPolicy.DEFAULT, clock, Duration.ofSeconds(10)).read(cluster, lb, host);
        return s;
    }

    /**
     * Renews the clusters {@code clusters} names on schedule while this Orrery runs (first check
     * after a minute, then hourly), and publishes each status read. Close the returned scheduler
     * to stop (the window does when another cluster opens); closing the service stops them all.
     */
    public RenewalScheduler watch(Supplier<List<Cluster>> clusters, HostResolver hosts) {
        RenewalScheduler s = new RenewalScheduler(orrery.engine().scheduler(), orrery.engine().io(), clock, clusters,
                c -> status(c, hosts),
                c -> {
                    try {
                        return orrery.submit(job(c, hosts, TlsJob.Action.RENEW, false)).result();
                    } catch (TlsException | IOException e) {
                        throw new IllegalStateException(e.getMessage(), e);
                    }
                },
                this::publish);
        s.start(Duration.ofMinutes(1), Duration.ofHours(1));
        schedulers.add(s);
        return s;
    }

    public void addListener(Consumer<CertificateStatus> l) {
        listeners.add(l);
    }

    public void removeListener(Consumer<CertificateStatus> l) {
        listeners.remove(l);
    }

    void publish(CertificateStatus s) {
        for (Consumer<CertificateStatus> l : listeners) {
            try {
                l.accept(s);
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(TlsService.class).warn("certificate status listener failed", e);
            }
        }
    }

    private CertificateWork work(Cluster cluster, Server lb, Host host, List<Host> peers) throws IOException {
        TlsSettings s = settings();
        Supplier<KeyPair> key = () -> {
            try {
                return accountKeys().loadOrCreate();
            } catch (IOException e) {
                throw new UncheckedIOException("the ACME account key: " + e.getMessage(), e);
            }
        };
        Supplier<DomainRecords> dns = () -> {
            try {
                return orrery.digitalOcean().client().domainRecords();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        return new CertificateWork(cluster, lb, host, layouts.apply(cluster), key, dns, s, peers);
    }

    @Override
    public void close() {
        schedulers.forEach(RenewalScheduler::close);
    }
}
