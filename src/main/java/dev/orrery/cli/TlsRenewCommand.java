package dev.orrery.cli;

import dev.orrery.engine.TlsJob;
import dev.orrery.model.Cluster;
import dev.orrery.remote.SshHosts;
import dev.orrery.store.ClusterStore;
import dev.orrery.tls.CertificateStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/** {@code orrery tls renew CLUSTER.json [--if-due]}: the renewal job the schedule runs, now. */
@Command(name = "renew", mixinStandardHelpOptions = true,
        description = {"Renew the balancer's certificate now (the same job Orrery's schedule runs), without a reload.",
                "With --if-due only when 30 days or fewer are left or the last try failed and its backoff has passed (for cron)."})
final class TlsRenewCommand extends CliBase {
    @Parameters(paramLabel = ClusterArg.LABEL, description = ClusterArg.DESCRIPTION)
    Path clusterFile;

    @Option(names = "--if-due", description = "renew only when due; otherwise say when it is and exit 0")
    boolean ifDue;

    @Mixin
    HostKeyOption hostKeys = new HostKeyOption();

    @Override
    protected int execute() throws Exception {
        Cluster cluster = ClusterStore.load(clusterFile);
        if (ifDue) {
            CertificateStatus s;
            try (SshHosts hosts = ctx().sshHosts(hostKeys.acceptNew)) {
                s = ctx().orrery().tls().status(cluster, hosts::hostFor);
            }
            if (s.nextRenewal() != null && java.time.Instant.now().isBefore(s.nextRenewal())) {
                ctx().out().println("not due: " + s.left() + " left; next renewal " + s.nextRenewal());
                return 0;
            }
        }
        return TlsRun.run(ctx(), cluster, TlsJob.Action.RENEW, false, hostKeys.acceptNew);
    }
}
