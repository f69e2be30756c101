package dev.orrery.ui.tls;

import dev.orrery.engine.Job;
import dev.orrery.engine.Orrery;
import dev.orrery.engine.TlsJob;
import dev.orrery.model.Cluster;
import dev.orrery.tls.CertificatePlan;
import dev.orrery.tls.CertificateStatus;
import dev.orrery.tls.CertificateWork;

/**
 * What the certificate window asks the engine (a seam, so its test can answer without a
 * balancer). The blocking calls run off the FX thread.
 */
public interface TlsAccess {

    /** Blocking: reads the served certificate from outside. */
    CertificateStatus status(Cluster cluster) throws Exception;

    /** Blocking: asks the balancer which configuration it runs. */
    CertificatePlan plan(Cluster cluster) throws Exception;

    Job<CertificateWork.Outcome> job(Cluster cluster, TlsJob.Action action, boolean pushAllowed) throws Exception;

    /** The engine's certificate service over the window's SSH connections. */
    static TlsAccess of(Orrery orrery) {
        return new TlsAccess() {
            @Override
            public CertificateStatus status(Cluster cluster) throws Exception {
                return orrery.tlsStatus(cluster);
            }

            @Override
            public CertificatePlan plan(Cluster cluster) throws Exception {
                return orrery.tlsPlan(cluster);
            }

            @Override
            public Job<CertificateWork.Outcome> job(Cluster cluster, TlsJob.Action action, boolean pushAllowed) throws Exception {
                return orrery.tlsJob(cluster, action, pushAllowed);
            }
        };
    }
}
