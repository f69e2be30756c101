package dev.orrery.cli;

import dev.orrery.adopt.BalancerImport;
import dev.orrery.adopt.DropletImport;
import dev.orrery.adopt.ImportResult;
import dev.orrery.engine.AdoptJobs;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.Server;
import dev.orrery.remote.SshHosts;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code orrery import mup|digitalocean|balancer}: adopt a cluster that already runs. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Adopt a cluster that already runs: read a Meteor Up file, your DigitalOcean droplets or the live balancer",
                "into a cluster file. Everything found is listed: mapped, kept as is, replaced by Orrery's own, or not imported, and why."},
        subcommands = {CommandLine.HelpCommand.class, ImportCommand.Mup.class, ImportCommand.DigitalOcean.class, ImportCommand.Balancer.class})
final class ImportCommand extends CliBase {
    @Override
    protected int execute() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing what to import: mup, digitalocean or balancer");
    }

    @Command(name = "mup", mixinStandardHelpOptions = true,
            description = {"Read a Meteor Up configuration: mup.json (2015–2016, comments allowed) or mup.js (1.x, read with your own node).",
                    "PATH is the file or the folder holding it. METEOR_SETTINGS comes from --settings, else settings.json beside it."})
    static final class Mup extends CliBase {
        @Parameters(paramLabel = "PATH", description = "mup.js, mup.json, or the folder holding one")
        Path path;
        @Option(names = "--settings", paramLabel = "settings.json", description = "Meteor settings (METEOR_SETTINGS)")
        Path settings;
        @Option(names = "--out", paramLabel = ClusterArg.LABEL, description = "the cluster file to write (a new one; required)")
        Path out;
        @Option(names = "--force", description = "write over an existing cluster file (its content is kept as CLUSTER.json.orrery-prev)")
        boolean force;
        @Option(names = "--json", description = "print the report as JSON")
        boolean json;

        @Override
        protected int execute() throws Exception {
            required(spec, "--out=CLUSTER.json", out);
            if (Files.exists(out) && !force) {
                ctx().err().println("orrery import mup: " + out + " exists; write to a new file, or pass --force (the old one is kept as "
                        + out.getFileName() + ".orrery-prev)");
                return 1;
            }
            ImportResult r = AdoptOutput.run(ctx(), AdoptJobs.importMup(path, settings), json);
            Path previous = AdoptOutput.save(out, r.cluster());
            AdoptOutput.print(ctx(), r, out, previous, json);
            return 0;
        }
    }

    @Command(name = "digitalocean", mixinStandardHelpOptions = true,
            description = {"Read droplets from DigitalOcean: addresses (public and private), region, size, the image they came from.",
                    "Into an existing CLUSTER.json (from import mup, say) the droplets are matched to its servers by address or name.",
                    "The balancer is the droplet named by --balancer, or the one tagged balancer, lb or load-balancer."})
    static final class DigitalOcean extends CliBase {
        static final class Which {
            @Option(names = "--tag", required = true, paramLabel = "TAG", description = "the droplets with this tag")
            String tag;
            @Option(names = "--name-prefix", required = true, paramLabel = "PREFIX", description = "the droplets whose name starts so")
            String prefix;
        }

        @ArgGroup(exclusive = true, multiplicity = "0..1")
        Which which;
        @Option(names = "--out", paramLabel = ClusterArg.LABEL, description = "the cluster file (updated when it exists; required)")
        Path out;
        @Option(names = "--balancer", paramLabel = "NAME", description = "the balancer droplet's name")
        String balancer;
        @Option(names = "--balancer-tag", paramLabel = "TAG", description = "the tag that marks the balancer")
        String balancerTag;
        @Option(names = "--database", paramLabel = "NAME", description = "a database droplet (repeatable; droplets tagged db, database or mongo are too)")
        List<String> databases = new ArrayList<>();
        @Option(names = "--name", paramLabel = "NAME", description = "the new cluster's name (default: the tag or prefix)")
        String name;
        @Option(names = "--json", description = "print the report as JSON")
        boolean json;

        @Override
        protected int execute() throws Exception {
            required(spec, "--out=CLUSTER.json", out);
            if (which == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "Missing required option: '--tag=TAG' or '--name-prefix=PREFIX'");
            }
            Cluster base = Files.exists(out) ? ClusterArg.load(out) : null;
            DropletImport.Options o = new DropletImport.Options(which.tag, which.prefix, balancer, balancerTag, databases, name);
            DropletImport.Result r = AdoptOutput.run(ctx(), AdoptJobs.importDigitalOcean(ctx().orrery(), base, o), json);
            Path previous = AdoptOutput.save(out, r.result().cluster());
            boolean kept = AdoptJobs.keepTemplate(ctx().orrery(), r.result().cluster().name(), r.template());
            AdoptOutput.print(ctx(), r.result(), out, previous, json);
            if (!json && r.template() != null) {
                ctx().out().println(kept ? "kept the droplet template (snapshot " + r.template().snapshotId() + ") for new app servers"
                        : "the cluster already has a droplet template; it was left as it is");
            }
            return 0;
        }
    }

    @Command(name = "balancer", mixinStandardHelpOptions = true,
            description = {"Read what the balancer at ADDRESS runs (nginx -T over SSH, or haproxy.cfg) into CLUSTER.json:",
                    "upstream servers and their states, stickiness, the check line, listens, TLS, the 80->443 redirect, proxy headers",
                    "and timeouts. Directives Orrery does not model are kept as is, or refused with the reason."})
    static final class Balancer extends CliBase {
        @Parameters(paramLabel = ClusterArg.LABEL, description = "the cluster file (updated, or made when missing)")
        Path cluster;
        @Option(names = "--host", paramLabel = "ADDRESS", description = "the balancer's address (required)")
        String host;
        @Option(names = "--ssh-user", paramLabel = "USER", description = "default: root")
        String sshUser;
        int sshPort = 22;

        @Option(names = "--ssh-port", paramLabel = "PORT", description = "the balancer's sshd port (1 to 65535). Default: 22.")
        void sshPort(int p) {
            sshPort = Ranges.check(spec.commandLine(), "--ssh-port", p, 1, 65535);
        }

        @Option(names = "--ssh-key", paramLabel = "PATH|agent", description = "default: the ssh-agent, then ~/.ssh/id_*")
        String sshKey;
        @Option(names = "--config", paramLabel = "FILE", description = "the main configuration file (default: what the running balancer uses)")
        String config;
        @Option(names = "--kind", paramLabel = "nginx|haproxy", description = "default: whichever runs")
        String kind;
        @Option(names = "--server-name", paramLabel = "NAME", description = "the site's name, for HAProxy's TLS (default: from ROOT_URL)")
        String serverName;
        @Mixin
        HostKeyOption hostKeys;
        @Option(names = "--from-file", paramLabel = "FILE", description = {"read a configuration saved on this computer instead",
                "(nginx -T output, an nginx.conf or an haproxy.cfg); nothing is connected to"})
        Path fromFile;
        @Option(names = "--check-module", description = "with --from-file: the balancer's nginx has nginx_upstream_check_module")
        boolean checkModule;
        @Option(names = "--json", description = "print the report as JSON")
        boolean json;

        @Override
        protected int execute() throws Exception {
            required(spec, "--host=ADDRESS", host);
            Cluster base = Files.exists(cluster) ? ClusterArg.load(cluster) : null;
            BalancerKind k = kind == null ? null : switch (kind) {
                case "nginx" -> BalancerKind.NGINX;
                case "haproxy" -> BalancerKind.HAPROXY;
                default -> throw new CommandLine.ParameterException(spec.commandLine(), "Invalid value for option '--kind': expected nginx or haproxy (got '" + kind + "')");
            };
            Server lb = BalancerImport.balancerServer(base, host, sshUser, sshPort, sshKey);
            if (fromFile != null) {
                ImportResult r = AdoptOutput.run(ctx(), AdoptJobs.importBalancerFromFile(base, lb, fromFile, checkModule,
                        new BalancerImport.Options(k, config, serverName)), json);
                AdoptOutput.print(ctx(), r, cluster, AdoptOutput.save(cluster, r.cluster()), json);
                return 0;
            }
            try (SshHosts hosts = ctx().sshHosts(hostKeys.acceptNew)) {
                ImportResult r = AdoptOutput.run(ctx(), AdoptJobs.importBalancer(base, lb, hosts, new BalancerImport.Options(k, config, serverName)), json);
                Path previous = AdoptOutput.save(cluster, r.cluster());
                AdoptOutput.print(ctx(), r, cluster, previous, json);
                if (!json) {
                    ctx().out().println("next: orrery diff-proxy " + cluster + "  (what the first push would change)");
                }
            }
            return 0;
        }
    }

    /**
     * Required options are checked here rather than by picocli's {@code required = true}, so that an
     * unknown option or an extra argument is reported as such first (as every other command does).
     */
    static void required(picocli.CommandLine.Model.CommandSpec spec, String option, Object value) {
        if (value == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing required option: '" + option + "'");
        }
    }
}
