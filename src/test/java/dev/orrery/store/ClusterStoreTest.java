package dev.orrery.store;

import dev.orrery.model.Cluster;
import dev.orrery.model.Fixtures;
import dev.orrery.model.Release;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterStoreTest {

    @TempDir
    Path dir;

    @Test
    void roundTrip() throws Exception {
        Cluster c = Fixtures.seedCluster();
        c = c.withApp(c.app().withRelease(new Release("v1", Release.Kind.METEOR, "crater-v1.tar.gz", "ab12", Instant.parse("2026-01-02T03:04:05Z"))));
        c = c.withBalancer(c.balancer().withDrained("app-2", true));
        Path file = dir.resolve("crater.json");
        ClusterStore.save(file, c);
        assertThat(ClusterStore.load(file)).isEqualTo(c);
        assertThat(Files.readString(file)).contains("\"schemaVersion\" : 1");
    }

    @Test
    void theExampleClusterLoads() throws Exception {
        Cluster c = ClusterStore.load(Path.of("assets/examples/crater.json"));
        assertThat(c.byRole(Role.BALANCER)).hasSize(1);
        assertThat(c.byRole(Role.APP)).hasSize(3);
        assertThat(c.byRole(Role.DATABASE)).hasSize(1);
    }

    @Test
    void missingOptionalFieldsTakeTheSeedDefaults() throws Exception {
        Path file = write("""
                {"schemaVersion": 1, "cluster": {"name": "c", "app": {"name": "a"},
                 "servers": [{"name": "app-1", "role": "app", "publicAddress": "10.0.0.2"}]}}
                """);
        Cluster c = ClusterStore.load(file);
        assertThat(c.balancer().healthCheck().intervalMs()).isEqualTo(750);
        assertThat(c.balancer().healthCheck().rise()).isEqualTo(2);
        assertThat(c.balancer().healthCheck().fall()).isEqualTo(2);
        assertThat(c.balancer().healthCheck().timeoutMs()).isEqualTo(1000);
        assertThat(c.app().port()).isEqualTo(3000);
        assertThat(c.servers().get(0).sshPort()).isEqualTo(22);
    }

    @Test
    void aFileThatDoesNotParseNamesTheLineAndIsLeftUntouched() throws Exception {
        String text = "{\"schemaVersion\": 1,\n \"cluster\": {\"name\": \"c\",\n  \"app\": {\"name\": \"a\" ,,}}}\n";
        Path file = write(text);
        assertThatThrownBy(() -> ClusterStore.load(file))
                .isInstanceOf(ClusterFileException.class)
                .satisfies(e -> assertThat(((ClusterFileException) e).line()).isEqualTo(3))
                .hasMessageContaining(":3:");
        assertThat(Files.readString(file)).isEqualTo(text);
    }

    @Test
    void aWrongTypeNamesTheField() throws Exception {
        Path file = write("{\"schemaVersion\": 1, \"cluster\": {\"name\": \"c\", \"app\": {\"name\": \"a\", \"port\": \"http\"}}}");
        assertThatThrownBy(() -> ClusterStore.load(file))
                .isInstanceOf(ClusterFileException.class)
                .satisfies(e -> assertThat(((ClusterFileException) e).field()).isEqualTo("cluster.app.port"));
    }

    @Test
    void anUnknownFieldIsRefusedRatherThanDropped() throws Exception {
        Path file = write("{\"schemaVersion\": 1, \"cluster\": {\"name\": \"c\", \"app\": {\"name\": \"a\"}, \"serverz\": []}}");
        assertThatThrownBy(() -> ClusterStore.load(file))
                .isInstanceOf(ClusterFileException.class)
                .hasMessageContaining("serverz");
    }

    @Test
    void anInvalidValueNamesTheFieldAndLine() throws Exception {
        String text = """
                {"schemaVersion": 1, "cluster": {"name": "c", "app": {"name": "a"},
                 "servers": [
                   {"name": "app-1", "role": "app", "publicAddress": "10.0.0.2"},
                   {"name": "app-2", "role": "app", "publicAddress": "10.0.0.3; rm -rf /"}]}}
                """;
        Path file = write(text);
        assertThatThrownBy(() -> ClusterStore.load(file))
                .isInstanceOf(ClusterFileException.class)
                .hasMessageContaining("cluster.servers[1].publicAddress")
                .hasMessageContaining("';'");
        assertThat(Files.readString(file)).isEqualTo(text);
    }

    @Test
    void anUnknownSchemaVersionIsRefused() throws Exception {
        Path file = write("{\"schemaVersion\": 7, \"cluster\": {}}");
        assertThatThrownBy(() -> ClusterStore.load(file)).hasMessageContaining("schemaVersion").hasMessageContaining("7");
    }

    @Test
    void savingAnInvalidClusterWritesNothing() throws Exception {
        Path file = dir.resolve("c.json");
        ClusterStore.save(file, Fixtures.seedCluster());
        String before = Files.readString(file);
        Cluster bad = Fixtures.seedCluster().withServer(Server.of("x;y", Role.APP, "10.0.0.9"));
        assertThatThrownBy(() -> ClusterStore.save(file, bad)).hasMessageContaining("servers[4].name");
        assertThat(Files.readString(file)).isEqualTo(before);
    }

    @Test
    void aFailureBeforeTheRenameLeavesTheOldFileAndNoTemp() throws Exception {
        Path file = dir.resolve("c.json");
        ClusterStore.save(file, Fixtures.seedCluster());
        byte[] before = Files.readAllBytes(file);
        Cluster next = Fixtures.seedCluster().withServer(Server.of("app-9", Role.APP, "10.0.0.9"));
        assertThatThrownBy(() -> AtomicFiles.write(file, ClusterStore.toBytes(next), temp -> {
            assertThat(Files.size(temp)).isPositive();
            throw new IOException("disk pulled out");
        })).hasMessageContaining("disk pulled out");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(ClusterStore.load(file)).isEqualTo(Fixtures.seedCluster());
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("c.json");
        }
    }

    @Test
    void recentClustersAreNewestFirstWithoutDuplicates() throws Exception {
        RecentClusters recent = new RecentClusters(dir.resolve("recent.json"));
        assertThat(recent.list()).isEmpty();
        recent.remember(dir.resolve("a.json"));
        recent.remember(dir.resolve("b.json"));
        recent.remember(dir.resolve("a.json"));
        assertThat(recent.list()).containsExactly(dir.resolve("a.json"), dir.resolve("b.json"));
        Files.writeString(dir.resolve("recent.json"), "garbage");
        assertThat(recent.list()).isEmpty();
    }

    private Path write(String text) throws IOException {
        Path file = dir.resolve("cluster.json");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    static List<String> names(Cluster c) {
        return c.servers().stream().map(Server::name).toList();
    }
}
