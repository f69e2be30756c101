package dev.orrery.cli;

import dev.orrery.cloud.LoadBalancer;
import dev.orrery.engine.ManagedBalancerJob;
import dev.orrery.model.Cluster;
import dev.orrery.model.ClusterValidator;
import dev.orrery.model.ManagedBalancer;
import dev.orrery.model.Problem;
import dev.orrery.proxy.managed.ManagedMigration;
import dev.orrery.store.ClusterStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/** The DigitalOcean Load Balancer kind's commands, under {@code orrery balancer}. */
final class ManagedBalancerCommands {
    private ManagedBalancerCommands() {
    }

    @Command(name = "managed-push", mixinStandardHelpOptions = true,
            description = {"Create or update the cluster's DigitalOcean Load Balancer through the API: tag the app droplets,"
                    + " forward 80 (and 443 with the account's certificate) to the app, health check and cookie stickiness"
                    + " from the cluster file. Needs a DigitalOcean token (orrery token set, or DIGITALOCEAN_TOKEN)."})
    static final class Push extends CliBase {
        @Parameters(index = "0", paramLabel = "CLUSTER.json", description = "the cluster file (balancer kind do-load-balancer)")
        Path clusterFile;

        @Override
        protected int execute() throws Exception {
            Cluster cluster = ClusterStore.load(clusterFile);
            if (!cluster.balancer().managedKind()) {
                ctx().err().println("orrery balancer managed-push: " + cluster.name() + "'s balancer is " + cluster.balancer().kind().label()
                        + "; use orrery balancer migrate-to-managed to move to a DigitalOcean Load Balancer");
                return 1;
            }
            LoadBalancer lb = JobPrinter.runPrinting(ctx(), new ManagedBalancerJob(cluster, ctx().orrery()::digitalOceanClient));
            ctx().out().println(describe(lb));
            return 0;
        }
    }

    @Command(name = "managed-status", mixinStandardHelpOptions = true,
            description = "The cluster's DigitalOcean Load Balancer as the API reports it: status, address, droplets behind it.")
    static final class Status extends CliBase {
        @Parameters(index = "0", paramLabel = "CLUSTER.json", description = "the cluster file")
        Path clusterFile;

        @Option(names = "--json", description = "print JSON")
        boolean json;

        @Override
        protected int execute() throws Exception {
            Cluster cluster = ClusterStore.load(clusterFile);
            String name = ManagedBalancer.nameFor(cluster.name());
            Optional<LoadBalancer> lb = ctx().orrery().digitalOceanClient().loadBalancers().findByName(name);
            if (json) {
                ctx().out().println(Json.status(name, lb));
            } else {
                ctx().out().println(lb.map(ManagedBalancerCommands::describe).orElse("no DigitalOcean Load Balancer named " + name
                        + " (orrery balancer managed-push creates it)"));
            }
            return lb.isPresent() ? 0 : 1;
        }

        /** Apart, so that loading the command for --help loads no Jackson class. */
        private static final class Json {
            static String status(String name, Optional<LoadBalancer> lb) {
                var n = com.fasterxml.jackson.databind.json.JsonMapper.builder().build().createObjectNode();
                n.put("name", name);
                n.put("exists", lb.isPresent());
                lb.ifPresent(l -> {
                    n.put("id", l.id()).put("status", l.status()).put("ip", l.ip());
                    l.dropletIds().forEach(n.putArray("dropletIds")::add);
                });
                return n.toPrettyString();
            }
        }
    }

    @Command(name = "migrate-to-managed", mixinStandardHelpOptions = true,
            description = {"Move from the balancer droplet (nginx or HAProxy) to a DigitalOcean Load Balancer.",
                    "Without --apply, prints the steps and what changes for users (sticky sessions move from the client's IP to a"
                            + " cookie: DigitalOcean offers only cookie stickiness). With --apply, creates the load balancer and"
                            + " rewrites the cluster file (the old one is kept as CLUSTER.json.before-managed).",
                    "The DNS switch is yours: Orrery prints the load balancer's address and does not change DNS."})
    static final class MigrateToManaged extends CliBase {
        @Parameters(index = "0", paramLabel = "CLUSTER.json", description = "the cluster file")
        Path clusterFile;

        @Option(names = "--region", paramLabel = "SLUG", description = "the app droplets' region (default: the one the servers record)")
        String region;

        @Option(names = "--certificate-id", paramLabel = "UUID",
                description = "a certificate in your DigitalOcean account for HTTPS (uploaded, or made by DigitalOcean's Let's Encrypt)")
        String certificateId;

        @Option(names = "--apply", description = "create the load balancer and rewrite the cluster file")
        boolean apply;

        @Override
        protected int execute() throws Exception {
            Cluster cluster = ClusterStore.load(clusterFile);
            ManagedMigration plan = ManagedMigration.plan(cluster, region, certificateId);
            var out = ctx().out();
            out.println("Move " + cluster.name() + " from " + cluster.balancer().kind().label() + " to a DigitalOcean Load Balancer");
            out.println();
            out.println("Steps:");
            int i = 1;
            for (String s : plan.steps()) {
                out.println("  " + i++ + ". " + s);
            }
            out.println();
            out.println("What changes for users:");
            plan.changes().forEach(c -> out.println("  - " + c));
            List<Problem> problems = plan.blockers().isEmpty() ? ClusterValidator.validate(plan.target()) : List.of();
            if (!plan.blockers().isEmpty() || !problems.isEmpty()) {
                out.println();
                ctx().err().println("Cannot apply yet:");
                plan.blockers().forEach(b -> ctx().err().println("  - " + b));
                problems.forEach(p -> ctx().err().println("  - " + p));
                return apply ? 1 : 0;
            }
            if (!apply) {
                out.println();
                out.println("Nothing was changed. Run again with --apply to create the load balancer.");
                return 0;
            }
            LoadBalancer lb = JobPrinter.runPrinting(ctx(), new ManagedBalancerJob(plan.target(), ctx().orrery()::digitalOceanClient));
            Path backup = clusterFile.resolveSibling(clusterFile.getFileName() + ".before-managed");
            Files.copy(clusterFile, backup, StandardCopyOption.REPLACE_EXISTING);
            ClusterStore.save(clusterFile, plan.target());
            out.println(describe(lb));
            out.println("The cluster file now says do-load-balancer (the old one is " + backup.getFileName() + ").");
            out.println("Your step: point DNS at " + (lb.ip().isEmpty() ? "the load balancer's IP once it is active (orrery balancer"
                    + " managed-status " + clusterFile + ")" : lb.ip()) + ". Orrery does not change DNS.");
            return 0;
        }
    }

    static String describe(LoadBalancer lb) {
        return "DigitalOcean Load Balancer " + lb.name() + " (" + lb.id() + "): " + lb.status()
                + (lb.ip().isEmpty() ? ", no address yet" : " at " + lb.ip()) + ", " + lb.dropletIds().size() + " droplet(s) behind it";
    }
}
