package dev.orrery.deploy;

import dev.orrery.model.Cluster;
import dev.orrery.remote.LineListener;
import dev.orrery.task.Progress;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/** A deploy's phase one: the release onto every app server, directly or fanned out ({@link FanOut}); nothing live changes. */
final class PhaseOne {
    private final RolloutOptions options;
    private final Executor executor;
    private final AtomicLong bytesSent;
    private final Preflights preflights;

    /** @param preflights started on each server as soon as its release is installed */
    PhaseOne(RolloutOptions options, Executor executor, AtomicLong bytesSent, Preflights preflights) {
        this.preflights = preflights;
        this.options = options;
        this.executor = executor;
        this.bytesSent = bytesSent;
    }

    /**
     * Phase one. With fan-out and more than one server: first every server tries "only what
     * changed" at once (a small change needs no whole release anywhere, so no server has to wait for
     * a fan-out source); the servers that cannot then get the whole release: the first of them from
     * this machine (kept there to serve), the others fetch it from that server over the private
     * network; any that cannot get a direct upload.
     */
    void run(Cluster cluster, List<ServerTarget> targets, Path bundle, String id, String sha,
                            DetectedRelease detected, DeltaUpload delta, Progress progress) throws Exception {
        ParallelInstall phase1 = new ParallelInstall(new ReleaseInstaller(options), executor, options.parallelUploads());
        long size = Files.size(bundle);
        if (!options.fanOut() || targets.size() < 2) {
            phase1.run(targets, progress, install(cluster, bundle, id, detected, delta, ReleaseInstaller.Source.DIRECT, true, null, progress), size);
            return;
        }
        List<ServerTarget> whole = targets;
        boolean prepared = false;
        if (delta != null) {
            Set<ServerTarget> lacking = ConcurrentHashMap.newKeySet();
            phase1.run(targets, progress, install(cluster, bundle, id, detected, delta, ReleaseInstaller.Source.DELTA_ONLY, true, lacking, progress), size);
            whole = targets.stream().filter(lacking::contains).toList();
            prepared = true;
            if (whole.isEmpty()) {
                return;
            }
            progress.log("fan-out: " + whole.size() + " of " + targets.size() + " app servers need the whole release");
        }
        if (whole.size() < 2) {
            phase1.run(whole, progress, install(cluster, bundle, id, detected, null, ReleaseInstaller.Source.DIRECT, !prepared, null, progress), size);
            return;
        }
        fanOut(cluster, whole, bundle, id, sha, detected, prepared ? null : delta, !prepared, phase1, size, progress);
    }

    private void fanOut(Cluster cluster, List<ServerTarget> targets, Path bundle, String id, String sha, DetectedRelease detected,
                        DeltaUpload delta, boolean prepare, ParallelInstall phase1, long size, Progress progress) throws Exception {
        ServerTarget source = targets.get(0);
        FanOut.Share share = null;
        try {
            phase1.run(List.of(source), progress, install(cluster, bundle, id, detected, delta, new ReleaseInstaller.Source(true, null, null),
                    prepare, null, progress), size);
        } catch (Exception e) {
            removeKept(source, id, progress);
            throw e;
        }
        try {
            share = FanOut.serve(source, id);
            progress.log("fan-out: " + source.name() + " serves the release to the other app servers over the private network ("
                    + share + ", one-time token, SHA-256 checked by each)");
        } catch (Exception e) {
            progress.log("fan-out: not used (" + ServerSwitch.reason(e) + "); every other server gets the release from this machine (or only its changed files)");
        }
        try {
            ReleaseInstaller.Source from = share == null ? ReleaseInstaller.Source.DIRECT : new ReleaseInstaller.Source(false, share, sha);
            phase1.run(targets.subList(1, targets.size()), progress, install(cluster, bundle, id, detected, delta, from, prepare, null, progress), size);
        } finally {
            if (share != null) {
                FanOut.stop(share, progress);
            } else {
                removeKept(source, id, progress);
            }
        }
    }

    private static void removeKept(ServerTarget source, String id, Progress progress) {
        try {
            source.host.exec(dev.orrery.remote.Command.of("rm", "-f", FanOut.sharedFile(source.commands.layout(), id)), LineListener.IGNORE);
        } catch (Exception e) {
            progress.log(source.name() + ": could not remove the kept upload: " + ServerSwitch.reason(e));
        }
    }

    /**
     * @param prepare   set up the server first (user, directories, service; not again after a first pass)
     * @param lacking   with {@link ReleaseInstaller.Source#DELTA_ONLY}: collects the servers that need the whole release
     */
    private ParallelInstall.Work install(Cluster cluster, Path bundle, String id, DetectedRelease detected, DeltaUpload delta,
                                         ReleaseInstaller.Source from, boolean prepare, Set<ServerTarget> lacking, Progress progress) {
        return (installer, t, uploaded) -> {
            if (prepare) {
                installer.prepare(t, progress);
            }
            byte[] env = EnvFile.render(AppEnvironment.forServer(cluster, t.server, id));
            long sent = installer.install(t, bundle, id, detected, env, uploaded, delta, from, progress);
            if (sent < 0) {
                lacking.add(t);
                return;
            }
            bytesSent.addAndGet(sent);
            // installed and finished: this server's preflight runs while the others still install
            preflights.start(t);
        };
    }
}
