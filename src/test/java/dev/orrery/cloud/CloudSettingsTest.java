package dev.orrery.cloud;

import dev.orrery.store.OrreryHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CloudSettingsTest {
    @TempDir
    Path dir;

    @Test
    void theApiUrlComesFromTheEnvironmentThenTheSettingThenThePublicApi() {
        assertThat(DigitalOceanConfig.resolve(Map.of("DIGITALOCEAN_API_URL", "http://127.0.0.1:8080/fake"), "https://setting.example/")
                .baseUrl()).isEqualTo(URI.create("http://127.0.0.1:8080/fake/"));
        assertThat(DigitalOceanConfig.resolve(Map.of(), "https://setting.example").baseUrl()).isEqualTo(URI.create("https://setting.example/"));
        assertThat(DigitalOceanConfig.resolve(Map.of(), null).baseUrl()).isEqualTo(URI.create("https://api.digitalocean.com/"));
    }

    @Test
    void aBadApiUrlIsRefusedWithTheReason() {
        assertThatThrownBy(() -> DigitalOceanConfig.resolve(Map.of("DIGITALOCEAN_API_URL", "ftp://x"), null))
                .hasMessageContaining("must be http(s)://host");
        assertThatThrownBy(() -> DigitalOceanConfig.resolve(Map.of("DIGITALOCEAN_API_URL", "https://user:pw@x/"), null))
                .hasMessageContaining("must not carry");
    }

    @Test
    void templatesRoundTripPerClusterAndNeverHoldTheToken() throws IOException {
        OrreryHome home = new OrreryHome(dir);
        DropletTemplate t = new DropletTemplate("fra1", "s-1vcpu-2gb", "6372321", List.of("289794"), null, "#cloud-config\n");
        new CloudSettings("http://127.0.0.1:9/", Map.of()).withTemplate("crater", t).save(home);
        CloudSettings back = CloudSettings.load(home);
        assertThat(back.template("crater")).isEqualTo(t);
        assertThat(back.template("other").snapshotId()).isNull();
        assertThat(back.apiUrl()).isEqualTo("http://127.0.0.1:9/");
        assertThat(Files.readString(CloudSettings.file(home))).doesNotContainIgnoringCase("token");
    }

    @Test
    void aTemplateNamesEachProblem() {
        DropletTemplate bad = new DropletTemplate("nyc3;", null, "fbe9-volume", List.of("not a key"), "not-a-uuid", null);
        assertThat(bad.problems()).anyMatch(p -> p.startsWith("region:"))
                .anyMatch(p -> p.startsWith("size: is required"))
                .anyMatch(p -> p.startsWith("snapshot:") && p.contains("fbe9-volume"))
                .anyMatch(p -> p.startsWith("sshKeys:"))
                .anyMatch(p -> p.startsWith("vpcUuid:"));
        assertThat(new DropletTemplate("nyc3", "s-1vcpu-1gb", "6372321", List.of("3b:16:e4:bf:8b:00:8b:b8:59:8c:a9:d3:f0:19:fa:45"),
                "760e09ef-dc84-11e8-981e-3cfdfeaae000", null).problems()).isEmpty();
    }

    @Test
    void anUnreadableSettingsFileSaysWhichFile() throws IOException {
        OrreryHome home = new OrreryHome(dir);
        Files.writeString(CloudSettings.file(home), "{\"apiUrl\": 3, \"surprise\": true}");
        assertThatThrownBy(() -> CloudSettings.load(home)).isInstanceOf(IOException.class).hasMessageContaining("digitalocean.json");
    }
}
