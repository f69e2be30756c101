package dev.orrery.cli;

import dev.orrery.engine.TlsJob;
import dev.orrery.model.Cluster;
import dev.orrery.remote.SshHosts;
import dev.orrery.tls.CertificatePlan;
import dev.orrery.tls.CertificateWork;
import dev.orrery.tls.TlsException;

/** Says what a certificate job will do, runs it with its steps printed, and prints what it did. */
final class TlsRun {
    private TlsRun() {
    }

    static int run(CliContext ctx, Cluster cluster, TlsJob.Action action, boolean push, boolean acceptNew) throws Exception {
        try (SshHosts hosts = ctx.sshHosts(acceptNew)) {
            CertificatePlan plan = ctx.orrery().tls().plan(cluster, hosts::hostFor);
            plan.describe().lines().forEach(l -> ctx.out().println("  " + l));
            TlsJob job = ctx.orrery().tls().job(cluster, hosts::hostFor, action, push);
            CertificateWork.Outcome o = JobPrinter.runPrinting(ctx, job);
            ctx.out().println("served: " + String.join(", ", o.served().names()) + " by " + o.served().issuer() + ", serial "
                    + o.served().serial() + ", until " + o.served().notAfter() + " (" + o.issueToServed().toMillis() + " ms from the order)");
            ctx.out().println("renewals: " + o.renewals());
            return 0;
        } catch (TlsException e) {
            ctx.err().println("orrery tls " + action.word() + ": " + e.getMessage());
            return 1;
        }
    }
}
