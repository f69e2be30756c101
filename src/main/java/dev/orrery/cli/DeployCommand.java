package dev.orrery.cli;

import dev.orrery.deploy.BalancerControl;
import dev.orrery.deploy.BalancerControls;
import dev.orrery.deploy.HostProvider;
import dev.orrery.deploy.RolloutOptions;
import dev.orrery.engine.DeployJob;
import dev.orrery.lock.ClusterLockedException;
import dev.orrery.lock.LockState;
import dev.orrery.model.Cluster;
import dev.orrery.remote.SshHosts;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * {@code orrery deploy CLUSTER.json BUNDLE} and {@code orrery rollback CLUSTER.json}: the rollout
 * with each server's step printed as it happens, holding the cluster's lock (kept on its balancer,
 * so every workstation and data folder sees it); {@code --clear-lock} removes a lock left by a
 * crashed deploy (and does nothing else). After the rollout every server's release is read back.
 */
final class DeployCommand {
    private DeployCommand() {
    }

    @Command(name = "deploy", mixinStandardHelpOptions = true,
            description = {"Deploy a release, one server at a time, canary first.", "Uploads it to every app server (checksum-verified), then switches one server at a time, "
                    + "the first as a canary, each drained, restarted and health-gated before the next. A failed server goes back "
                    + "to its release and the deploy stops.",
                    "BUNDLE: a Meteor server bundle (meteor build), a Node app tarball (package.json with a start script) or a runnable jar."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:every app server runs the new release", "1:the deploy failed or was refused (the message says where)",
                    "2:the command line was wrong", "130:interrupted"})
    static final class Deploy extends CliBase {
        @Parameters(index = "0", paramLabel = ClusterArg.LABEL, description = ClusterArg.DESCRIPTION)
        Path file;

        @Parameters(index = "1", arity = "0..1", paramLabel = "BUNDLE", description = "the release to deploy (not needed with --clear-lock)")
        Path bundle;

        @Option(names = "--clear-lock", description = "Remove the cluster's lock left by a crashed deploy (as `orrery lock clear`), and do nothing else.")
        boolean clearLock;

        @Option(names = "--batch", paramLabel = "K", defaultValue = "1",
                description = "After the canary, switch K servers at once (default 1). Refused when fewer than half the app servers would keep serving.")
        int batch;

        @Option(names = "--no-fan-out",
                description = "Upload the release to every app server from here, instead of once to one server that passes it on over the private network.")
        boolean noFanOut;

        @Mixin
        HostKeyOption hostKeys;

        @Override
        protected int execute() throws Exception {
            Cluster cluster = ClusterArg.load(file);
            if (clearLock) {
                return DeployCommand.clearLock(ctx(), cluster, hostKeys.acceptNew);
            }
            if (batch < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--batch must be at least 1, not " + batch);
            }
            if (bundle == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "Missing required parameter: 'BUNDLE'");
            }
            if (!Files.isRegularFile(bundle)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "BUNDLE " + bundle + ": "
                        + (Files.exists(bundle) ? "is not a regular file" : "no such file"));
            }
            return run(ctx(), cluster, file, bundle, hostKeys.acceptNew, RolloutOptions.defaults().withBatch(batch).withFanOut(!noFanOut));
        }
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true,
            description = {"Go back to the previous release, one server at a time.", "As a deploy does: drained, switched, restarted and health-gated."})
    static final class Rollback extends CliBase {
        @Parameters(index = "0", paramLabel = ClusterArg.LABEL, description = ClusterArg.DESCRIPTION)
        Path file;

        @Option(names = "--clear-lock", description = "Remove the cluster's lock left by a crashed deploy (as `orrery lock clear`), and do nothing else.")
        boolean clearLock;

        @Mixin
        HostKeyOption hostKeys;

        @Override
        protected int execute() throws Exception {
            Cluster cluster = ClusterArg.load(file);
            if (clearLock) {
                return DeployCommand.clearLock(ctx(), cluster, hostKeys.acceptNew);
            }
            return run(ctx(), cluster, file, null, hostKeys.acceptNew, RolloutOptions.defaults());
        }
    }

    private static int clearLock(CliContext ctx, Cluster cluster, boolean acceptNew) throws Exception {
        try (SshHosts hosts = ctx.sshHosts(acceptNew)) {
            String was = ctx.orrery().clusterLock(hosts).clear(cluster).map(LockState::describe).orElse("no lock was held");
            ctx.out().println("cleared the deploy lock of " + cluster.name() + ": " + was);
            return 0;
        }
    }

    /** Deploys {@code bundle}, or rolls back when it is null. */
    private static int run(CliContext ctx, Cluster cluster, Path clusterFile, Path bundle, boolean acceptNew, RolloutOptions options) throws Exception {
        String name = bundle == null ? "rollback" : "deploy";
        try (SshHosts hosts = ctx.sshHosts(acceptNew)) {
            HostProvider provider = HostProvider.pooled(hosts::hostFor);
            Function<Cluster, BalancerControl> balancer = c -> ctx.orrery().balancerControl(c, hosts);
            var lock = ctx.orrery().clusterLock(hosts);
            DeployJob job = bundle == null
                    ? DeployJob.rollback(cluster.name(), clusterFile, provider, balancer, ctx.engine().io(), lock, options)
                    : DeployJob.deploy(cluster.name(), clusterFile, bundle, provider, balancer, ctx.engine().io(), lock, options);
            Cluster done = JobPrinter.runPrinting(ctx, job);
            ctx.out().println((bundle == null ? "rolled back: " : "deployed: ") + "every app server runs " + done.app().currentRelease().id());
            return 0;
        } catch (ClusterLockedException e) {
            ctx.err().println("orrery " + name + ": refused: " + e.getMessage());
            return 1;
        }
    }
}
