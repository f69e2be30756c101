package dev.orrery.sandbox;

import dev.orrery.deploy.RolloutOptions;
import dev.orrery.deploy.ServerJoin;
import dev.orrery.model.Cluster;
import dev.orrery.model.Release;
import dev.orrery.model.Server;
import dev.orrery.model.ServerState;
import dev.orrery.remote.LocalHost;
import dev.orrery.task.Progress;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Adding an app server to the sandbox and taking one out for good, with the balancer pushed
 * around each. {@link Sandbox} runs these one at a time with its other changes.
 */
final class SandboxScaling {

    private final SandboxPaths paths;
    private final SandboxClusterFile file;
    private final SandboxBalancer balancer;
    private final SandboxApps apps;
    private final RolloutOptions options;

    SandboxScaling(SandboxPaths paths, SandboxClusterFile file, SandboxBalancer balancer, SandboxApps apps, RolloutOptions options) {
        this.paths = paths;
        this.file = file;
        this.balancer = balancer;
        this.apps = apps;
        this.options = options;
    }

    /** @param pushed told the cluster's app servers once the balancer sends the new one traffic */
    Server add(Progress progress, Consumer<List<Server>> pushed) throws Exception {
        Cluster cluster = file.load();
        Release live = cluster.app().currentRelease();
        if (live == null) {
            throw new IllegalStateException("the sandbox has no release yet: run `orrery sandbox start` first");
        }
        Server fresh = SandboxCluster.newAppServer(cluster).withState(ServerState.PROVISIONING);
        String why = SandboxAddresses.usable(fresh.internalAddress());
        if (why != null) {
            throw new IllegalStateException(why);
        }
        progress.step("Start " + fresh.name() + " on " + fresh.internalAddress());
        cluster = cluster.withServer(fresh);
        file.save(cluster);
        Server joined = new ServerJoin(options).join(cluster, fresh, live, paths.releasesDir().resolve(live.bundle()),
                new LocalHost(fresh.name()), progress).withState(ServerState.READY);
        cluster = cluster.replaceServer(fresh.name(), joined);
        file.save(cluster);
        progress.step("Push the balancer");
        balancer.push(cluster, progress);
        pushed.accept(cluster.appServers());
        progress.fraction(1);
        return joined;
    }

    Server remove(String serverName, Progress progress) throws Exception {
        Server s = file.appServer(serverName);
        Cluster without = file.load().withoutServer(serverName);
        without = without.withBalancer(without.balancer().withDrained(serverName, false));
        if (without.balancerServer().isPresent()) {
            progress.serverStep(serverName, "leave the balancer", true);
            balancer.push(without, progress);
        }
        progress.serverStep(serverName, "stop the app", true);
        apps.stop(s, progress);
        List<Long> left = apps.kill(s);
        if (!left.isEmpty()) {
            progress.log(s.name() + ": did not stop in time; killed " + left);
        }
        file.save(without);
        deleteTree(paths.serverBase(serverName));
        progress.serverDone(serverName, "removed");
        progress.fraction(1);
        return s;
    }

    static void deleteTree(Path root) throws java.io.IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
