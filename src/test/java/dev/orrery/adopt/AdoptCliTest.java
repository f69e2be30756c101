package dev.orrery.adopt;

import dev.orrery.cloud.ApiToken;
import dev.orrery.cloud.CloudSettings;
import dev.orrery.cloud.FakeApiFixture;
import dev.orrery.cloud.TokenStores;
import dev.orrery.cloud.fake.FakeImage;
import dev.orrery.cloud.fake.FakeVpc;
import dev.orrery.model.Cluster;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.store.ClusterStore;
import dev.orrery.store.OrreryHome;
import dev.orrery.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** orrery import mup|digitalocean as a person types them. */
class AdoptCliTest {
    @TempDir
    Path dir;

    OrreryHome home() {
        return new OrreryHome(dir.resolve("home"));
    }

    @Test
    void importMupWritesTheClusterAndListsEveryOption() throws Exception {
        Path out = dir.resolve("crater.json");
        Path mup = Path.of(getClass().getResource("/dev/orrery/adopt/mup-legacy/mup.json").toURI());
        CliRun r = CliRun.run(home(), "import", "mup", mup.toString(), "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("NOT MAPPED (10)").contains("servers[2].password").contains("saved " + out);
        Cluster c = ClusterStore.load(out);
        assertThat(c.appServers()).hasSize(3);
        assertThat(c.app().environment()).containsKey("MONGO_OPLOG_URL");

        // an existing file is never written over by accident
        byte[] before = Files.readAllBytes(out);
        CliRun again = CliRun.run(home(), "import", "mup", mup.toString(), "--out", out.toString());
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("exists").contains("--force");
        assertThat(Files.readAllBytes(out)).isEqualTo(before);
        CliRun forced = CliRun.run(home(), "import", "mup", mup.toString(), "--out", out.toString(), "--force", "--json");
        assertThat(forced.exit()).as(forced.err()).isZero();
        assertThat(forced.out()).contains("\"outcome\" : \"not_mapped\"").contains("\"previous\" : \"" + out + ".orrery-prev\"");
        assertThat(Files.readAllBytes(dir.resolve("crater.json.orrery-prev"))).isEqualTo(before);
    }

    @Test
    void aSavedNginxTIsImportedAndDiffedWithoutConnectingToAnything() throws Exception {
        Path out = dir.resolve("crater.json");
        Path dump = Path.of(getClass().getResource("/dev/orrery/adopt/seed-nginx-T.txt").toURI());
        CliRun r = CliRun.run(home(), "import", "balancer", out.toString(), "--host", "198.51.100.10", "--from-file", dump.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("KEPT AS IS (14)").contains("balancer.stickiness = ip_hash");
        assertThat(ClusterStore.load(out).balancerServer().orElseThrow().publicAddress()).isEqualTo("198.51.100.10");

        CliRun diff = CliRun.run(home(), "diff-proxy", out.toString(), "--live-file", dump.toString(), "--exit-code");
        assertThat(diff.exit()).as(diff.err()).isEqualTo(3);
        assertThat(diff.out()).contains("(saved nginx -T output)").contains("- check interval=750 rise=2 fall=2 timeout=1000 type=http;")
                .contains("~ listen 443 ssl spdy;  →  listen 443 ssl http2 default_server reuseport;").contains("95 change(s)"); // with the access log in Orrery's format (log_format orrery, access_log … orrery) and the DDP upstream (5 lines)
        CliRun withModule = CliRun.run(home(), "diff-proxy", out.toString(), "--live-file", dump.toString(), "--check-module", "--json");
        assertThat(withModule.out()).doesNotContain("\"before\" : \"check interval");

        // what Orrery would write, saved and read back, is no change
        CliRun rendered = CliRun.run(home(), "render-proxy", out.toString());
        Path saved = Files.writeString(dir.resolve("nginx.conf"), rendered.out());
        CliRun same = CliRun.run(home(), "diff-proxy", out.toString(), "--live-file", saved.toString(), "--exit-code");
        assertThat(same.exit()).as(same.out() + same.err()).isZero();
        assertThat(same.out()).contains("no change");
    }

    @Test
    void badInputIsAClearErrorAndWritesNothing() {
        Path out = dir.resolve("x.json");
        CliRun r = CliRun.run(home(), "import", "mup", dir.resolve("nope").toString(), "--out", out.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("no Meteor Up configuration");
        assertThat(out).doesNotExist();
        CliRun both = CliRun.run(home(), "import", "digitalocean", "--tag", "a", "--name-prefix", "b", "--out", out.toString());
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");
        CliRun neither = CliRun.run(home(), "import");
        assertThat(neither.exit()).isEqualTo(2);
        CliRun noOut = CliRun.run(home(), "import", "mup", dir.toString());
        assertThat(noOut.exit()).isEqualTo(2);
        assertThat(noOut.err()).contains("Missing required option: '--out=CLUSTER.json'").contains("Usage: orrery import mup");
        CliRun noWhich = CliRun.run(home(), "import", "digitalocean", "--out", out.toString());
        assertThat(noWhich.exit()).isEqualTo(2);
        assertThat(noWhich.err()).contains("'--tag=TAG' or '--name-prefix=PREFIX'");
        assertThat(CliRun.run(home(), "import", "balancer", out.toString(), "--host", "198.51.100.10", "--ssh-port", "0").err())
                .contains("'--ssh-port': must be between 1 and 65535 (got 0)");
        assertThat(out).doesNotExist();
        assertThat(CliRun.run(home(), "import", "--help").out()).contains("mup").contains("digitalocean").contains("balancer");
        assertThat(CliRun.run(home(), "drift", "--help").out()).contains("suggested action");
        assertThat(CliRun.run(home(), "diff-proxy", "--help").out()).contains("directive by directive");
    }

    @Test
    void importDigitalOceanAgainstTheFakeApiMergesIntoTheMupCluster() throws Exception {
        try (FakeApiFixture api = new FakeApiFixture()) {
            OrreryHome home = home();
            new CloudSettings(api.server.url("/").toString(), Map.of()).save(home);
            TokenStores.fileStore(home).save(new ApiToken(FakeApiFixture.TOKEN));
            api.fake.addresses(n -> new String[]{n % 2 == 0 ? "198.51.100.211" : "198.51.100.36", n % 2 == 0 ? "10.0.1.73" : "10.0.1.151"});
            FakeVpc vpc = api.fake.vpc("default-nyc3", "nyc3", "10.0.1.0/16");
            FakeImage snap = api.fake.image("crater-app", 0);
            api.fake.droplet("crater-app-1", List.of("crater"), "nyc3", "s-2vcpu-2gb", snap.id(), vpc.id(), true);
            api.fake.droplet("crater-app-2", List.of("crater"), "nyc3", "s-2vcpu-2gb", snap.id(), vpc.id(), true);

            Path out = dir.resolve("crater.json");
            Path mup = Path.of(getClass().getResource("/dev/orrery/adopt/mup-legacy/mup.json").toURI());
            assertThat(CliRun.run(home, "import", "mup", mup.toString(), "--out", out.toString()).exit()).isZero();
            CliRun r = CliRun.run(home, "import", "digitalocean", "--tag", "crater", "--out", out.toString());
            assertThat(r.exit()).as(r.err() + r.out()).isZero();
            assertThat(r.out()).contains("app-1 (already in the cluster)").contains("kept the droplet template");
            Cluster c = ClusterStore.load(out);
            Server app1 = c.server("app-1").orElseThrow();
            assertThat(app1.privateAddress()).isIn("10.0.1.73", "10.0.1.151");
            assertThat(app1.provider()).isEqualTo("digitalocean");
            assertThat(c.server("app-3").orElseThrow().role()).isEqualTo(Role.APP);
            assertThat(CloudSettings.load(home).template("crater").snapshotId()).isEqualTo(Long.toString(snap.id()));
            assertThat(Files.readString(out)).doesNotContain(FakeApiFixture.TOKEN);
        }
    }
}
