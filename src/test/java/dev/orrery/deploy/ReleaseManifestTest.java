package dev.orrery.deploy;

import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.remote.LocalHost;
import dev.orrery.remote.UploadListener;
import dev.orrery.task.Progress;
import dev.orrery.testing.RequiresCommands;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Release manifests kept on the server at install time, end to end on this machine with the real
 * sh, perl, find and sha256sum a server runs: the next delta deploy reads them instead of hashing
 * the earlier release; a release without one, or with one cut short or damaged, is hashed again;
 * a manifest is never used for a file it does not list.
 */
@RequiresCommands({"tar", "perl", "sha256sum", "find", "xargs", "awk", "head", "tail"})
class ReleaseManifestTest {
    static final String V1 = "20260101-000000-aaaaaaaa";
    static final String V2 = "20260102-000000-bbbbbbbb";
    static final String V3 = "20260103-000000-cccccccc";

    @TempDir
    Path dir;

    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    final Progress progress = new Progress() {
        @Override public void step(String name) { }
        @Override public void fraction(double done) { }
        @Override public void log(String line) { log.add(line); }
        @Override public boolean cancelled() { return false; }
    };
    ReleaseCommands c;

    @BeforeEach
    void setUp() throws Exception {
        c = new ReleaseCommands(new AppLayout(dir.resolve("opt").toString(), "t", true));
        LocalShell.ok(c.prepareDirs());
    }

    private Path bundle(String name, String serverJs) throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("package.json", "{\"name\":\"t\",\"scripts\":{\"start\":\"node server.js\"}}");
        files.put("server.js", serverJs);
        StringBuilder noise = new StringBuilder();
        java.util.Random r = new java.util.Random(7);
        while (noise.length() < 200_000) {
            noise.append(Long.toHexString(r.nextLong()));
        }
        files.put("lib/big.txt", noise.toString());
        files.put("lib/deep/more.txt", "unchanged and deep\n");
        return TestBundles.tarGz(dir, name, files);
    }

    private void installWhole(Path bundle, String id) throws Exception {
        Files.copy(bundle, Path.of(c.layout().upload(id)));
        LocalShell.ok(c.unpack(id, ReleaseDetector.detect(bundle)));
        LocalShell.ok(c.finish(id, null));
    }

    /** The delta path as the installer runs it: build and verify from changed files, then finish. */
    private long installDelta(Path bundle, String id) throws Exception {
        long sent;
        try (DeltaUpload delta = new DeltaUpload(bundle, ReleaseDetector.detect(bundle))) {
            sent = delta.tryInstall(new ServerTarget(Server.of("app-1", Role.APP, "10.0.1.5"), new LocalHost("app-1"), c), id,
                    UploadListener.IGNORE, progress);
        }
        if (sent >= 0) {
            LocalShell.ok(c.finish(id, null));
        }
        return sent;
    }

    private Path manifest(String id) {
        return Path.of(c.layout().manifests(), id + ".sha256");
    }

    /** What the manifest's lines should be: sha256sum of every file of the finished release, sorted. */
    private List<String> hashedNow(String id) throws Exception {
        String out = LocalShell.ok(dev.orrery.remote.Command.trusted("cd '" + c.layout().release(id) + "' && find . -type f -print0 | xargs -0 sha256sum"));
        return out.lines().sorted().toList();
    }

    private List<String> lines(String id) throws Exception {
        List<String> all = Files.readAllLines(manifest(id));
        assertThat(all.get(all.size() - 1)).startsWith(ReleaseManifest.TRAILER + " ");
        return all.subList(0, all.size() - 1).stream().sorted().toList();
    }

    @Test
    void aWholeInstallWritesTheManifestAndTheNextDeltaReadsItInsteadOfHashing() throws Exception {
        installWhole(bundle("v1.tar.gz", "console.log('v1')\n"), V1);
        assertThat(lines(V1)).isEqualTo(hashedNow(V1)).hasSize(4);

        assertThat(installDelta(bundle("v2.tar.gz", "console.log('v2')\n"), V2)).isPositive();
        assertThat(log).noneMatch(l -> l.contains("hashed the files of earlier release"));
        assertThat(log).anyMatch(l -> l.contains("1 changed files, 3 reused"));
        // the delta-built release's manifest: the verified hashes, matching its files as installed
        assertThat(lines(V2)).isEqualTo(hashedNow(V2));
        assertThat(Path.of(c.layout().verifiedHashes(V2))).doesNotExist();
    }

    @Test
    void aReleaseWithoutAManifestIsHashedAndSaysSo() throws Exception {
        installWhole(bundle("v1.tar.gz", "console.log('v1')\n"), V1);
        Files.delete(manifest(V1)); // as an older Orrery, or a release put there by hand, leaves it

        assertThat(installDelta(bundle("v2.tar.gz", "console.log('v2')\n"), V2)).isPositive();
        assertThat(log).anyMatch(l -> l.equals("app-1: hashed the files of earlier release " + V1 + " (no manifest); kept for the next deploy"));
        assertThat(log).anyMatch(l -> l.contains("1 changed files, 3 reused"));
        assertThat(lines(V1)).isEqualTo(hashedNow(V1));
    }

    @Test
    void aManifestCutShortOrDamagedOrWithoutItsTrailerIsNotTrusted() throws Exception {
        installWhole(bundle("v1.tar.gz", "console.log('v1')\n"), V1);
        List<String> whole = Files.readAllLines(manifest(V1));
        // cut short: the last lines (the trailer with them) never got written
        Files.write(manifest(V1), whole.subList(0, 2));
        assertThat(installDelta(bundle("v2.tar.gz", "console.log('v2')\n"), V2)).isPositive();
        assertThat(log).anyMatch(l -> l.contains("hashed the files of earlier release " + V1 + " (its manifest is not whole)"));

        // damaged: one hash altered, the trailer no longer matches; a wrong hash would be used for lib/big.txt
        log.clear();
        List<String> v2 = new ArrayList<>(Files.readAllLines(manifest(V2)));
        for (int i = 0; i < v2.size(); i++) {
            if (v2.get(i).endsWith("./lib/big.txt")) {
                v2.set(i, "0".repeat(64) + "  ./lib/big.txt");
            }
        }
        Files.write(manifest(V2), v2);
        Files.delete(manifest(V1));
        installDelta(bundle("v3.tar.gz", "console.log('v3')\n"), V3);
        assertThat(log).anyMatch(l -> l.contains("hashed the files of earlier release " + V2 + " (its manifest is not whole)"));
        assertThat(lines(V2)).isEqualTo(hashedNow(V2));
    }

    @Test
    void aWholeManifestIsNeverUsedForAFileItDoesNotList() throws Exception {
        installWhole(bundle("v1.tar.gz", "console.log('v1')\n"), V1);
        // a whole manifest (trailer matches) that does not describe lib/deep/more.txt
        List<String> kept = Files.readAllLines(manifest(V1)).stream()
                .filter(l -> !l.startsWith(ReleaseManifest.TRAILER) && !l.endsWith("./lib/deep/more.txt")).toList();
        String body = String.join("\n", kept) + "\n";
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(body.getBytes()));
        Files.writeString(manifest(V1), body + ReleaseManifest.TRAILER + " " + sha + "\n");

        assertThat(installDelta(bundle("v2.tar.gz", "console.log('v2')\n"), V2)).isPositive();
        assertThat(log).noneMatch(l -> l.contains("hashed the files of earlier release"));
        // more.txt is sent, not reused, though the earlier release holds the very same content
        assertThat(log).anyMatch(l -> l.contains("2 changed files, 2 reused"));
        Path built = Path.of(c.layout().release(V2));
        assertThat(Files.getAttribute(built.resolve("lib/deep/more.txt"), "unix:ino"))
                .isNotEqualTo(Files.getAttribute(Path.of(c.layout().release(V1), "lib/deep/more.txt"), "unix:ino"));
        assertThat(Files.getAttribute(built.resolve("lib/big.txt"), "unix:ino"))
                .isEqualTo(Files.getAttribute(Path.of(c.layout().release(V1), "lib/big.txt"), "unix:ino"));
    }
}
