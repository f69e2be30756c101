package dev.orrery.cli;

import dev.orrery.deploy.BalancerControls;
import dev.orrery.deploy.DeployLockedException;
import dev.orrery.deploy.HostProvider;
import dev.orrery.deploy.RolloutOptions;
import dev.orrery.engine.DeployJob;
import dev.orrery.model.Cluster;
import dev.orrery.model.Server;
import dev.orrery.remote.HostKeyPrompt;
import dev.orrery.remote.SshHosts;
import dev.orrery.store.ClusterStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code orrery deploy CLUSTER.json BUNDLE} and {@code orrery rollback CLUSTER.json}: the rollout
 * with each server's step printed as it happens; {@code --clear-lock} removes a lock left by a
 * crashed deploy (and does nothing else).
 */
final class DeployCommand implements CliCommand {
    private final boolean rollback;

    DeployCommand(boolean rollback) {
        this.rollback = rollback;
    }

    @Override
    public String name() {
        return rollback ? "rollback" : "deploy";
    }

    @Override
    public String usage() {
        return rollback
                ? "rollback CLUSTER.json [--clear-lock] [--accept-new-host-keys]  back to the previous release, one server at a time"
                : "deploy CLUSTER.json BUNDLE [--clear-lock] [--accept-new-host-keys]  upload everywhere, then one server at a time, canary first";
    }

    @Override
    public int run(List<String> args, CliContext ctx) throws Exception {
        boolean clearLock = false;
        boolean acceptNew = false;
        List<String> positional = new ArrayList<>();
        for (String a : args) {
            switch (a) {
                case "--clear-lock" -> clearLock = true;
                case TerminalHostKeyPrompt.ACCEPT_NEW_FLAG -> acceptNew = true;
                default -> {
                    if (a.startsWith("--")) {
                        throw new UsageException("unknown option " + a + "; usage: " + usage());
                    }
                    positional.add(a);
                }
            }
        }
        Path clusterFile = ClusterArg.path(args, usage());
        Cluster cluster = ClusterStore.load(clusterFile);
        Path locks = ctx.home().locksDir();
        if (clearLock) {
            ctx.out().println("cleared the deploy lock of " + cluster.name() + ": " + DeployJob.clearLock(locks, cluster.name()));
            return 0;
        }
        int wanted = rollback ? 1 : 2;
        if (positional.size() != wanted) {
            throw new UsageException((rollback ? "expected CLUSTER.json" : "expected CLUSTER.json and BUNDLE") + "; usage: " + usage());
        }
        Path bundle = rollback ? null : Path.of(positional.get(1));
        if (bundle != null && !Files.isRegularFile(bundle)) {
            throw new UsageException(bundle + ": no such file");
        }
        try (SshHosts hosts = ctx.orrery().sshHosts(acceptNew ? HostKeyPrompt.ACCEPT_NEW : new TerminalHostKeyPrompt(ctx, false))) {
            HostProvider provider = HostProvider.pooled(hosts::hostFor);
            var balancer = (java.util.function.Function<Cluster, dev.orrery.deploy.BalancerControl>)
                    c -> BalancerControls.forCluster(c, (Server s) -> hosts.hostFor(s));
            DeployJob job = rollback
                    ? DeployJob.rollback(cluster.name(), clusterFile, provider, balancer, ctx.engine().io(), locks, RolloutOptions.defaults())
                    : DeployJob.deploy(cluster.name(), clusterFile, bundle, provider, balancer, ctx.engine().io(), locks, RolloutOptions.defaults());
            return runPrinting(job, ctx);
        }
    }

    private int runPrinting(DeployJob job, CliContext ctx) throws Exception {
        try {
            Cluster done = JobPrinter.runPrinting(ctx, job);
            ctx.out().println((rollback ? "rolled back: " : "deployed: ") + "every app server runs " + done.app().currentRelease().id());
            return 0;
        } catch (DeployLockedException e) {
            ctx.err().println("orrery " + name() + ": refused: " + e.getMessage());
            return 1;
        }
    }
}
