package dev.orrery.engine;

import dev.orrery.engine.state.JobKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.Server;
import dev.orrery.task.CancelledException;
import dev.orrery.task.Progress;
import dev.orrery.tls.CertificateWork;
import dev.orrery.tls.RenewalAttempt;
import dev.orrery.tls.TlsException;
import dev.orrery.tls.TlsHistory;

import java.time.Clock;
import java.util.List;

/**
 * Gets ({@code issue}) or renews a balancer's certificate as a background job: the window's
 * Certificates view, {@code orrery tls issue|renew} and the renewal schedule all run this one.
 * Every attempt, good or bad, goes to the history store, where the status and the retry backoff
 * read it. A failover pair's balancers each get their own certificate, one after the other, so
 * whichever holds the reserved IP serves a current one.
 */
public final class TlsJob implements Job<CertificateWork.Outcome> {

    public enum Action {
        ISSUE("issue"), RENEW("renew");

        private final String word;

        Action(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    private final Cluster cluster;
    /** One balancer and the work that gets its certificate. */
    record Target(Server balancer, CertificateWork work) {
    }

    private final List<Target> targets;
    private final Action action;
    private final boolean pushAllowed;
    private final TlsHistory history;
    private final Clock clock;

    TlsJob(Cluster cluster, Server balancer, CertificateWork work, Action action, boolean pushAllowed, TlsHistory history, Clock clock) {
        this(cluster, List.of(new Target(balancer, work)), action, pushAllowed, history, clock);
    }

    TlsJob(Cluster cluster, List<Target> targets, Action action, boolean pushAllowed, TlsHistory history, Clock clock) {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("no balancer to get a certificate for");
        }
        this.cluster = cluster;
        this.targets = List.copyOf(targets);
        this.action = action;
        this.pushAllowed = pushAllowed;
        this.history = history;
        this.clock = clock;
    }

    @Override
    public String title() {
        String name = cluster.balancer().tls() == null ? cluster.name() : cluster.balancer().tls().serverName();
        return (action == Action.ISSUE ? "Get a certificate for " : "Renew the certificate of ") + name + " on "
                + String.join(" and ", targets.stream().map(t -> t.balancer().name()).toList());
    }

    @Override
    public String cluster() {
        return cluster.name();
    }

    @Override
    public JobKind kind() {
        return JobKind.TLS;
    }

    @Override
    public CertificateWork.Outcome run(Progress progress) throws Exception {
        CertificateWork.Outcome first = null;
        for (Target t : targets) {
            CertificateWork.Outcome o = run(t.balancer(), t.work(), progress);
            first = first == null ? o : first;
        }
        return first;
    }

    /** The balancers this job gets a certificate for, in order. */
    public List<Server> balancers() {
        return targets.stream().map(Target::balancer).toList();
    }

    private CertificateWork.Outcome run(Server balancer, CertificateWork work, Progress progress) throws Exception {
        try {
            CertificateWork.Outcome o = work.run(pushAllowed, progress);
            record(RenewalAttempt.success(cluster.name(), balancer.name(), clock.instant(), action.word(), o.served(), "orrery"), progress);
            return o;
        } catch (TlsException e) {
            record(RenewalAttempt.failure(cluster.name(), balancer.name(), clock.instant(), action.word(), e.step(), e.getMessage(), "orrery"),
                    progress);
            throw e;
        } catch (CancelledException e) {
            throw e;
        } catch (Exception e) {
            record(RenewalAttempt.failure(cluster.name(), balancer.name(), clock.instant(), action.word(), null, String.valueOf(e.getMessage()),
                    "orrery"), progress);
            throw e;
        }
    }

    private void record(RenewalAttempt a, Progress progress) {
        try {
            history.record(a);
        } catch (java.sql.SQLException e) {
            progress.log("could not record the attempt in the history store: " + e.getMessage());
        }
    }
}
