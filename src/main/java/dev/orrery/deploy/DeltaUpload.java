package dev.orrery.deploy;

import dev.orrery.model.Release;
import dev.orrery.remote.ExecResult;
import dev.orrery.remote.LineListener;
import dev.orrery.remote.RemoteException;
import dev.orrery.remote.UploadListener;
import dev.orrery.task.Progress;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * "Send only what changed" for one release across the servers of a rollout: asks each server for
 * the SHA-256 of every file in its earlier releases (one command), uploads a tar of only the files
 * it lacks plus a plan, and has the server build the release from them and hard links to the
 * unchanged files, then verify the whole result against the release's SHA-256 manifest. Whenever
 * that cannot be done or does not verify, {@link #tryInstall} says why and returns -1, and the
 * caller uploads the release whole as before.
 *
 * <p>The manifest is computed once per rollout; servers that lack the same files share one subset
 * tar. Temporary files live in a directory removed by {@link #close}.
 */
final class DeltaUpload implements AutoCloseable {
    /** Below this share of reused bytes a delta is not worth the extra steps: upload whole. */
    static final double MIN_REUSED_SHARE = 0.10;

    private final Path bundle;
    private final DetectedRelease release;
    private final long bundleSize;
    private final Map<Set<Integer>, Path> subsets = new ConcurrentHashMap<>();
    private final java.util.concurrent.CompletableFuture<BundleManifest> manifest;
    private Path work;

    DeltaUpload(Path bundle, DetectedRelease release) throws IOException {
        this.bundle = bundle;
        this.release = release;
        this.bundleSize = Files.size(bundle);
        // reading (gunzip + SHA-256 of every file) overlaps with the lock, the SSH logins and each
        // server's preparation and hash listing instead of coming before them (~1 s for 52 MB)
        this.manifest = release.kind() == Release.Kind.JAR ? java.util.concurrent.CompletableFuture.completedFuture(null)
                : java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        return BundleManifest.read(bundle, release.stripComponents());
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
    }

    /** The server's release directory ID.tmp built from a delta; returns bytes sent, or -1 (the reason logged). */
    long tryInstall(ServerTarget t, String id, UploadListener uploaded, Progress progress) {
        String who = t.name() + ": ";
        if (release.kind() == Release.Kind.JAR) {
            return -1; // one file: nothing to reuse by parts
        }
        try {
            List<String> index = new ArrayList<>();
            long indexStart = System.nanoTime();
            ExecResult listed = t.host.exec(new DeltaCommands(t.commands).releaseIndex(), index::add);
            index.stream().filter(l -> l.startsWith("orrery:hashed ")).forEach(l -> progress.log(who + "hashed the files of earlier release "
                    + l.substring("orrery:hashed ".length()) + "; kept for the next deploy"));
            if (!listed.ok()) {
                progress.log(who + "cannot list the earlier releases' files (" + listed.output().lines().reduce((a, b) -> b).orElse("exit " + listed.exitCode())
                        + "); uploading the whole release");
                return -1;
            }
            progress.log(who + "read the file hashes of its earlier releases in " + (System.nanoTime() - indexStart) / 1_000_000 + " ms");
            BundleManifest m = manifest();
            if (m.hasTarHardlinks()) {
                progress.log(who + "the release holds tar hard links; uploading it whole");
                return -1;
            }
            DeltaPlan plan = DeltaPlan.of(m, DeltaPlan.parseIndex(index));
            if (plan.reusedBytes() < MIN_REUSED_SHARE * totalFileBytes(m)) {
                progress.log(who + (plan.reused() == 0 ? "no earlier release there shares a file with this one" : "too little to reuse ("
                        + plan.reused() + " files)") + "; uploading the whole release");
                return -1;
            }
            Path subset = subset(plan.send());
            byte[] planBytes = plan.plan().getBytes(StandardCharsets.UTF_8);
            if (Files.size(subset) + planBytes.length >= bundleSize) {
                progress.log(who + "the changed files are as large as the release; uploading the whole release");
                return -1;
            }
            t.host.write(planBytes, t.commands.layout().deltaPlan(id));
            t.host.upload(subset, t.commands.layout().upload(id), uploaded);
            long sent = Files.size(subset) + planBytes.length;
            progress.serverStep(t.name(), RolloutStep.INSTALL.label(), RolloutStep.INSTALL.mayBeDown());
            DeltaCommands dc = new DeltaCommands(t.commands);
            long buildStart = System.nanoTime();
            ExecResult built = t.host.exec(dc.build(id, release), line -> progress.log(who + line));
            long verifyStart = System.nanoTime();
            if (built.ok()) {
                built = t.host.exec(dc.verify(id), line -> progress.log(who + line));
            }
            progress.log(who + "built from the changed files and earlier releases in " + (verifyStart - buildStart) / 1_000_000
                    + " ms, verified every file by SHA-256 in " + (System.nanoTime() - verifyStart) / 1_000_000 + " ms");
            if (!built.ok()) {
                progress.log(who + "the release built from changed files did not verify (exit " + built.exitCode()
                        + "); falling back to uploading the whole release");
                return -1;
            }
            progress.log(String.format(Locale.ROOT, "%ssent %s of a %s release (%.2f%%): %d changed files, %d reused from earlier releases (verified by SHA-256)",
                    who, bytes(sent), bytes(bundleSize), 100.0 * sent / bundleSize, plan.sentFiles(), plan.reused()));
            return sent;
        } catch (IOException | RemoteException | RuntimeException e) {
            progress.log(who + "sending only the changed files failed (" + ServerSwitch.reason(e) + "); uploading the whole release");
            return -1;
        }
    }

    private static long totalFileBytes(BundleManifest m) {
        return m.entries().stream().filter(BundleManifest.Entry::regular).mapToLong(BundleManifest.Entry::size).sum();
    }

    /** The bundle's manifest, read on this machine while the servers are being prepared (started by the constructor). */
    private BundleManifest manifest() throws IOException {
        try {
            return manifest.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof java.io.UncheckedIOException io) {
                throw io.getCause();
            }
            throw e;
        }
    }

    private synchronized Path subset(Set<Integer> send) throws IOException {
        Path have = subsets.get(send);
        if (have != null) {
            return have;
        }
        if (work == null) {
            work = Files.createTempDirectory("orrery-delta");
        }
        Path out = work.resolve("delta-" + subsets.size() + ".tar.gz");
        BundleManifest.writeSubset(bundle, send, out);
        subsets.put(send, out);
        return out;
    }

    static String bytes(long n) {
        if (n < 10_000) {
            return n + " B";
        }
        if (n < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f kB", n / 1e3);
        }
        return String.format(Locale.ROOT, "%.1f MB", n / 1e6);
    }

    @Override
    public synchronized void close() {
        for (Path p : subsets.values()) {
            p.toFile().delete();
        }
        if (work != null) {
            work.toFile().delete();
        }
    }
}
