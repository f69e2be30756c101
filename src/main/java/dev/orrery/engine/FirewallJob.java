package dev.orrery.engine;

import dev.orrery.cloud.DigitalOceanClient;
import dev.orrery.model.Cluster;
import dev.orrery.model.Server;
import dev.orrery.remote.Command;
import dev.orrery.remote.SshHost;
import dev.orrery.remote.SshHosts;
import dev.orrery.security.CloudFirewallApply;
import dev.orrery.security.CloudFirewallPlan;
import dev.orrery.security.FirewallApply;
import dev.orrery.security.HostFirewall;
import dev.orrery.task.Progress;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Closes a cluster's servers on both layers: first DigitalOcean's Cloud Firewalls by tag (when
 * the cluster has droplets; put back by Orrery when a new login fails through them), then each
 * server's own nftables rules, one server at a time (put back by the server itself unless Orrery
 * logs in anew). Stops at the first layer or server rolled back; later servers are not touched.
 * Submit it through {@link Orrery#firewallJob}, which holds the cluster's lock while it runs.
 */
public final class FirewallJob implements Job<FirewallJob.Result> {

    /** Which layers to apply. */
    public enum Layers { BOTH, HOST, CLOUD }

    /**
     * @param cloud      null when the cloud layer was not applied (no droplets, or not asked for)
     * @param notTouched servers whose host firewall was not applied because an earlier one rolled back
     */
    public record Result(boolean applied, CloudFirewallApply.Outcome cloud, List<FirewallApply.Outcome> hosts, int notTouched) {
        public String summary() {
            if (cloud != null && !cloud.applied()) {
                return "the Cloud Firewall was rolled back: " + cloud.detail();
            }
            if (!applied) {
                FirewallApply.Outcome last = hosts.get(hosts.size() - 1);
                return last.server() + ": the new rules were rolled back (" + last.detail() + "); " + notTouched + " later server(s) not touched";
            }
            return "firewall applied" + (cloud != null ? " (Cloud Firewall: " + cloud.detail() + ")" : "") + " on " + hosts.size() + " server(s)";
        }
    }

    private final Cluster cluster;
    private final List<String> sshFrom;
    private final List<String> only;
    private final Layers layers;
    private final Callable<DigitalOceanClient> cloud;
    private final SshHosts hosts;
    private final Duration window;

    FirewallJob(Cluster cluster, List<String> sshFrom, List<String> only, Layers layers, Callable<DigitalOceanClient> cloud,
                SshHosts hosts, Duration window) {
        this.cluster = cluster;
        this.sshFrom = List.copyOf(sshFrom);
        this.only = only == null ? List.of() : List.copyOf(only);
        this.layers = layers;
        this.cloud = cloud;
        this.hosts = hosts;
        this.window = window;
        plan(); // refuse a bad allow-list or cluster before the job is submitted
    }

    /** The host firewalls to apply (only the servers asked for). */
    public List<HostFirewall> hostPlan() {
        List<HostFirewall> all = HostFirewall.forCluster(cluster, sshFrom);
        return only.isEmpty() ? all : all.stream().filter(f -> only.contains(f.server())).toList();
    }

    /** The Cloud Firewalls to put in place: empty for a cluster without droplets, or when only some servers are asked for. */
    public CloudFirewallPlan cloudPlan() {
        return layers == Layers.HOST || !only.isEmpty() ? CloudFirewallPlan.none(cluster.name())
                : CloudFirewallPlan.forCluster(cluster, sshFrom);
    }

    private void plan() {
        hostPlan();
        cloudPlan();
    }

    @Override
    public String title() {
        return "Firewall of " + cluster.name();
    }

    @Override
    public String cluster() {
        return cluster.name();
    }

    @Override
    public Result run(Progress progress) throws Exception {
        CloudFirewallApply.Outcome cloudOutcome = null;
        CloudFirewallPlan cloudPlan = cloudPlan();
        if (!only.isEmpty() && layers != Layers.HOST) {
            progress.log("--server given: the Cloud Firewall covers every droplet of a role, so only the host layer is applied");
        }
        if (!cloudPlan.isEmpty()) {
            cloudPlan.notes().forEach(n -> progress.log("note: " + n));
            cloudPlan.warnings().forEach(w -> progress.log("warning: " + w));
            DigitalOceanClient client = cloud.call();
            cloudOutcome = new CloudFirewallApply(Duration.ofMinutes(3)).apply(client.firewalls(), client.tags(), cloudPlan,
                    name -> freshLogin(cluster.server(name).orElseThrow()), progress);
            cloudOutcome.changes().forEach(c -> progress.log("cloud firewall " + c.firewall() + ": " + c.what()));
            if (!cloudOutcome.applied()) {
                return new Result(false, cloudOutcome, List.of(), hostPlan().size());
            }
        } else if (layers == Layers.CLOUD) {
            progress.log("no DigitalOcean droplets in " + cluster.name() + ": no Cloud Firewall to apply");
        }
        List<FirewallApply.Outcome> done = new ArrayList<>();
        if (layers == Layers.CLOUD) {
            return new Result(true, cloudOutcome, done, 0);
        }
        List<HostFirewall> plan = hostPlan();
        FirewallApply apply = new FirewallApply(window);
        for (HostFirewall f : plan) {
            progress.checkCancelled();
            Server s = cluster.server(f.server()).orElseThrow();
            progress.serverStep(s.name(), "firewall", false);
            FirewallApply.Outcome o = apply.apply(hosts.hostFor(s), () -> freshLogin(s), f, progress);
            done.add(o);
            progress.serverDone(s.name(), o.applied() ? "firewall applied" : "firewall rolled back");
            progress.log(s.name() + ": " + o.detail() + " (" + o.took().toMillis() + " ms)");
            if (!o.applied()) {
                return new Result(false, cloudOutcome, done, plan.size() - done.size());
            }
        }
        return new Result(true, cloudOutcome, done, 0);
    }

    private void freshLogin(Server s) throws dev.orrery.remote.RemoteException {
        try (SshHost fresh = hosts.fresh(s)) {
            fresh.run(Command.of("true").asLoginUser().describedAs("log in anew"));
        }
    }
}
