package dev.orrery.cli;

import dev.orrery.model.Cluster;
import dev.orrery.model.Server;
import dev.orrery.remote.Command;
import dev.orrery.remote.SshHost;
import dev.orrery.remote.SshHosts;
import dev.orrery.security.FirewallApply;
import dev.orrery.security.HostFirewall;
import dev.orrery.security.NftRuleset;
import dev.orrery.task.Progress;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code orrery firewall plan|apply CLUSTER.json --ssh-from RANGE…}: the host firewall (nftables)
 * of every app server and balancer. {@code plan} prints the rules; {@code apply} loads them one
 * server at a time with an automatic rollback unless a new SSH login works through them, and
 * stops at the first server where it was rolled back.
 */
@CommandLine.Command(name = "firewall", mixinStandardHelpOptions = true,
        description = "Plan or apply the servers' own firewall (nftables): SSH only from the listed ranges, the app port only "
                + "from the balancer, 80/443 on the balancer.",
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

        // checked in rules(), not by picocli's required=: an unknown option or extra argument is then reported first, as for every command
        @Option(names = "--ssh-from", paramLabel = "RANGE",
                description = "an address or range SSH is allowed from, e.g. 203.0.113.7 or 10.0.0.0/8 (repeat for more); include the one Orrery connects from")
        List<String> sshFrom;

        @Option(names = "--server", paramLabel = "NAME", description = "only this server (repeatable)")
        List<String> only;

        List<HostFirewall> rules(Cluster cluster) {
            if (sshFrom == null || sshFrom.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "Missing --ssh-from RANGE: the addresses SSH is allowed from, including the one Orrery connects from");
            }
            List<HostFirewall> all;
            try {
                all = HostFirewall.forCluster(cluster, sshFrom);
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
    }

    @CommandLine.Command(name = "plan", mixinStandardHelpOptions = true, description = "Print each server's nftables rules; changes nothing.")
    static final class Plan extends OnCluster {
        @Override
        protected int execute() throws Exception {
            for (HostFirewall f : rules(ClusterArg.load(file))) {
                ctx().out().println(NftRuleset.render(f));
            }
            return 0;
        }
    }

    @CommandLine.Command(name = "apply", mixinStandardHelpOptions = true,
            description = {"Load each server's rules, checked with nft -c first, one server at a time.",
                    "The server puts its previous rules back by itself unless Orrery logs in anew through the new rules "
                            + "within --confirm-within. Exit 1 at the first server rolled back or refused; later servers are not touched."})
    static final class Apply extends OnCluster {
        @CommandLine.Mixin
        HostKeyOption hostKeys;

        Duration window = Duration.ofSeconds(60);

        @Option(names = "--confirm-within", paramLabel = "DURATION", converter = DurationConverter.class,
                description = "how long the new rules stay unless confirmed (default 60s; 30s..10m, longer than an SSH connect timeout)")
        void window(Duration d) {
            window = DurationConverter.inRange(spec.commandLine(), "--confirm-within", d, Duration.ofSeconds(30), Duration.ofMinutes(10));
        }

        @Override
        protected int execute() throws Exception {
            Cluster cluster = ClusterArg.load(file);
            List<HostFirewall> plan = rules(cluster);
            FirewallApply apply = new FirewallApply(window);
            Progress print = new Progress() {
                @Override public void step(String name) { ctx().out().println("» " + name); }
                @Override public void fraction(double done) { }
                @Override public void log(String line) { ctx().out().println("  " + line); }
                @Override public boolean cancelled() { return false; }
            };
            try (SshHosts hosts = ctx().sshHosts(hostKeys.acceptNew)) {
                for (HostFirewall f : plan) {
                    Server s = cluster.server(f.server()).orElseThrow();
                    FirewallApply.Outcome o = apply.apply(hosts.hostFor(s), () -> {
                        try (SshHost fresh = hosts.fresh(s)) {
                            fresh.run(Command.of("true").asLoginUser().describedAs("log in anew"));
                        }
                    }, f, print);
                    ctx().out().println(s.name() + ": " + o.detail() + " (" + o.took().toMillis() + " ms)");
                    if (!o.applied()) {
                        ctx().err().println(s.name() + ": the new rules were rolled back; " + (plan.size() - plan.indexOf(f) - 1)
                                + " later server(s) not touched. Check --ssh-from: it must include the address Orrery connects from.");
                        return 1;
                    }
                }
            }
            ctx().out().println("firewall applied on " + plan.size() + " server(s)");
            return 0;
        }
    }
}
