package dev.orrery.deploy;

import dev.orrery.testing.RequiresCommands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The tar manifest (hashes, strip), the subset tar, and the plan built from a server's index. */
@RequiresCommands({"tar", "sha256sum"})
class DeltaPlanTest {
    @TempDir
    Path dir;

    private static final String H_A = "a".repeat(64);

    @Test
    void manifestHashesEachFileAfterStrippingLikeTar() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("bundle/main.js", "main\n");
        files.put("bundle/programs/server/package.json", "{}");
        Path b = TestBundles.tarGz(dir, "m.tar.gz", files);
        BundleManifest m = BundleManifest.read(b, 1);
        Map<String, String> byPath = new LinkedHashMap<>();
        m.entries().stream().filter(BundleManifest.Entry::regular).forEach(e -> byPath.put(e.path(), e.sha256()));
        String expected = new ProcessBuilder("sh", "-c", "printf 'main\\n' | sha256sum").start().inputReader().readLine().split(" ")[0];
        assertThat(byPath).containsEntry("main.js", expected).containsKey("programs/server/package.json");
        assertThat(m.hasTarHardlinks()).isFalse();
    }

    @Test
    void subsetTarHoldsOnlyTheChosenEntriesAndUnpacksWithRealTar() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("a.txt", "A");
        files.put("sub/" + "long-name-".repeat(12) + ".txt", "long"); // > 100 chars: a GNU long-name header
        files.put("c.txt", "C");
        Path b = TestBundles.tarGz(dir, "s.tar.gz", files);
        BundleManifest m = BundleManifest.read(b, 0);
        Set<Integer> keep = Set.copyOf(m.entries().stream().filter(e -> !e.path().equals("a.txt")).map(BundleManifest.Entry::ordinal).toList());
        Path out = dir.resolve("subset.tar.gz");
        BundleManifest.writeSubset(b, keep, out);
        Path x = Files.createDirectories(dir.resolve("x"));
        Process p = new ProcessBuilder("tar", "-xzf", out.toString(), "-C", x.toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor()).as(new String(p.getInputStream().readAllBytes())).isZero();
        assertThat(x.resolve("a.txt")).doesNotExist();
        assertThat(x.resolve("c.txt")).hasContent("C");
        assertThat(x.resolve("sub/" + "long-name-".repeat(12) + ".txt")).hasContent("long");
    }

    @Test
    void planReusesKnownHashesAndSendsTheRest() throws Exception {
        Path b = TestBundles.tarGz(dir, "p.tar.gz", Map.of("same.txt", "same", "new.txt", "new"));
        BundleManifest m = BundleManifest.read(b, 0);
        String sameSha = m.entries().stream().filter(e -> "same.txt".equals(e.path())).findFirst().orElseThrow().sha256();
        DeltaPlan plan = DeltaPlan.of(m, DeltaPlan.parseIndex(List.of(sameSha + " 20260101-000000-aaaaaaaa/./old/same.txt")));
        assertThat(plan.reused()).isEqualTo(1);
        assertThat(plan.sentFiles()).isEqualTo(1);
        assertThat(plan.plan()).contains("L 644\t20260101-000000-aaaaaaaa/./old/same.txt\tsame.txt\n")
                .contains("H " + sameSha + "  ./same.txt\n").contains("  ./new.txt\n");
        int newOrdinal = m.entries().stream().filter(e -> "new.txt".equals(e.path())).findFirst().orElseThrow().ordinal();
        assertThat(plan.send()).contains(newOrdinal);
    }

    @Test
    void indexLinesThatCouldReachOutsideAReleaseAreIgnored() {
        Map<String, String> idx = DeltaPlan.parseIndex(List.of(
                H_A + " ../etc/./passwd",                          // not a release id
                H_A + " 20260101-000000-aaaaaaaa/./../../x",      // climbs out
                H_A + " 20260101-000000-aaaaaaaa/./a\tb",          // a tab would split the plan line
                "short 20260101-000000-aaaaaaaa/./ok",             // not a hash
                "b".repeat(64) + " 20260101-000000-aaaaaaaa/./ok/file.js"));
        assertThat(idx).containsOnlyKeys("b".repeat(64)).containsValue("20260101-000000-aaaaaaaa/./ok/file.js");
    }

    @Test
    void oddPathsAreNeverPlannedOnlySent() {
        assertThat(new BundleManifest.Entry(0, "a/../b", "a/../b", '0', 1, 0644, H_A).plannable()).isFalse();
        assertThat(new BundleManifest.Entry(0, "a\\b", "a\\b", '0', 1, 0644, H_A).plannable()).isFalse();
        assertThat(new BundleManifest.Entry(0, "x/y.js", "x/y.js", '0', 1, 0644, H_A).plannable()).isTrue();
        assertThat(BundleManifest.stripped("./bundle/x", 1)).isEqualTo("x");
        assertThat(BundleManifest.stripped("bundle/", 1)).isNull();
    }
}
