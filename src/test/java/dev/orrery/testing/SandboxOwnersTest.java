package dev.orrery.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A sandbox recorded by a JVM that has died is stopped by the next registration; a live JVM's is left alone. */
@EnabledOnOs(OS.LINUX)
class SandboxOwnersTest {

    @TempDir
    Path tmp;

    @Test
    void aDeadJvmsSandboxIsStoppedAndALiveOnesIsNot() throws Exception {
        Path orphanRoot = Files.createDirectories(tmp.resolve("orphan/sandbox"));
        Path liveRoot = Files.createDirectories(tmp.resolve("live/sandbox"));
        // a "sandbox process" of each: its command line names its sandbox folder, as the supervisor's does
        Process orphan = new ProcessBuilder("sh", "-c", "sleep 600; : " + orphanRoot).start();
        Process kept = new ProcessBuilder("sh", "-c", "sleep 600; : " + liveRoot).start();
        Process deadJvm = new ProcessBuilder("true").start();
        deadJvm.waitFor(1, TimeUnit.MINUTES);
        try {
            Files.writeString(orphanRoot.resolve("supervisor.pid"), orphan.pid() + "\n");
            Files.writeString(liveRoot.resolve("supervisor.pid"), kept.pid() + "\n");
            Files.createDirectories(SandboxOwners.DIR);
            Path deadRecord = SandboxOwners.DIR.resolve(Long.toString(deadJvm.pid()));
            Files.writeString(deadRecord, orphanRoot + "\n");

            SandboxOwners.register(liveRoot);

            await().atMost(Duration.ofMinutes(1)).until(() -> !orphan.isAlive());
            assertThat(deadRecord).doesNotExist();
            assertThat(kept.isAlive()).as("this JVM is alive: its sandbox is not swept").isTrue();
            assertThat(Files.readString(SandboxOwners.DIR.resolve(Long.toString(ProcessHandle.current().pid())))).contains(liveRoot.toString());
        } finally {
            orphan.destroyForcibly();
            kept.destroyForcibly();
        }
    }
}
