package dev.orrery.deploy;

import dev.orrery.lock.ClusterLock;
import dev.orrery.model.Cluster;
import dev.orrery.model.Release;
import dev.orrery.model.Server;
import dev.orrery.remote.Host;
import dev.orrery.remote.LineListener;
import dev.orrery.task.CancelledException;
import dev.orrery.task.Progress;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * A deploy or rollback of one cluster, one server at a time. Phase one uploads and installs the
 * release on every app server in parallel (bounded), changing nothing live, and preflights it on
 * each server as soon as it is installed there ({@link Preflights}); phase two takes the
 * servers one by one, the first as the canary, through {@link ServerSwitch}. The first failure
 * stops the rollout: the failing server goes back to its release, the servers not reached keep
 * theirs. Cancel is honoured between servers, so every server always runs a whole release. Each
 * server's release is saved to the cluster file as soon as it is live, and at the end every
 * server's release is read back from the server itself, so the file never records what did not
 * happen. The whole rollout holds the cluster's lock ({@link ClusterLock}).
 */
public final class Rollout {
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final HostProvider hosts;
    private final BalancerControl balancer;
    private final ClusterSink sink;
    private final Executor executor;
    private final ClusterLock lock;
    private final RolloutOptions options;
    private final HealthGate.Clock clock;
    private final java.util.concurrent.atomic.AtomicLong bytesSent = new java.util.concurrent.atomic.AtomicLong();

    /** With the lock in a data folder's {@code locksDir} (the sandbox; see {@link LocalClusterLock}). */
    public Rollout(HostProvider hosts, BalancerControl balancer, ClusterSink sink, Executor executor, Path locksDir, RolloutOptions options) {
        this(hosts, balancer, sink, executor, new LocalClusterLock(locksDir), options, HealthGate.Clock.REAL);
    }

    public Rollout(HostProvider hosts, BalancerControl balancer, ClusterSink sink, Executor executor, ClusterLock lock, RolloutOptions options) {
        this(hosts, balancer, sink, executor, lock, options, HealthGate.Clock.REAL);
    }

    Rollout(HostProvider hosts, BalancerControl balancer, ClusterSink sink, Executor executor, Path locksDir,
            RolloutOptions options, HealthGate.Clock clock) {
        this(hosts, balancer, sink, executor, new LocalClusterLock(locksDir), options, clock);
    }

    Rollout(HostProvider hosts, BalancerControl balancer, ClusterSink sink, Executor executor, ClusterLock lock,
            RolloutOptions options, HealthGate.Clock clock) {
        this.hosts = hosts;
        this.balancer = balancer;
        this.sink = sink;
        this.executor = executor;
        this.lock = lock;
        this.options = options;
        this.clock = clock;
    }

    /** Deploys the bundle to every app server; returns the cluster as saved. */
    public Cluster deploy(Cluster cluster, Path bundle, Progress progress) throws Exception {
        requireAppServers(cluster);
        requireBatch(cluster);
        List<String> envProblems = AppEnvironment.problems(cluster.app().environment());
        if (!envProblems.isEmpty()) {
            throw new IllegalArgumentException("cannot deploy: " + String.join("; ", envProblems));
        }
        DetectedRelease detected = ReleaseDetector.detect(bundle);
        progress.log("release: " + detected.summary());
        String sha = sha256(bundle);
        Instant now = Instant.now();
        String id = ID_TIME.format(now) + "-" + sha.substring(0, 8);
        Release release = new Release(id, detected.kind(), bundle.getFileName().toString(), sha, now);
        progress.release(id, release.bundle());
        try (ClusterLock.Held held = lock.acquire(cluster, "deploy", "deploy of " + id + " (" + bundle.getFileName() + ")")) {
            progress.log("holding the cluster's lock (" + held.where() + ")");
            List<ServerTarget> targets = open(cluster);
            bytesSent.set(0);
            try (DeltaUpload delta = options.deltaUploads() ? new DeltaUpload(bundle, detected) : null;
                 Preflights preflights = preflights(cluster, id, progress)) {
                new PhaseOne(options, executor, bytesSent, preflights).run(cluster, targets, bundle, id, sha, detected, delta, progress);
                progress.transferred(bytesSent.get(), Files.size(bundle), targets.size());
                progress.log("release " + id + " is installed on every app server; nothing live has changed yet; sent "
                        + DeltaUpload.bytes(bytesSent.get()) + " for a " + DeltaUpload.bytes(Files.size(bundle)) + " release to "
                        + targets.size() + " servers (whole uploads: " + DeltaUpload.bytes(Files.size(bundle) * targets.size()) + ")");
                awaitPreflights(preflights, targets, progress);
                Cluster done = switchAll(cluster, targets, id, held, preflights, progress);
                done = sink.update(done, c -> c.withApp(c.app().withRelease(release)));
                done = readBack(done, targets, id, progress);
                prune(targets, id, progress);
                progress.fraction(1);
                return done;
            } finally {
                close(targets);
            }
        }
    }

    /** Bytes this machine sent for the release in the last {@link #deploy} (uploads and delta plans). */
    public long bytesSent() {
        return bytesSent.get();
    }

    /**
     * Rolls back to the last release the whole cluster ran: the one before the current release,
     * or — when a failed rollout left servers on different releases — the current one.
     */
    public Cluster rollback(Cluster cluster, Progress progress) throws Exception {
        requireAppServers(cluster);
        requireBatch(cluster);
        Release target = rollbackTarget(cluster);
        progress.log("rolling back to " + target.id());
        try (ClusterLock.Held held = lock.acquire(cluster, "rollback", "rollback to " + target.id())) {
            progress.log("holding the cluster's lock (" + held.where() + ")");
            List<ServerTarget> targets = open(cluster);
            try (Preflights preflights = preflights(cluster, target.id(), progress)) {
                ParallelInstall phase1 = new ParallelInstall(new ReleaseInstaller(options), executor, options.parallelUploads());
                phase1.run(targets, progress, (installer, t, uploaded) -> {
                    installer.prepare(t, progress);
                    if (!t.host.exec(t.commands.isInstalled(target.id()), LineListener.IGNORE).ok()) {
                        throw new IOException("release " + target.id() + " is no longer on " + t.name() + " (pruned?); deploy it again instead");
                    }
                    installer.writeEnv(t, target.id(), EnvFile.render(AppEnvironment.forServer(cluster, t.server, target.id())));
                    preflights.start(t);
                }, 0);
                awaitPreflights(preflights, targets, progress);
                Cluster done = switchAll(cluster, targets, target.id(), held, preflights, progress);
                done = sink.update(done, c -> c.withApp(c.app().withRelease(target)));
                done = readBack(done, targets, target.id(), progress);
                progress.fraction(1);
                return done;
            } finally {
                close(targets);
            }
        }
    }

    static Release rollbackTarget(Cluster cluster) {
        List<Release> releases = cluster.app().releases();
        Release current = cluster.app().currentRelease();
        if (current == null) {
            throw new IllegalStateException("cluster " + cluster.name() + " has no release to roll back to");
        }
        boolean mixed = cluster.appServers().stream().anyMatch(s -> !current.id().equals(s.release()));
        if (mixed) {
            return current;
        }
        if (releases.size() < 2) {
            throw new IllegalStateException("cluster " + cluster.name() + " has only one release (" + current.id() + "); nothing to roll back to");
        }
        return releases.get(releases.size() - 2);
    }

    /**
     * Asks every server which release it runs now and saves that. If one runs another release than
     * this rollout put there (someone else deployed meanwhile, or changed it by hand), the file
     * records what runs and the rollout fails saying so, instead of claiming the cluster runs {@code id}.
     */
    private Cluster readBack(Cluster cluster, List<ServerTarget> targets, String id, Progress progress) throws Exception {
        java.util.Map<String, String> actual = new java.util.LinkedHashMap<>();
        List<String> wrong = new ArrayList<>();
        for (ServerTarget t : targets) {
            String running = t.host.run(t.commands.currentRelease(), LineListener.IGNORE).output().strip();
            String runs = running.isEmpty() ? null : running;
            if (!id.equals(runs)) {
                wrong.add(t.name() + " runs " + (runs == null ? "nothing" : runs));
                actual.put(t.name(), runs);
            }
        }
        if (wrong.isEmpty()) {
            progress.log("read back from every app server: each runs " + id);
            return cluster;
        }
        sink.update(cluster, c -> {
            Cluster seen = c;
            for (var e : actual.entrySet()) {
                Cluster now = seen;
                seen = now.server(e.getKey()).map(s -> now.replaceServer(e.getKey(), s.withRelease(e.getValue()))).orElse(now);
            }
            return seen;
        });
        throw new IllegalStateException("after the rollout of " + id + ", " + String.join(", ", wrong)
                + " (did someone else deploy at the same time, or change it by hand?); the cluster file now records what each server runs");
    }

    /** The preflights phase one starts on each server as soon as its release is installed ({@link Preflights}). */
    private Preflights preflights(Cluster cluster, String id, Progress progress) {
        HealthGate gate = new HealthGate(cluster.balancer().healthCheck(), options.healthDeadline(), clock);
        return new Preflights(gate, options, cluster.app().port(), executor, id, progress);
    }

    /** Phase one's end: every preflight passed, or nothing is switched (the first failure, with its log tail). */
    private static void awaitPreflights(Preflights preflights, List<ServerTarget> targets, Progress progress) throws Exception {
        if (preflights.started() == 0) {
            return;
        }
        try {
            preflights.awaitAll(targets);
        } catch (CancelledException e) {
            progress.log("cancelled during the preflights; nothing live changed on any server");
            throw e;
        }
        progress.log("the release passed its preflight on " + preflights.started() + " app server(s), run in parallel during phase one");
    }

    private Cluster switchAll(Cluster cluster, List<ServerTarget> fileOrder, String id, ClusterLock.Held held, Preflights preflights,
                              Progress progress) throws Exception {
        List<ServerTarget> targets = RolloutOrder.choose(cluster, fileOrder, balancer, options.batch(), progress);
        HealthGate gate = new HealthGate(cluster.balancer().healthCheck(), options.healthDeadline(), clock);
        ServerSwitch switcher = new ServerSwitch(balancer, gate, options, cluster.app().port(), preflights);
        List<List<ServerTarget>> batches = Batches.plan(targets, options.batch());
        if (options.batch() > 1) {
            progress.log("switching in batches of up to " + options.batch() + " after the canary (" + batches.size() + " batches; at least "
                    + Batches.minServing(targets.size()) + " of " + targets.size() + " app servers keep serving)");
        }
        Cluster current = cluster;
        int reached = 0;
        for (List<ServerTarget> batch : batches) {
            ServerTarget first = batch.get(0);
            if (held.lost()) {
                throw new IllegalStateException("the cluster's lock was cleared or taken by someone else during the rollout; stopped before "
                        + first.name() + ": " + summary(current, targets, reached, id));
            }
            if (reached > 0 && progress.cancelled()) {
                progress.log("cancelled after " + targets.get(reached - 1).name() + ": " + summary(current, targets, reached, id));
                throw new CancelledException();
            }
            BatchSwitch.Result done = new BatchSwitch(executor).run(switcher, batch, id, reached == 0, progress);
            for (ServerTarget t : done.switched()) {
                String name = t.name();
                // Only this server's release changes: whatever else the file holds now stays as it is.
                current = sink.update(current, c -> c.server(name).map(s -> c.replaceServer(name, s.withRelease(id))).orElse(c));
                progress.serverStep(t.name(), RolloutStep.DONE.label(), false);
                progress.serverDone(t.name(), "on " + id);
            }
            if (done.failure() != null) {
                throw done.failure();
            }
            reached += batch.size();
            progress.fraction(0.4 + 0.6 * reached / targets.size());
        }
        return current;
    }

    private static String summary(Cluster cluster, List<ServerTarget> targets, int reached, String id) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            ServerTarget t = targets.get(i);
            parts.add(t.name() + " on " + (i < reached ? id : (t.previous != null ? t.previous : "nothing")));
        }
        return String.join(", ", parts);
    }

    private void prune(List<ServerTarget> targets, String id, Progress progress) {
        for (ServerTarget t : targets) {
            List<String> keep = new ArrayList<>(List.of(id));
            if (t.previous != null) {
                keep.add(t.previous);
            }
            try {
                t.host.run(t.commands.prune(options.keepReleases(), keep.toArray(String[]::new)), line -> progress.log(t.name() + ": " + line));
            } catch (Exception e) {
                progress.log(t.name() + ": pruning old releases failed (the deploy itself succeeded): " + ServerSwitch.reason(e));
            }
        }
    }

    private List<ServerTarget> open(Cluster cluster) throws Exception {
        List<ServerTarget> targets = new ArrayList<>();
        try {
            for (Server s : cluster.appServers()) {
                Host h = hosts.open(s);
                AppLayout layout = new AppLayout(options.layoutBase().apply(s), cluster.app().name(), options.runAsCurrentUser());
                targets.add(new ServerTarget(s, h, new ReleaseCommands(layout)));
            }
            return targets;
        } catch (Exception e) {
            close(targets);
            throw e;
        }
    }

    private void close(List<ServerTarget> targets) {
        for (ServerTarget t : targets) {
            hosts.release(t.host);
        }
    }

    private static void requireAppServers(Cluster cluster) {
        if (cluster.appServers().isEmpty()) {
            throw new IllegalArgumentException("cluster " + cluster.name() + " has no app servers to deploy to");
        }
    }

    /** The batch size is checked before anything is uploaded: a refused --batch changes nothing. */
    private void requireBatch(Cluster cluster) {
        Batches.problem(cluster.appServers().size(), options.batch()).ifPresent(p -> {
            throw new IllegalArgumentException("cannot deploy: " + p);
        });
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
