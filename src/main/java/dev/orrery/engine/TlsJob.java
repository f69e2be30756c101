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

/**
 * Gets ({@code issue}) or renews a balancer's certificate as a background job: the window's
 * Certificates view, {@code orrery tls issue|renew} and the renewal schedule all run this one.
 * Every attempt, good or bad, goes to the history store, where the status and the retry backoff
 * read it.
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
    private final Server balancer;
    private final CertificateWork work;
    private final Action action;
    private final boolean pushAllowed;
    private final TlsHistory history;
    private final Clock clock;

    TlsJob(Cluster cluster, Server balancer, CertificateWork work, Action action, boolean pushAllowed, TlsHistory history, Clock clock) {
        this.cluster = cluster;
        this.balancer = balancer;
        this.work = work;
        this.action = action;
        this.pushAllowed = pushAllowed;
        this.history = history;
        this.clock = clock;
    }

    @Override
    public String title() {
        String name = cluster.balancer().tls() == null ? cluster.name() : cluster.balancer().tls().serverName();
        return (action == Action.ISSUE ? "Get a certificate for " : "Renew the certificate of ") + name + " on " + balancer.name();
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
