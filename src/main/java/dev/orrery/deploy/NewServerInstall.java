package dev.orrery.deploy;

import dev.orrery.model.Cluster;
import dev.orrery.model.Release;
import dev.orrery.model.Server;
import dev.orrery.remote.Host;
import dev.orrery.remote.UploadListener;
import dev.orrery.task.Progress;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Puts the cluster's current release on ONE server that is not in the balancer yet (a freshly
 * provisioned one) and starts it there, with the same installer and switch as a {@link Rollout}:
 * prepare → upload → install → switch → start → health gate. The release keeps its id, so the
 * new server runs exactly what the others run. No drain, no preflight and no deploy lock: the
 * server takes no traffic until the provision pushes the balancer afterwards.
 */
public final class NewServerInstall {
    private final HostProvider hosts;
    private final RolloutOptions options;

    public NewServerInstall(HostProvider hosts, RolloutOptions options) {
        this.hosts = hosts;
        this.options = options.withPreflight(false);
    }

    /** @param bundle the release's own bundle; refused when its sha256 is not the release's */
    public void install(Cluster cluster, Server server, Release release, Path bundle, Progress progress) throws Exception {
        String sha = Rollout.sha256(bundle);
        if (release.sha256() != null && !release.sha256().equalsIgnoreCase(sha)) {
            throw new IllegalArgumentException(bundle + " is not the bundle of release " + release.id() + " (its sha256 is " + sha
                    + ", the release's " + release.sha256() + ")");
        }
        DetectedRelease detected = ReleaseDetector.detect(bundle);
        Host host = hosts.open(server);
        try {
            ServerTarget t = new ServerTarget(server, host, new ReleaseCommands(new AppLayout(options.layoutBase().apply(server), cluster.app().name())));
            ReleaseInstaller installer = new ReleaseInstaller(options);
            installer.prepare(t, progress);
            byte[] env = EnvFile.render(AppEnvironment.forServer(cluster, server, release.id()));
            installer.install(t, bundle, release.id(), detected, env, UploadListener.IGNORE, progress);
            progress.checkCancelled(); // installed beside nothing live: stopping here leaves the server as it was
            HealthGate gate = new HealthGate(cluster.balancer().healthCheck(), options.healthDeadline(), HealthGate.Clock.REAL);
            new ServerSwitch(NOT_IN_ROTATION, gate, options, cluster.app().port()).run(t, release.id(), progress);
        } finally {
            hosts.release(host);
        }
    }

    /** The server is not in the balancer's configuration yet: there is nothing to drain. */
    private static final BalancerControl NOT_IN_ROTATION = new BalancerControl() {
        @Override
        public String describe() {
            return "none (the server is not in rotation yet)";
        }

        @Override
        public void drain(Server server, Progress progress) {
        }

        @Override
        public String awaitIdle(Server server, Duration max, Progress progress) {
            return "not in rotation yet";
        }

        @Override
        public void undrain(Server server, Progress progress) {
        }
    };
}
