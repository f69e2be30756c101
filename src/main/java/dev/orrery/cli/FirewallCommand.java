package dev.orrery.cli;

import dev.orrery.engine.FirewallJob;
import dev.orrery.lock.ClusterLockedException;
import dev.orrery.model.Cluster;
import dev.orrery.model.Firewall;
import dev.orrery.remote.SshHosts;
import dev.orrery.security.CloudFirewallPlan;
import dev.orrery.security.HostFirewall;
import dev.orrery.security.NftRuleset;
import dev.orrery.security.OpenPorts;
import dev.orrery.store.ClusterFile;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code orrery firewall plan|apply CLUSTER.json [--ssh-from RANGE…] [--save]}: both layers that
 * close the servers — DigitalOcean's Cloud Firewalls by tag (for droplets) and each server's own
 * nftables. {@code plan} says what is open where and prints the rules; {@code apply} puts them in
 * place under the cluster's lock, the cloud layer first, then one server at a time, each with an
 * automatic rollback unless a new SSH login works through it. The SSH allow-list comes from
 * {@code --ssh-from} or the cluster file's {@code firewall.sshFrom} ({@code --save} keeps it there).
 */
@CommandLine.Command(name = "firewall", mixinStandardHelpOptions = true,
        description = "Plan or apply the servers' firewalls (DigitalOcean Cloud Firewall and nftables): SSH only from the listed ranges, "
                + "the app port only from the balancer, 80/443 on the balancer.",
        subcommands = {FirewallCommand.Plan.class, FirewallCommand.Apply.class})
final class FirewallCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say plan or apply");
    }

    abstract static class OnCluster extends CliBase {
        @Parameters(index = "0", paramLabel = ClusterArg.LABEL, description = ClusterArg.DESCRIPTION)
        Path file;

        // checked in sshFrom(), not by picocli's required=: an unknown option or extra argument is then reported first, as for every command
        @Option(names = "--ssh-from", paramLabel = "RANGE",
                description = "an address or range SSH is allowed from, e.g. 203.0.113.7 or 10.0.0.0/8 (repeat for more); include the one "
                        + "Orrery connects from. Default: the cluster file's firewall.sshFrom")
        List<String> sshFrom;

        @Option(names = "--save", description = "keep the --ssh-from list in the cluster file (firewall.sshFrom)")
        boolean save;

        @Option(names = "--server", paramLabel = "NAME", description = "only this server's host firewall (repeatable)")
        List<String> only;

        @Option(names = "--layer", paramLabel = "both|host|cloud", description = "which layer (default both; cloud applies only to droplets)")
        String layer = "both";

        FirewallJob.Layers layers() {
            try {
                return FirewallJob.Layers.valueOf(layer.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--layer must be both, host or cloud, not " + layer);
            }
        }

        /** The allow-list: the command line's, else the file's; a bad or missing one is a usage error. */
        List<String> sshFrom(Cluster cluster) {
            List<String> from = sshFrom != null && !sshFrom.isEmpty() ? sshFrom : cluster.sshFrom();
            if (from.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "Missing --ssh-from RANGE: the addresses SSH is allowed from, "
                        + "including the one Orrery connects from (or set firewall.sshFrom in the cluster file: --ssh-from … --save)");
            }
            if (save && (sshFrom == null || sshFrom.isEmpty())) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--save keeps the --ssh-from list: give at least one");
            }
            return from;
        }

        List<HostFirewall> rules(Cluster cluster, List<String> from) {
            List<HostFirewall> all;
            try {
                all = HostFirewall.forCluster(cluster, from);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            if (only == null || only.isEmpty()) {
                return all;
            }
            for (String n : only) {
                if (all.stream().noneMatch(f -> f.server().equals(n))) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "no app server or balancer named " + n + " in " + cluster.name());
                }
            }
            return all.stream().filter(f -> only.contains(f.server())).toList();
        }

        CloudFirewallPlan cloud(Cluster cluster, List<String> from) {
            if (layers() == FirewallJob.Layers.HOST || (only != null && !only.isEmpty())) {
                return CloudFirewallPlan.none(cluster.name());
            }
            try {
                return CloudFirewallPlan.forCluster(cluster, from);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }

        /** With --save, the allow-list goes into the cluster file (after it was checked). */
        Cluster saved(Cluster cluster, List<String> from) throws Exception {
            if (!save) {
                return cluster;
            }
            Cluster next = ClusterFile.update(file, c -> c.withFirewall(new Firewall(from)));
            ctx().out().println("kept in " + file + ": firewall.sshFrom = " + from);
            return next;
        }
    }

    @CommandLine.Command(name = "plan", mixinStandardHelpOptions = true,
            description = "Say what is open where on each server (both layers) and print its nftables rules; changes no server.")
    static final class Plan extends OnCluster {
        @Override
        protected int execute() throws Exception {
            Cluster cluster = ClusterArg.load(file);
            List<String> from = sshFrom(cluster);
            List<HostFirewall> host = layers() == FirewallJob.Layers.CLOUD ? List.of() : rules(cluster, from);
            CloudFirewallPlan cloud = cloud(cluster, from);
            saved(cluster, from);
            TextTable table = new TextTable("SERVER", "PORT", "OPEN TO", "LAYER");
            for (OpenPorts.Opening o : OpenPorts.of(host, cloud)) {
                table.row(o.server(), o.port(), o.from(), o.layers());
            }
            ctx().out().print(table);
            ctx().out().println("Everything else arriving is dropped. Outbound traffic is not limited.");
            for (CloudFirewallPlan.Wanted w : cloud.firewalls()) {
                ctx().out().println("Cloud Firewall " + w.firewall().name() + ": droplets tagged " + String.join(", ", w.firewall().tags())
                        + " (" + String.join(", ", w.servers()) + ")");
            }
            cloud.notes().forEach(n -> ctx().out().println("note: " + n));
            cloud.warnings().forEach(w -> ctx().out().println("warning: " + w));
            for (HostFirewall f : host) {
                ctx().out().println();
                ctx().out().print(NftRuleset.render(f));
            }
            return 0;
        }
    }

    @CommandLine.Command(name = "apply", mixinStandardHelpOptions = true,
            description = {"Put the Cloud Firewalls in place (droplets), then each server's nftables rules (checked with nft -c), "
                    + "one server at a time, under the cluster's lock.",
                    "A Cloud Firewall is put back by Orrery, and a server's rules by the server itself, unless Orrery logs in anew "
                            + "through them (within --confirm-within for the host). Exit 1 at the first rollback; later servers are not touched."})
    static final class Apply extends OnCluster {
        @CommandLine.Mixin
        HostKeyOption hostKeys;

        Duration window = Duration.ofSeconds(60);

        @Option(names = "--confirm-within", paramLabel = "DURATION", converter = DurationConverter.class,
                description = "how long new host rules stay unless confirmed (default 60s; 30s..10m, longer than an SSH connect timeout)")
        void window(Duration d) {
            window = DurationConverter.inRange(spec.commandLine(), "--confirm-within", d, Duration.ofSeconds(30), Duration.ofMinutes(10));
        }

        @Override
        protected int execute() throws Exception {
            Cluster cluster = ClusterArg.load(file);
            List<String> from = sshFrom(cluster);
            if (layers() != FirewallJob.Layers.CLOUD) {
                rules(cluster, from);
            }
            cloud(cluster, from);
            cluster = saved(cluster, from);
            try (SshHosts hosts = ctx().sshHosts(hostKeys.acceptNew)) {
                FirewallJob.Result r = JobPrinter.runPrinting(ctx(), ctx().orrery().firewallJob(cluster, from, only, layers(), hosts, window));
                if (!r.applied()) {
                    ctx().err().println("orrery firewall apply: " + r.summary() + ". Check the SSH allow-list: it must include the address Orrery connects from.");
                    return 1;
                }
                ctx().out().println(r.summary());
                return 0;
            } catch (ClusterLockedException e) {
                ctx().err().println("orrery firewall apply: refused: " + e.getMessage());
                return 1;
            }
        }
    }
}
