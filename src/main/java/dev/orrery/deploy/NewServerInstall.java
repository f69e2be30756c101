package dev.orrery.deploy;

import dev.orrery.model.Cluster;
import dev.orrery.model.Release;
import dev.orrery.model.Server;
import dev.orrery.remote.ExecResult;
import dev.orrery.remote.Host;
import dev.orrery.remote.RemoteException;
import dev.orrery.remote.UploadListener;
import dev.orrery.task.Progress;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

/**
 * Puts the cluster's current release on ONE server that is not in the balancer yet (a freshly
 * provisioned one) and starts it there, with the same installer and switch as a {@link Rollout}:
 * prepare → upload → install → switch → start → health gate. The release keeps its id, so the
 * new server runs exactly what the others run. No drain, no preflight and no deploy lock: the
 * server takes no traffic until the provision pushes the balancer afterwards.
 * <p>
 * The release comes from its bundle when that is on this machine, else it is copied from an app
 * server that runs it: the installed directory (npm modules included) is exported there over SSH
 * and unpacked on the new server as it is.
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
        onTarget(cluster, server, release, progress, (installer, t, env) ->
                installer.install(t, bundle, release.id(), detected, env, UploadListener.IGNORE, null, progress));
    }

    /** Copies the installed release from {@code source} (an app server running it) and starts it on {@code server}. */
    public void copyFrom(Cluster cluster, Server source, Server server, Release release, Progress progress) throws Exception {
        String id = release.id();
        Path local = Files.createTempFile("orrery-release-", ".tar.gz");
        try {
            Host from = hosts.open(source);
            try {
                ReleaseCommands c = commands(cluster, source);
                if (!from.exec(c.isInstalled(id), line -> { }).ok()) {
                    throw new IllegalStateException("release " + id + " is not installed on " + source.name() + " to copy from");
                }
                progress.serverStep(server.name(), "copy " + id + " from " + source.name(), false);
                export(from, c, id, local, progress);
            } finally {
                hosts.release(from);
            }
            progress.log("copied " + id + " from " + source.name() + " (" + Files.size(local) / 1024 + " KiB)");
            onTarget(cluster, server, release, progress, (installer, t, env) -> {
                installer.writeEnv(t, id, env);
                if (t.host.exec(t.commands.isInstalled(id), line -> { }).ok()) {
                    progress.log(t.name() + ": release " + id + " is already installed");
                    return;
                }
                progress.serverStep(t.name(), RolloutStep.UPLOAD.label(), RolloutStep.UPLOAD.mayBeDown());
                t.host.upload(local, t.commands.layout().upload(id), UploadListener.IGNORE);
                progress.serverStep(t.name(), RolloutStep.INSTALL.label(), RolloutStep.INSTALL.mayBeDown());
                t.host.run(t.commands.unpackExport(id), line -> progress.log(t.name() + ": " + line));
                t.host.run(t.commands.finish(id), line -> progress.log(t.name() + ": " + line));
            });
        } finally {
            Files.deleteIfExists(local);
        }
    }

    /** Runs the export on the source, decoding its {@code "B "} lines into {@code local}; other lines are logged. */
    private static void export(Host from, ReleaseCommands c, String id, Path local, Progress progress) throws Exception {
        Base64.Decoder decoder = Base64.getDecoder();
        try (OutputStream out = Files.newOutputStream(local)) {
            ExecResult r = from.exec(c.exportRelease(id), line -> {
                if (line.startsWith("B ")) {
                    try {
                        out.write(decoder.decode(line.substring(2).strip().getBytes(StandardCharsets.US_ASCII)));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                } else {
                    progress.log(from.name() + ": " + line);
                }
            });
            if (!r.ok()) {
                throw new RemoteException(from.name(), "exporting release " + id + " failed: " + r.output().lines()
                        .filter(l -> !l.startsWith("B ")).reduce((a, b) -> b).orElse("exit " + r.exitCode()), null);
            }
        }
    }

    @FunctionalInterface
    private interface Put {
        void put(ReleaseInstaller installer, ServerTarget t, byte[] envFile) throws Exception;
    }

    private void onTarget(Cluster cluster, Server server, Release release, Progress progress, Put put) throws Exception {
        Host host = hosts.open(server);
        try {
            ServerTarget t = new ServerTarget(server, host, commands(cluster, server));
            ReleaseInstaller installer = new ReleaseInstaller(options);
            installer.prepare(t, progress);
            put.put(installer, t, EnvFile.render(AppEnvironment.forServer(cluster, server, release.id())));
            progress.checkCancelled(); // installed beside nothing live: stopping here leaves the server as it was
            HealthGate gate = new HealthGate(cluster.balancer().healthCheck(), options.healthDeadline(), HealthGate.Clock.REAL);
            new ServerSwitch(NOT_IN_ROTATION, gate, options, cluster.app().port()).run(t, release.id(), progress);
        } finally {
            hosts.release(host);
        }
    }

    private ReleaseCommands commands(Cluster cluster, Server server) {
        return new ReleaseCommands(new AppLayout(options.layoutBase().apply(server), cluster.app().name()));
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
