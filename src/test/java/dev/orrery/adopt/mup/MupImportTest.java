package dev.orrery.adopt.mup;

import dev.orrery.adopt.ImportException;
import dev.orrery.adopt.ImportItem;
import dev.orrery.adopt.ImportResult;
import dev.orrery.model.Cluster;
import dev.orrery.model.KeptDirective;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.model.Stickiness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** mup.json files of 2015–2016 as Meteor Up's documentation showed them, with their comments. */
class MupImportTest {

    static Path fixture(String dir) throws Exception {
        return Path.of(MupImportTest.class.getResource("/dev/orrery/adopt/" + dir).toURI());
    }

    static ImportResult read(String dir, Path settings) throws Exception {
        return MupImport.read(MupFile.read(fixture(dir), NodeEval.standard()), new MupImport.Options(settings));
    }

    static ImportItem item(ImportResult r, String what) {
        return r.items().stream().filter(i -> i.what().equals(what)).findFirst()
                .orElseThrow(() -> new AssertionError("no item " + what + " in\n" + r.text()));
    }

    @Test
    void theOriginalMupJsonWithUpstartEnvironment() throws Exception {
        ImportResult r = read("mup-legacy", null);
        Cluster c = r.cluster();
        assertThat(c.name()).isEqualTo("crater");
        assertThat(c.app().port()).isEqualTo(80);
        assertThat(c.appServers()).extracting(Server::publicAddress).containsExactly("198.51.100.211", "198.51.100.36", "198.51.100.52");
        assertThat(c.server("app-1").orElseThrow().sshKey()).isEqualTo("~/.ssh/crater_rsa");
        assertThat(c.server("app-3").orElseThrow().sshUser()).isEqualTo("deploy");
        assertThat(c.server("app-3").orElseThrow().sshKey()).isEqualTo("agent");
        assertThat(c.app().environment()).containsEntry("ROOT_URL", "https://crater.io")
                .containsEntry("MONGO_URL", "mongodb://10.0.1.20:27017/crater")
                .containsEntry("MONGO_OPLOG_URL", "mongodb://10.0.1.20:27017/local")
                .containsEntry("METEOR_OPLOG_TOO_FAR_BEHIND", "2000")
                .containsEntry("KADIRA_APP_ID", "xKqHdYzbC3ad7Gv8N")
                .doesNotContainKeys("PORT", "UPSTART_UID", "HTTP_FORWARDED_COUNT");
        assertThat(item(r, "servers[2].password").outcome()).isEqualTo(ImportItem.Outcome.NOT_MAPPED);
        assertThat(item(r, "servers[2].password").detail()).contains("SSH keys only");
        assertThat(item(r, "env.UPSTART_UID").detail()).contains("its own system user");
        for (String option : new String[]{"setupMongo", "setupNode", "nodeVersion", "setupPhantom", "enableUploadProgressBar", "app", "deployCheckWaitTime"}) {
            assertThat(item(r, option).outcome()).as(option).isEqualTo(ImportItem.Outcome.NOT_MAPPED);
        }
        // nothing in the file is missing from the report: 9 server fields, 8 env keys, 8 other options
        assertThat(r.items()).hasSize(9 + 8 + 8);
    }

    @Test
    void mupxWithSslSshPortsPerServerEnvAndSettingsBesideIt() throws Exception {
        ImportResult r = read("mupx", null);
        Cluster c = r.cluster();
        assertThat(c.app().name()).isEqualTo("crater");
        assertThat(item(r, "appName").detail()).contains("from \"Crater\"");
        assertThat(c.appServers()).extracting(Server::sshPort).containsOnly(2222);
        // settings.json wins over env.METEOR_SETTINGS, as mup deploy does, and arrives byte for byte as JSON
        assertThat(c.app().environment().get("METEOR_SETTINGS"))
                .isEqualTo("{\"public\":{\"analytics\":false,\"greeting\":\"it's \\\"quoted\\\" $(not run)\"},\"stripe\":{\"secretKey\":\"sk_test_4eC39HqLyjWDarjtT1zdp7dc\"}}");
        assertThat(item(r, "env.METEOR_SETTINGS").outcome()).isEqualTo(ImportItem.Outcome.REPLACED);
        assertThat(item(r, "ssl").detail()).contains("ends TLS at the balancer");
        assertThat(item(r, "servers[1].env.CLUSTER_BALANCER_URL").detail()).contains("same environment");
        assertThat(r.notes()).anyMatch(n -> n.contains("MONGO_URL names localhost"));
    }

    @Test
    void aSettingsFileGivenOnTheCommandLine(@TempDir Path dir) throws Exception {
        Path s = Files.writeString(dir.resolve("production.json"), "{ // prod\n \"public\": {\"env\": \"prod\"}, }\n");
        assertThat(read("mup-legacy", s).cluster().app().environment()).containsEntry("METEOR_SETTINGS", "{\"public\":{\"env\":\"prod\"}}");
        assertThatThrownBy(() -> read("mup-legacy", dir.resolve("missing.json"))).hasMessageContaining("no settings file");
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\n  \"public\": {\n    \"a\": \n}\n");
        assertThatThrownBy(() -> read("mup-legacy", bad)).isInstanceOf(ImportException.class).hasMessageContaining("bad.json:4");
    }

    @Test
    void aBrokenMupJsonNamesTheLine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("mup.json"), "{\n  // servers\n  \"servers\": [ { \"host\": \"198.51.100.9\" } ]\n  \"appName\": \"x\"\n}\n");
        assertThatThrownBy(() -> MupFile.read(dir, NodeEval.standard())).isInstanceOf(ImportException.class)
                .hasMessageContaining("mup.json:4").hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> MupFile.read(dir.resolve("nothing-here"), NodeEval.standard())).hasMessageContaining("no Meteor Up configuration");
    }

    @Test
    void aMupFileWithoutAppOrServersIsRefused(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("mup.json"), "{ \"servers\": [ { \"host\": \"198.51.100.9\" } ] }");
        assertThatThrownBy(() -> MupImport.read(MupFile.read(dir, NodeEval.standard()), new MupImport.Options(null)))
                .hasMessageContaining("names no app");
        Files.writeString(dir.resolve("mup.json"), "{ \"appName\": \"x\", \"servers\": [ { \"host\": \"not a host; rm -rf /\" } ] }");
        ImportException e = org.junit.jupiter.api.Assertions.assertThrows(ImportException.class,
                () -> MupImport.read(MupFile.read(dir, NodeEval.standard()), new MupImport.Options(null)));
        assertThat(e).hasMessageContaining("no server");
    }
}
