package dev.orrery.cli;

import dev.orrery.engine.FailoverSetupJob;
import dev.orrery.ha.BalancerToken;
import dev.orrery.ha.FailoverSetup;
import dev.orrery.ha.KeepalivedState;
import dev.orrery.model.Cluster;
import dev.orrery.remote.SshHosts;
import dev.orrery.store.ClusterStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Map;

/** {@code orrery balancer failover setup CLUSTER.json}: two balancers behind a reserved IP, with keepalived. */
@Command(name = "failover", mixinStandardHelpOptions = true, description = "Two balancers behind a DigitalOcean reserved IP.",
        subcommands = {FailoverCommand.Setup.class})
final class FailoverCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: setup");
    }

    @Command(name = "setup", mixinStandardHelpOptions = true,
            description = {"Create or adopt the reserved IP (written into the cluster file), then on each balancer in turn: "
                    + "keepalived's configuration (checked with keepalived -t), its check and notify scripts, and the "
                    + "balancers' DigitalOcean token in a root-only 0600 file. Failover then works with Orrery closed.",
                    "The balancers' token should be a custom-scoped token with only reserved_ip:update (see the README)."})
    static final class Setup extends CliBase {
        @Parameters(paramLabel = ClusterArg.LABEL, description = ClusterArg.DESCRIPTION)
        Path clusterFile;

        @Option(names = "--token-stdin", description = "read the balancers' token from standard input and keep it (keychain or 0600 file) first")
        boolean tokenStdin;

        @Mixin
        HostKeyOption hostKeys = new HostKeyOption();

        @Override
        protected int execute() throws Exception {
            Cluster cluster = ClusterStore.load(clusterFile);
            if (tokenStdin) {
                ctx().err().println("paste the balancers' DigitalOcean token (scope reserved_ip:update) and press Enter:");
                String line = ctx().in().readLine();
                BalancerToken checked;
                try {
                    checked = new BalancerToken(line);
                } catch (IllegalArgumentException e) {
                    ctx().err().println("orrery balancer failover setup: " + e.getMessage());
                    return 1;
                }
                ctx().orrery().secret(BalancerToken.slot(cluster.name())).save(line.strip());
                ctx().out().println("balancers' token kept in " + ctx().orrery().secret(BalancerToken.slot(cluster.name())).describe()
                        + " (" + checked + ")");
            }
            try (SshHosts hosts = ctx().sshHosts(hostKeys.acceptNew)) {
                FailoverSetupJob job;
                try {
                    job = ctx().orrery().failoverSetupJob(cluster, ip -> {
                        Cluster now = ClusterStore.load(clusterFile);
                        ClusterStore.save(clusterFile, now.withBalancer(now.balancer().withFailover(now.balancer().failover().withReservedIp(ip))));
                    }, hosts);
                } catch (IllegalStateException e) {
                    ctx().err().println("orrery balancer failover setup: " + e.getMessage());
                    return 1;
                }
                FailoverSetup.Result r = JobPrinter.runPrinting(ctx(), job);
                ctx().out().println("failover: " + r.reservedIp() + " (" + r.how() + ") held by " + r.holder());
                for (Map.Entry<String, KeepalivedState> e : r.states().entrySet()) {
                    ctx().out().println("  " + e.getKey() + ": keepalived " + e.getValue().state() + " — " + e.getValue().note());
                }
                return 0;
            } catch (dev.orrery.ha.FailoverException | dev.orrery.cloud.CloudException e) {
                ctx().err().println("orrery balancer failover setup: " + e.getMessage());
                return 1;
            }
        }
    }
}
