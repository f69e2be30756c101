package dev.orrery.store;

import dev.orrery.model.Cluster;
import dev.orrery.model.Fixtures;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.testing.RequiresCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Item 1 of issue 13 across processes: the writer lock is the operating system's, so another program holding it counts. */
@RequiresCommands("python3")
class ClusterFileLockAcrossProcessesTest {
    @TempDir
    Path dir;
    Path file;
    Process holder;

    @BeforeEach
    void seed() throws Exception {
        file = dir.resolve("crater.json");
        ClusterStore.save(file, Fixtures.seedCluster());
    }

    @AfterEach
    void stopHolder() {
        if (holder != null) {
            holder.destroyForcibly();
        }
    }

    private static Server app(String name, String address) {
        return Server.of(name, Role.APP, address);
    }

    /** Another process (here python, with the same POSIX lock Java takes) holds the lock: a writer waits, then is refused, saying who. */
    @Test
    void aWriterInAnotherProcessMakesTheSecondWaitThenBeRefusedSayingWho() throws Exception {
        Path lock = ClusterFileLock.lockFileFor(file.toRealPath());
        Path release = dir.resolve("release");
        String script = "import fcntl, os, sys, time\n"
                + "f = open(sys.argv[1], 'a+')\n"
                + "fcntl.lockf(f, fcntl.LOCK_EX)\n"
                + "f.truncate(0); f.write('orrery pid 4242 (provision app-4)\\n'); f.flush()\n"
                + "while not os.path.exists(sys.argv[2]): time.sleep(0.02)\n";
        holder = new ProcessBuilder("python3", "-c", script, lock.toString(), release.toString()).redirectErrorStream(true).start();
        await().atMost(Duration.ofMinutes(3)).until(() -> Files.exists(lock) && Files.readString(lock).contains("4242"));

        assertThatThrownBy(() -> ClusterFile.update(file, c -> c.withServer(app("app-9", "10.0.1.9")), Duration.ofMillis(300)))
                .isInstanceOf(ClusterFileBusyException.class)
                .hasMessageContaining("is being changed by orrery pid 4242 (provision app-4)")
                .hasMessageContaining("changed nothing");
        assertThat(ClusterStore.load(file).server("app-9")).isEmpty();

        // A writer that may wait long enough goes through once the other lets go.
        Future<Cluster> waiting = Executors.newSingleThreadExecutor().submit(
                () -> ClusterFile.update(file, c -> c.withServer(app("app-9", "10.0.1.9")), Duration.ofSeconds(60)));
        Files.createFile(release);
        assertThat(waiting.get().server("app-9")).isPresent();
        assertThat(ClusterStore.load(file).server("app-9")).isPresent();
    }
}
