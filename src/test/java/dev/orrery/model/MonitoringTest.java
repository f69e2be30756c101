package dev.orrery.model;

import dev.orrery.store.ClusterFileException;
import dev.orrery.store.ClusterStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Alert rules live in the cluster file, validated in one place; files without them read as before. */
class MonitoringTest {
    @TempDir
    Path dir;

    @Test
    void aFileWithoutMonitoringGetsTheIssuesDefaultsAndIsWrittenUnchanged() throws Exception {
        Cluster c = Fixtures.seedCluster();
        String json = new String(ClusterStore.toBytes(c), StandardCharsets.UTF_8);
        assertThat(json).doesNotContain("monitoring");
        Monitoring m = c.monitoringSettings();
        assertThat(m.sampleSeconds()).isEqualTo(10);
        assertThat(m.rules()).extracting(AlertRule::describe).containsExactly(
                "server down for more than 1 min", "CPU over 90% for 5 min", "memory over 90% for 1 min",
                "disk over 85%", "certificate expires within 14 days", "deploy failed or rolled back");
    }

    @Test
    void rulesAndWebhooksRoundTripWithoutTheUrl() throws Exception {
        Monitoring m = Monitoring.defaults().withRule(AlertRule.defaultFor(AlertKind.CPU).withThreshold(80).withForSeconds(60))
                .withWebhook(new Webhook("ops", Webhook.Format.SLACK));
        Cluster c = Fixtures.seedCluster().withMonitoring(m);
        Path file = dir.resolve("c.json");
        ClusterStore.save(file, c);
        String text = Files.readString(file);
        assertThat(text).contains("\"monitoring\"").contains("\"kind\" : \"cpu\"").contains("\"format\" : \"slack\"")
                .doesNotContain("\"url\"");
        Cluster back = ClusterStore.load(file);
        assertThat(back).isEqualTo(c);
        assertThat(back.monitoringSettings().rule("cpu").orElseThrow().threshold()).isEqualTo(80);
        // edits keep the settings
        assertThat(back.withServer(Server.of("app-9", Role.APP, "198.51.100.9")).monitoringSettings()).isEqualTo(m);
    }

    @Test
    void aShortRuleTakesItsKindsDefaults() throws Exception {
        Path file = dir.resolve("c.json");
        String json = new String(ClusterStore.toBytes(Fixtures.seedCluster()), StandardCharsets.UTF_8)
                .replace("\"servers\" :", "\"monitoring\": {\"rules\": [{\"kind\": \"disk\", \"threshold\": 70}]},\n\"servers\" :");
        Files.writeString(file, json);
        Monitoring m = ClusterStore.load(file).monitoringSettings();
        assertThat(m.rules()).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("disk");
            assertThat(r.threshold()).isEqualTo(70);
            assertThat(r.clearSeconds()).isEqualTo(60);
            assertThat(r.enabled()).isTrue();
        });
        assertThat(m.sampleSeconds()).isEqualTo(10);
    }

    @Test
    void badRulesAreNamedByTheirPath() throws Exception {
        Path file = dir.resolve("c.json");
        String json = new String(ClusterStore.toBytes(Fixtures.seedCluster()), StandardCharsets.UTF_8)
                .replace("\"servers\" :", "\"monitoring\": {\"sampleSeconds\": 0, \"rules\": [{\"kind\": \"cpu\", \"threshold\": 120},"
                        + " {\"name\": \"cpu\", \"kind\": \"memory\", \"forSeconds\": -1}, {\"threshold\": 3}],"
                        + " \"webhooks\": [{\"name\": \"Ops Team\"}]},\n\"servers\" :");
        Files.writeString(file, json);
        assertThatThrownBy(() -> ClusterStore.load(file)).isInstanceOf(ClusterFileException.class)
                .hasMessageContaining("monitoring.sampleSeconds")
                .hasMessageContaining("monitoring.rules[0].threshold: must be between 1 and 100 % for a cpu rule (got 120)")
                .hasMessageContaining("monitoring.rules[1].name: \"cpu\" is used by another rule")
                .hasMessageContaining("monitoring.rules[1].forSeconds")
                .hasMessageContaining("monitoring.rules[2].kind: is required")
                .hasMessageContaining("monitoring.webhooks[0].name");
    }

    @Test
    void webhookUrlsAreCheckedWithoutBeingEchoed() {
        assertThat(Rules.webhookUrl("https://hooks.slack.com/services/T0/B0/abc")).isEmpty();
        assertThat(Rules.webhookUrl("http://127.0.0.1:8080/hook")).isEmpty();
        assertThat(Rules.webhookUrl("ftp://x.example/hook")).get().asString().contains("https://");
        assertThat(Rules.webhookUrl("https://user:secretpw@x.example/")).get().asString().doesNotContain("secretpw");
        assertThat(Rules.webhookUrl("https://x.example/a b")).get().asString().contains("position 19");
        assertThat(Rules.webhookUrl("https:///nohost")).get().asString().contains("no host");
    }
}
