package dev.orrery.engine;

import dev.orrery.adopt.BalancerDiffs;
import dev.orrery.adopt.BalancerImport;
import dev.orrery.adopt.BalancerReader;
import dev.orrery.adopt.DriftCheck;
import dev.orrery.adopt.DriftReport;
import dev.orrery.adopt.DropletImport;
import dev.orrery.adopt.ImportException;
import dev.orrery.adopt.ImportResult;
import dev.orrery.adopt.LiveBalancer;
import dev.orrery.adopt.ProxyDiff;
import dev.orrery.adopt.mup.MupFile;
import dev.orrery.adopt.mup.MupImport;
import dev.orrery.adopt.mup.NodeEval;
import dev.orrery.cloud.CloudSettings;
import dev.orrery.cloud.DigitalOceanClient;
import dev.orrery.cloud.Droplet;
import dev.orrery.engine.state.JobKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.InvalidClusterException;
import dev.orrery.model.Problem;
import dev.orrery.model.Server;
import dev.orrery.remote.HostKeyPrompt;
import dev.orrery.remote.HostResolver;
import dev.orrery.remote.SshHosts;
import dev.orrery.task.Progress;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Adoption as engine jobs, the same for the window and the command line: read a mup file,
 * DigitalOcean's droplets or the live balancer into a cluster; compare the live balancer with
 * what a push would write; look for drift. Nothing here writes a cluster file: the caller saves
 * what it chose to keep.
 */
public final class AdoptJobs {
    private AdoptJobs() {
    }

    /** A job from a title, a cluster and a body. */
    private record Simple<T>(String title, String cluster, Body<T> body) implements Job<T> {
        @Override
        public T run(Progress progress) throws Exception {
            return body.run(progress);
        }

        @Override
        public JobKind kind() {
            return JobKind.OTHER;
        }
    }

    @FunctionalInterface
    private interface Body<T> {
        T run(Progress progress) throws Exception;
    }

    public static Job<ImportResult> importMup(Path mup, Path settings) {
        return new Simple<>("Import Meteor Up configuration " + mup.getFileName(), null, p -> {
            p.step("Read " + mup + (mup.toString().endsWith(".js") ? " with node" : ""));
            return MupImport.read(MupFile.read(mup, NodeEval.standard()), new MupImport.Options(settings));
        });
    }

    /** The droplets tagged {@code tag} (or named {@code prefix}…), into {@code base} (null: a new cluster); keeps the droplet template if the cluster has none. */
    public static Job<DropletImport.Result> importDigitalOcean(Orrery orrery, Cluster base, DropletImport.Options options) {
        return new Simple<>("Import droplets " + (options.tag() != null ? "tagged " + options.tag() : "named " + options.namePrefix() + "…"),
                base != null ? base.name() : null, p -> {
            DigitalOceanClient client = orrery.digitalOcean().client();
            p.step("List droplets at DigitalOcean");
            List<Droplet> droplets = client.listDroplets(options.tag());
            p.step("List VPC networks");
            DropletImport.Result r = DropletImport.read(droplets, client.listVpcs(), base, options);
            p.log(r.result().items().size() + " droplet(s) found");
            return r;
        });
    }

    /** The droplets' import, keeping their droplet template for the cluster as {@link #keepTemplate} does (the window's). */
    public static Job<ImportResult> importDigitalOceanKeepingTemplate(Orrery orrery, Cluster base, DropletImport.Options options) {
        Job<DropletImport.Result> read = importDigitalOcean(orrery, base, options);
        return new Simple<>(read.title(), read.cluster(), p -> {
            DropletImport.Result r = read.run(p);
            if (keepTemplate(orrery, r.result().cluster().name(), r.template())) {
                p.log("kept the droplet template (snapshot " + r.template().snapshotId() + ") for new app servers");
            }
            return r.result();
        });
    }

    /** Keeps the imported droplet template for the cluster, unless it has one; returns whether it was kept. */
    public static boolean keepTemplate(Orrery orrery, String cluster, dev.orrery.cloud.DropletTemplate template) throws IOException {
        if (template == null) {
            return false;
        }
        CloudSettings settings = CloudSettings.load(orrery.home());
        if (settings.templates().containsKey(cluster)) {
            return false;
        }
        settings.withTemplate(cluster, template).save(orrery.home());
        return true;
    }

    public static Job<ImportResult> importBalancer(Cluster base, Server balancer, HostResolver hosts, BalancerImport.Options options) {
        return new Simple<>("Import the balancer on " + balancer.name(), base != null ? base.name() : null,
                p -> BalancerImport.run(base, balancer, hosts, options, p));
    }

    /** The live balancer's import through the engine's own connections (the window's, asking about new host keys). */
    public static Job<ImportResult> importBalancer(Orrery orrery, Cluster base, Server balancer, BalancerImport.Options options) {
        return importBalancer(base, balancer, orrery.hosts(), options);
    }

    /** From a configuration saved on this computer ({@code nginx -T} output, nginx.conf or haproxy.cfg): nothing is connected to. */
    public static Job<ImportResult> importBalancerFromFile(Cluster base, Server balancer, Path file, boolean checkModule,
                                                            BalancerImport.Options options) {
        return new Simple<>("Import the balancer configuration " + file.getFileName(), base != null ? base.name() : null,
                p -> BalancerImport.importLive(base, balancer, LiveBalancer.fromFile(file, checkModule), null, options, p));
    }

    /** What a push would change, against a configuration saved on this computer instead of the live one. */
    public static Job<ProxyDiff> diffProxyFromFile(Cluster cluster, Path file, boolean checkModule) {
        return new Simple<>("Compare " + file.getFileName() + " with the cluster", cluster.name(),
                p -> ProxyDiff.of(cluster, LiveBalancer.fromFile(file, checkModule)));
    }

    /**
     * What a push would change on the cluster's live balancer — on each of a failover pair (a push
     * writes to both), in the cluster file's order. One that cannot be read fails the job, naming it.
     */
    public static Job<BalancerDiffs> diffProxy(Cluster cluster, HostResolver hosts) {
        List<Server> lbs = cluster.balancerServers();
        if (lbs.isEmpty()) {
            throw new InvalidClusterException(List.of(new Problem("servers", "has no load balancer server to compare with")));
        }
        return new Simple<>("Compare the balancer on " + String.join(" and ", lbs.stream().map(Server::name).toList()) + " with the cluster",
                cluster.name(), p -> {
            List<BalancerDiffs.Each> each = new java.util.ArrayList<>();
            for (Server lb : lbs) {
                try {
                    LiveBalancer live = new BalancerReader(hosts.hostFor(lb), p).read(cluster.balancer().kind(), null);
                    p.step("Compare " + (lbs.size() > 1 ? lb.name() + " " : "") + "directive by directive");
                    each.add(new BalancerDiffs.Each(lb.name(), ProxyDiff.of(cluster, live)));
                } catch (ImportException e) {
                    throw lbs.size() == 1 ? e : new ImportException(lb.name() + ": " + e.getMessage(), e);
                }
            }
            return new BalancerDiffs(each);
        });
    }

    /** What a push would change on the cluster's live balancer(s), through the engine's own connections (the window's). */
    public static Job<BalancerDiffs> diffProxy(Orrery orrery, Cluster cluster) {
        return diffProxy(cluster, orrery.hosts());
    }

    /**
     * Drift through a pool of connections of its own that refuses unknown host keys (a check never
     * trusts a new key, and never asks), closed when the check ends: the window's.
     */
    public static Job<DriftReport> drift(Orrery orrery, Cluster cluster, String tag) {
        return new Simple<>("Look for drift in " + cluster.name(), cluster.name(), p -> {
            try (SshHosts hosts = orrery.sshHosts(HostKeyPrompt.REFUSE)) {
                return drift(orrery, cluster, hosts, tag).run(p);
            }
        });
    }

    /**
     * Drift between the live cluster and its file. {@code hosts} should refuse unknown host keys
     * (a check never trusts a new key); DigitalOcean is checked when a token is set.
     */
    public static Job<DriftReport> drift(Orrery orrery, Cluster cluster, HostResolver hosts, String tag) {
        return new Simple<>("Look for drift in " + cluster.name(), cluster.name(), p -> {
            DigitalOceanClient client;
            try {
                client = orrery.digitalOcean().client();
            } catch (IllegalStateException | IOException e) {
                client = null;
            }
            return new DriftCheck(hosts, client, p).run(cluster, tag);
        });
    }
}
