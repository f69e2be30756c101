package dev.orrery.deploy;

import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.remote.LocalHost;
import dev.orrery.remote.UploadListener;
import dev.orrery.task.Progress;
import dev.orrery.testing.RequiresCommands;
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
 * Send only what changed, end to end on this machine with the real tar, perl and sha256sum the
 * server runs: a release is built from one changed file plus hard links into the earlier release,
 * and a release whose reused file was altered on the server does not verify (the caller then
 * uploads it whole).
 */
@RequiresCommands({"tar", "perl", "sha256sum", "find", "xargs", "awk"})
class DeltaUploadTest {
    @TempDir
    Path dir;

    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    final Progress progress = new Progress() {
        @Override public void step(String name) { }
        @Override public void fraction(double done) { }
        @Override public void log(String line) { log.add(line); }
        @Override public boolean cancelled() { return false; }
    };

    private Path bundle(String name, String serverJs) throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("package.json", "{\"name\":\"t\",\"scripts\":{\"start\":\"node server.js\"}}");
        files.put("server.js", serverJs);
        StringBuilder noise = new StringBuilder();
        java.util.Random r = new java.util.Random(7); // the same in every bundle: only server.js differs
        while (noise.length() < 200_000) {
            noise.append(Long.toHexString(r.nextLong()));
        }
        files.put("lib/big.txt", noise.toString());
        files.put("lib/deep/more.txt", "unchanged and deep\n");
        return TestBundles.tarGz(dir, name, files);
    }

    /** Installs a bundle whole, as the full-upload path does (unpack, finish). */
    private void installWhole(ReleaseCommands c, Path bundle, String id, DetectedRelease r) throws Exception {
        Files.copy(bundle, Path.of(c.layout().upload(id)));
        LocalShell.ok(c.unpack(id, r));
        LocalShell.ok(c.finish(id));
    }

    private ServerTarget target(ReleaseCommands c) {
        return new ServerTarget(Server.of("app-1", Role.APP, "10.0.1.5"), new LocalHost("app-1"), c);
    }

    @Test
    void secondReleaseSendsTheChangedFileAndHardLinksTheRest() throws Exception {
        ReleaseCommands c = new ReleaseCommands(new AppLayout(dir.resolve("opt").toString(), "t", true));
        LocalShell.ok(c.prepareDirs());
        Path v1 = bundle("v1.tar.gz", "console.log('v1')\n");
        DetectedRelease r = ReleaseDetector.detect(v1);
        installWhole(c, v1, "20260101-000000-aaaaaaaa", r);

        Path v2 = bundle("v2.tar.gz", "console.log('v2')\n");
        long sent;
        try (DeltaUpload delta = new DeltaUpload(v2, ReleaseDetector.detect(v2))) {
            sent = delta.tryInstall(target(c), "20260102-000000-bbbbbbbb", UploadListener.IGNORE, progress);
        }
        assertThat(sent).as(String.join("\n", log)).isPositive().isLessThan(Files.size(v2) / 2);
        Path old = Path.of(c.layout().release("20260101-000000-aaaaaaaa"));
        Path built = Path.of(c.layout().release("20260102-000000-bbbbbbbb") + ".tmp");
        assertThat(Files.readString(built.resolve("server.js"))).isEqualTo("console.log('v2')\n");
        assertThat(Files.readString(built.resolve("lib/deep/more.txt"))).isEqualTo("unchanged and deep\n");
        assertThat(Files.getAttribute(built.resolve("lib/big.txt"), "unix:ino")).isEqualTo(Files.getAttribute(old.resolve("lib/big.txt"), "unix:ino"));
        assertThat(Files.getAttribute(built.resolve("server.js"), "unix:ino")).isNotEqualTo(Files.getAttribute(old.resolve("server.js"), "unix:ino"));
        assertThat(log).anyMatch(l -> l.contains("app-1: sent ") && l.contains("1 changed files, 3 reused"));
        // the plan is gone once verified; the server keeps the old release's hash list for next time
        assertThat(Path.of(c.layout().deltaPlan("20260102-000000-bbbbbbbb"))).doesNotExist();
        assertThat(Path.of(c.layout().manifests(), "20260101-000000-aaaaaaaa.sha256")).exists();
    }

    @Test
    void aReusedFileChangedOnTheServerFailsVerificationAndTheCallerIsToldToUploadWhole() throws Exception {
        ReleaseCommands c = new ReleaseCommands(new AppLayout(dir.resolve("opt").toString(), "t", true));
        LocalShell.ok(c.prepareDirs());
        Path v1 = bundle("v1.tar.gz", "console.log('v1')\n");
        installWhole(c, v1, "20260101-000000-aaaaaaaa", ReleaseDetector.detect(v1));
        LocalShell.ok(new DeltaCommands(c).releaseIndex()); // the hash list is made and kept now
        // someone edits the old release by hand afterwards: its kept hash list is stale
        Path tampered = Path.of(c.layout().release("20260101-000000-aaaaaaaa"), "lib/big.txt");
        tampered.toFile().setWritable(true);
        Files.writeString(tampered, "y".repeat(200_000));

        Path v2 = bundle("v2.tar.gz", "console.log('v2')\n");
        try (DeltaUpload delta = new DeltaUpload(v2, ReleaseDetector.detect(v2))) {
            assertThat(delta.tryInstall(target(c), "20260102-000000-bbbbbbbb", UploadListener.IGNORE, progress)).isEqualTo(-1);
        }
        assertThat(log).anyMatch(l -> l.contains("lib/big.txt: FAILED"));
        assertThat(log).anyMatch(l -> l.contains("did not verify") && l.contains("falling back to uploading the whole release"));
    }

    @Test
    void firstReleaseOnAServerIsUploadedWholeAndSaysWhy() throws Exception {
        ReleaseCommands c = new ReleaseCommands(new AppLayout(dir.resolve("opt").toString(), "t", true));
        LocalShell.ok(c.prepareDirs());
        Path v1 = bundle("v1.tar.gz", "console.log('v1')\n");
        try (DeltaUpload delta = new DeltaUpload(v1, ReleaseDetector.detect(v1))) {
            assertThat(delta.tryInstall(target(c), "20260101-000000-aaaaaaaa", UploadListener.IGNORE, progress)).isEqualTo(-1);
        }
        assertThat(log).endsWith("app-1: no earlier release there shares a file with this one; uploading the whole release");
    }
}
