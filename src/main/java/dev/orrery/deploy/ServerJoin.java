package dev.orrery.deploy;

import dev.orrery.model.Cluster;
import dev.orrery.model.HealthCheck;
import dev.orrery.model.Release;
import dev.orrery.model.Server;
import dev.orrery.remote.Host;
import dev.orrery.task.Progress;

import java.nio.file.Path;

/**
 * Brings one new app server onto the cluster's live release: the same user, directories,
 * service, verified upload and install as a rollout's phase one, then {@code current} switched
 * and the app started and gated healthy. Used when capacity is added (a new droplet, a new
 * sandbox server); the server gets no traffic until the caller pushes the balancer.
 */
public final class ServerJoin {
    private final RolloutOptions options;

    public ServerJoin(RolloutOptions options) {
        this.options = options;
    }

    /** Installs {@code release} (its bundle is {@code bundle}) on {@code server} and starts it; returns the server with its release. */
    public Server join(Cluster cluster, Server server, Release release, Path bundle, Host host, Progress progress) throws Exception {
        String sha = Rollout.sha256(bundle);
        if (!sha.equals(release.sha256())) {
            throw new IllegalArgumentException(bundle + " is not release " + release.id() + " (its SHA-256 differs)");
        }
        DetectedRelease detected = ReleaseDetector.detect(bundle);
        AppLayout layout = new AppLayout(options.layoutBase().apply(server), cluster.app().name(), options.runAsCurrentUser());
        ServerTarget t = new ServerTarget(server, host, new ReleaseCommands(layout));
        ReleaseInstaller installer = new ReleaseInstaller(options);
        installer.prepare(t, progress);
        byte[] env = EnvFile.render(AppEnvironment.forServer(cluster, server, release.id()));
        progress.serverStep(server.name(), RolloutStep.INSTALL.label(), RolloutStep.INSTALL.mayBeDown());
        installer.install(t, bundle, release.id(), detected, env, (done, total) -> { }, null, progress);
        progress.serverStep(server.name(), RolloutStep.START.label(), RolloutStep.START.mayBeDown());
        host.run(t.commands.switchTo(release.id()), line -> progress.log(server.name() + ": " + line));
        host.run(t.service.start(), line -> progress.log(server.name() + ": " + line));
        progress.serverStep(server.name(), RolloutStep.HEALTH.label(), RolloutStep.HEALTH.mayBeDown());
        HealthCheck check = cluster.balancer().healthCheck();
        HealthGate.Result r = new HealthGate(check, options.healthDeadline(), HealthGate.Clock.REAL)
                .await(host, t.commands, server.internalAddress(), cluster.app().port(), t.service.liveness(), progress);
        if (!r.passed()) {
            throw new DeployFailedException(server.name(), RolloutStep.HEALTH, "not healthy: " + r.failure(options.healthDeadline())
                    + "; its app is left as it is for a look at its log",
                    host.exec(t.service.logTail(options.logLines()), dev.orrery.remote.LineListener.IGNORE).lastLines(), null);
        }
        progress.log(server.name() + ": " + release.id() + " healthy after " + r.tookMs() + " ms");
        return server.withRelease(release.id());
    }
}
