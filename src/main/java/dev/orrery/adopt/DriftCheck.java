package dev.orrery.adopt;

import dev.orrery.adopt.conf.ConfDiff;
import dev.orrery.cloud.CloudException;
import dev.orrery.cloud.DigitalOceanClient;
import dev.orrery.cloud.DigitalOceanProvider;
import dev.orrery.cloud.Droplet;
import dev.orrery.deploy.AppLayout;
import dev.orrery.deploy.ReleaseCommands;
import dev.orrery.model.Cluster;
import dev.orrery.model.Release;
import dev.orrery.model.Server;
import dev.orrery.proxy.ProxyRenderer;
import dev.orrery.remote.Command;
import dev.orrery.remote.HostKeyRejectedException;
import dev.orrery.remote.HostResolver;
import dev.orrery.remote.LineListener;
import dev.orrery.remote.RemoteException;
import dev.orrery.task.Progress;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Compares the live cluster with its file: the balancer's configuration (edited by hand since
 * Orrery's push, never pushed by Orrery, or behind the cluster), each app server's release, the
 * droplets at DigitalOcean (gone, or tagged but not in the file), app servers missing from the
 * balancer, and host keys that changed. Every item carries what to do about it; whatever could
 * not be checked is a note saying why.
 */
public final class DriftCheck {
    private final HostResolver hosts;
    private final DigitalOceanClient cloud;
    private final Progress progress;
    private final List<DriftItem> items = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Set<String> unreachable = new HashSet<>();

    /** @param cloud DigitalOcean, or null when there is no token (the droplet checks are skipped, and a note says so) */
    public DriftCheck(HostResolver hosts, DigitalOceanClient cloud, Progress progress) {
        this.hosts = hosts;
        this.cloud = cloud;
        this.progress = progress;
    }

    /** @param tag the DigitalOcean tag of the cluster's droplets, or null for the tags all of them carry */
    public DriftReport run(Cluster c, String tag) {
        for (Server s : c.servers()) {
            hostKey(s);
        }
        if (c.balancerServers().isEmpty()) {
            notes.add("the cluster has no balancer server: nothing to compare with");
        }
        // both of a failover pair: the standby must be as current as the active one, or a failover brings back old rules
        for (Server lb : c.balancerServers()) {
            if (!unreachable.contains(lb.name())) {
                balancer(c, lb);
            }
        }
        for (Server s : c.appServers()) {
            if (!unreachable.contains(s.name())) {
                release(c, s);
            }
        }
        droplets(c, tag);
        return new DriftReport(items, notes, Instant.now());
    }

    private void hostKey(Server s) {
        progress.serverStep(s.name(), "check host key", false);
        try {
            hosts.hostFor(s).exec(Command.of("true"), LineListener.IGNORE);
        } catch (HostKeyRejectedException e) {
            unreachable.add(s.name());
            if (e.getMessage() != null && e.getMessage().contains("HAS CHANGED")) {
                items.add(new DriftItem(DriftItem.Kind.HOST_KEY_CHANGED, s.name(), "its SSH host key is not the one Orrery knows",
                        "if " + s.name() + " was rebuilt, remove its old key from Orrery's known_hosts (the line the message names) and connect "
                                + "once to trust the new one; if it was not, do not connect: someone may be in between"));
            } else {
                notes.add(s.name() + " was not checked: its host key is not trusted yet (connect once, e.g. orrery ssh-check, to accept it)");
            }
        } catch (RemoteException e) {
            unreachable.add(s.name());
            notes.add(s.name() + " was not checked: " + e.getMessage());
        }
    }

    /** "the balancer", or "the balancer lb-2" when the cluster has two. */
    private static String named(Cluster c, Server lb) {
        return c.balancerServers().size() > 1 ? "the balancer " + lb.name() : "the balancer";
    }

    private void balancer(Cluster c, Server lb) {
        progress.serverStep(lb.name(), "read balancer configuration", false);
        LiveBalancer live;
        try {
            live = new BalancerReader(hosts.hostFor(lb), progress).read(c.balancer().kind(), null);
        } catch (RemoteException | ImportException e) {
            notes.add(named(c, lb) + "'s configuration was not read: " + e.getMessage());
            return;
        }
        live.warnings().forEach(notes::add);
        boolean orrerys = ProxyRenderer.fingerprintIn(live.mainText()).isPresent();
        boolean intact = ProxyRenderer.unchangedSinceRendered(live.mainText());
        if (!orrerys) {
            items.add(new DriftItem(DriftItem.Kind.BALANCER_NOT_PUSHED, lb.name(), live.mainFile() + " was not written by Orrery (an adopted balancer)",
                    "review what a push would change with orrery diff-proxy, then orrery push-proxy"));
        } else if (!intact) {
            items.add(new DriftItem(DriftItem.Kind.BALANCER_EDITED, lb.name(), live.mainFile() + " was edited by hand since Orrery pushed it",
                    "see the edits with orrery diff-proxy; keep them with orrery import balancer, or overwrite them with orrery push-proxy"));
        }
        try {
            ConfDiff diff = ProxyDiff.of(c, live).diff();
            if (!diff.isEmpty() && intact) {
                items.add(new DriftItem(DriftItem.Kind.BALANCER_BEHIND, lb.name(), "the cluster changed since the last push: " + diff.summary(),
                        "orrery push-proxy (orrery diff-proxy shows what it changes)"));
            }
        } catch (ImportException e) {
            notes.add(named(c, lb) + " was not compared with the cluster: " + e.getMessage());
        }
        membership(c, named(c, lb), live);
    }

    private void membership(Cluster c, String balancer, LiveBalancer live) {
        Set<String> inBalancer = UpstreamMembers.of(live);
        Set<String> inCluster = new LinkedHashSet<>();
        for (Server s : c.appServers()) {
            String ep = UpstreamMembers.endpoint(s.internalAddress().contains(":") ? "[" + s.internalAddress() + "]:" + c.app().port()
                    : s.internalAddress() + ":" + c.app().port(), c.app().port());
            inCluster.add(ep);
            if (!inBalancer.contains(ep)) {
                items.add(new DriftItem(DriftItem.Kind.NOT_IN_BALANCER, s.name(), balancer + " does not send requests to " + ep,
                        "orrery push-proxy adds it (orrery diff-proxy shows the change first)"));
            }
        }
        for (String ep : inBalancer) {
            if (!inCluster.contains(ep)) {
                items.add(new DriftItem(DriftItem.Kind.NOT_IN_CLUSTER, ep, balancer + " sends requests to " + ep + ", which is no app server of the cluster",
                        "add it to the cluster (orrery import balancer) to keep it, or orrery push-proxy to take it out"));
            }
        }
    }

    private void release(Cluster c, Server s) {
        progress.serverStep(s.name(), "read release", false);
        ReleaseCommands commands = new ReleaseCommands(AppLayout.of(c.app().name()));
        String live;
        try {
            live = hosts.hostFor(s).exec(commands.currentRelease(), LineListener.IGNORE).output().strip();
        } catch (RemoteException e) {
            notes.add(s.name() + "'s release was not read: " + e.getMessage());
            return;
        }
        Release current = c.app().currentRelease();
        if (live.isEmpty()) {
            if (s.release() != null || current != null) {
                items.add(new DriftItem(DriftItem.Kind.RELEASE, s.name(), "runs no release Orrery deployed" + (s.release() != null
                        ? ", though the cluster file says " + s.release() : ""), "orrery deploy CLUSTER.json BUNDLE (one server at a time)"));
            } else {
                items.add(new DriftItem(DriftItem.Kind.RELEASE, s.name(), "runs an app Orrery has not deployed (started another way, e.g. by Meteor Up)",
                        "the first orrery deploy takes it over, one server at a time, and stops the old app only when the new one is ready"));
            }
        } else if (s.release() != null && !live.equals(s.release())) {
            items.add(new DriftItem(DriftItem.Kind.RELEASE, s.name(), "runs " + live + ", the cluster file says " + s.release(),
                    "orrery deploy or orrery rollback brings every server to one release"));
        } else if (current != null && !live.equals(current.id())) {
            items.add(new DriftItem(DriftItem.Kind.RELEASE, s.name(), "runs " + live + " while the cluster's release is " + current.id(),
                    "orrery deploy rolls it forward; orrery rollback takes the others back"));
        }
    }

    private void droplets(Cluster c, String tag) {
        List<Server> ours = c.servers().stream().filter(s -> DigitalOceanProvider.NAME.equals(s.provider()) && s.dropletId() != null).toList();
        if (cloud == null) {
            notes.add("DigitalOcean was not checked: no API token (orrery token set)");
            return;
        }
        progress.step("Compare with DigitalOcean");
        Set<String> tags = new LinkedHashSet<>();
        Set<String> common = null;
        for (Server s : ours) {
            try {
                Droplet d = cloud.getDroplet(Long.parseLong(s.dropletId()));
                common = common == null ? new LinkedHashSet<>(d.tags()) : common;
                common.retainAll(d.tags());
            } catch (CloudException e) {
                if (e.status() == 404) {
                    items.add(new DriftItem(DriftItem.Kind.DROPLET_GONE, s.name(), "droplet " + s.dropletId() + " no longer exists at DigitalOcean",
                            "remove " + s.name() + " from the cluster (in the window: select it, Delete)"));
                } else {
                    notes.add(s.name() + "'s droplet was not checked: " + e.getMessage());
                }
            }
        }
        if (tag != null) {
            tags.add(tag);
        } else if (common != null) {
            common.remove("orrery");
            tags.addAll(common);
        }
        tags.add("orrery:" + c.name());
        Set<String> known = new HashSet<>();
        ours.forEach(s -> known.add(s.dropletId()));
        Set<Long> reported = new HashSet<>();
        for (String t : tags) {
            try {
                for (Droplet d : cloud.listDroplets(t)) {
                    if (!known.contains(Long.toString(d.id())) && reported.add(d.id())) {
                        items.add(new DriftItem(DriftItem.Kind.DROPLET_UNTRACKED, d.name(), "droplet " + d.id() + " is tagged " + t
                                + " but is not in the cluster", "orrery import digitalocean --tag " + t + " --out CLUSTER.json adds it; "
                                + "if it is left over, delete it at DigitalOcean"));
                    }
                }
            } catch (CloudException e) {
                notes.add("droplets tagged " + t + " were not listed: " + e.getMessage());
            }
        }
        if (ours.isEmpty() && tag == null) {
            notes.add("no server of the cluster is a DigitalOcean droplet; only droplets tagged orrery:" + c.name() + " were looked for");
        }
    }
}
