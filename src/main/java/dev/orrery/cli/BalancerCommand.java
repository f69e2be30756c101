package dev.orrery.cli;

import dev.orrery.engine.BalancerSwitchJob;
import dev.orrery.lock.ClusterLockedException;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.proxy.BalancerSwitch;
import dev.orrery.remote.SshHosts;
import dev.orrery.store.ClusterStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** {@code orrery balancer switch nginx|haproxy CLUSTER.json}: the balancer program, replaced on the same ports. */
@Command(name = "balancer", mixinStandardHelpOptions = true, description = "Work on the cluster's balancer.",
        subcommands = {BalancerCommand.Switch.class, FailoverCommand.class, FailoverDrillCommand.class,
                ManagedBalancerCommands.Push.class, ManagedBalancerCommands.Status.class, ManagedBalancerCommands.MigrateToManaged.class})
final class BalancerCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: switch, failover setup or failover-drill");
    }

    @Command(name = "switch", mixinStandardHelpOptions = true,
            description = {"Replace nginx by HAProxy (or back) on the balancer, on the same ports: validate the new configuration, "
                    + "stop the old program gracefully, start the new one, check it answers, and go back to the old one on failure.",
                    "The ports are closed only between the old program letting go and the new one listening (printed, in ms).",
                    "HAProxy changes its servers without reloading; choose it if you add and remove servers often."})
    static final class Switch extends CliBase {
        // Read as text and converted in execute(), so an unknown option is reported before a bad name.
        @Parameters(index = "0", paramLabel = "nginx|haproxy", completionCandidates = Kinds.class, description = "the balancer program to run")
        String kind;

        @Parameters(index = "1", paramLabel = "CLUSTER.json", description = "the cluster file")
        Path clusterFile;

        @Option(names = "--accept-new-host-keys", description = "trust the host key of a balancer seen for the first time")
        boolean acceptNew;

        @Override
        protected int execute() throws Exception {
            BalancerKind to;
            try {
                to = new KindConverter().convert(kind);
            } catch (CommandLine.TypeConversionException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            Cluster cluster = ClusterStore.load(clusterFile);
            if (cluster.balancer().kind() == to) {
                ctx().out().println(cluster.name() + "'s balancer already is " + name(to) + "; nothing to do");
                return 0;
            }
            try (SshHosts hosts = ctx().sshHosts(acceptNew)) {
                BalancerSwitchJob job = new BalancerSwitchJob(clusterFile, cluster.name(), to, hosts, ctx().orrery().clusterLock(hosts));
                BalancerSwitch.Result r = JobPrinter.runPrinting(ctx(), job);
                ctx().out().println("switched: " + cluster.name() + "'s balancer is " + name(to) + "; the port(s) were closed for "
                        + r.closedMs() + " ms");
                return 0;
            } catch (ClusterLockedException e) {
                ctx().err().println("orrery balancer switch: refused: " + e.getMessage());
                return 1;
            }
        }
    }

    static String name(BalancerKind k) {
        return k == BalancerKind.NGINX ? "nginx" : "HAProxy";
    }

    static final class KindConverter implements CommandLine.ITypeConverter<BalancerKind> {
        @Override
        public BalancerKind convert(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "nginx" -> BalancerKind.NGINX;
                case "haproxy" -> BalancerKind.HAPROXY;
                default -> throw new CommandLine.TypeConversionException("'" + value + "' is not a balancer: say nginx or haproxy");
            };
        }
    }

    static final class Kinds implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return List.of("nginx", "haproxy").iterator();
        }
    }
}
