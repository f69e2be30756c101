package dev.orrery.store;

import dev.orrery.model.Cluster;
import dev.orrery.model.Fixtures;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.provision.FileClusterModel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Item 1 of issue 13, lost updates: every writer changes what is on disk now, under the file's
 * writer lock. Before, each writer kept its own copy and wrote it back whole, so the last one won.
 */
class ClusterFileWritersTest {
    @TempDir
    Path dir;
    Path file;

    @BeforeEach
    void seed() throws Exception {
        file = dir.resolve("crater.json");
        ClusterStore.save(file, Fixtures.seedCluster());
    }

    private static Server app(String name, String address) {
        return Server.of(name, Role.APP, address);
    }

    @Test
    void twoWritersWithTheirOwnCopiesLoseNothing() throws Exception {
        // Two runs opened the file before either wrote (two terminals, a window and a terminal).
        FileClusterModel first = new FileClusterModel(file);
        FileClusterModel second = new FileClusterModel(file);
        first.update(c -> c.withServer(app("app-8", "10.0.1.8")));
        second.update(c -> c.withServer(app("app-9", "10.0.1.9")));
        Cluster onDisk = ClusterStore.load(file);
        assertThat(onDisk.server("app-8")).as("the first writer's server").isPresent();
        assertThat(onDisk.server("app-9")).isPresent();
    }

    @Test
    void aHandEditDuringARunIsKeptWhenTheRunUndoesItsChange() throws Exception {
        FileClusterModel run = new FileClusterModel(file);
        run.update(c -> c.withServer(app("app-9", "10.0.1.9")));
        // The user edits the file by hand while the run goes on.
        Files.writeString(file, Files.readString(file).replace("https://crater.io", "https://crater.example"));
        // Ctrl-C: the run takes its server out again.
        run.update(c -> c.withoutServer("app-9"));
        Cluster onDisk = ClusterStore.load(file);
        assertThat(onDisk.server("app-9")).isEmpty();
        assertThat(onDisk.app().environment().get("ROOT_URL")).as("the hand edit").isEqualTo("https://crater.example");
        assertThat(run.current().app().environment().get("ROOT_URL")).isEqualTo("https://crater.example");
    }

    @Test
    void manyWritersAtOnceEachKeepTheirChange() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> all = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                all.add(pool.submit(() -> {
                    for (int i = 0; i < 10; i++) {
                        String key = "K_" + thread + "_" + i;
                        ClusterFile.update(file, c -> {
                            var env = new HashMap<>(c.app().environment());
                            env.put(key, "v");
                            return c.withApp(c.app().withEnvironment(env));
                        });
                    }
                    return null;
                }));
            }
            for (Future<?> f : all) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(ClusterStore.load(file).app().environment().keySet().stream().filter(k -> k.startsWith("K_"))).hasSize(80);
    }

    @Test
    void aChangeThatThrowsWritesNothing() throws Exception {
        String before = Files.readString(file);
        assertThatThrownBy(() -> ClusterFile.update(file, c -> {
            throw new IllegalStateException("changed my mind");
        })).hasMessage("changed my mind");
        assertThat(Files.readString(file)).isEqualTo(before);
    }

    @Test
    void aStaleCopyIsNotWrittenOverTheFile() throws Exception {
        ClusterFile.Versioned read = ClusterFile.readVersioned(file);
        ClusterFile.update(file, c -> c.withServer(app("app-8", "10.0.1.8")));
        assertThatThrownBy(() -> ClusterFile.replace(file, read.version(), read.cluster().withServer(app("app-9", "10.0.1.9"))))
                .isInstanceOf(StaleClusterFileException.class).hasMessageContaining("changed on disk since it was read");
        assertThat(ClusterStore.load(file).server("app-8")).isPresent();
        assertThat(ClusterStore.load(file).server("app-9")).isEmpty();
        // Read again, the same change goes through.
        ClusterFile.Versioned fresh = ClusterFile.readVersioned(file);
        ClusterFile.replace(file, fresh.version(), fresh.cluster().withServer(app("app-9", "10.0.1.9")));
        assertThat(ClusterStore.load(file).server("app-9")).isPresent();
    }
}
