package dev.orrery.security;

import dev.orrery.model.Cluster;
import dev.orrery.store.ClusterStore;
import dev.orrery.testing.RequiresCommands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The confirmed rules are kept for the next boot: {@link FirewallCommands#persist} copies the
 * applied file where the boot loads it, and that file — on its own, into a network namespace
 * with no rules, as at boot — loads with real {@code nft} into Orrery's table and loads again
 * over itself (a second boot, or nftables.service then Orrery's unit).
 */
@RequiresCommands({"nft", "unshare", "sh"})
class FirewallPersistTest {
    @TempDir
    Path dir;

    @Test
    void theConfirmedRulesAreKeptAndLoadIntoAFreshNamespace() throws Exception {
        Cluster crater = ClusterStore.load(Path.of("assets/examples/crater.json"));
        HostFirewall app = HostFirewall.forCluster(crater, List.of("203.0.113.7")).get(1);
        Path work = Files.createDirectories(dir.resolve("var/lib/orrery/firewall"));
        Files.writeString(work.resolve("candidate.nft"), NftRuleset.render(app));
        Path kept = dir.resolve("etc/orrery/firewall.nft");

        String said = run("sh", "-c", FirewallCommands.persist(work.toString(), kept.toString()).line());
        assertThat(said).contains(kept.toString());
        assertThat(Files.readString(kept)).isEqualTo(NftRuleset.render(app));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kept))).isEqualTo("rw-------");

        String loaded = run("unshare", "--net", "sh", "-c", "nft -c -f \"$1\" && nft -f \"$1\" && nft -f \"$1\" && nft list table inet orrery",
                "sh", kept.toString());
        assertThat(loaded).contains("policy drop").contains("tcp dport 3000 reject with tcp reset").contains("203.0.113.7");
    }

    private static String run(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(String.join(" ", argv) + ": " + out).isZero();
        return out;
    }
}
