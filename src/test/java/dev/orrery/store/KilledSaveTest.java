package dev.orrery.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A process killed (SIGKILL) at random moments while saving always leaves a loadable file. */
class KilledSaveTest {

    @TempDir
    Path dir;

    @Test
    void killingTheWriterMidSaveLeavesALoadableFile() throws Exception {
        Path file = dir.resolve("crater.json");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int round = 0; round < 5; round++) {
            Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                    SaveLoop.class.getName(), file.toString())).redirectErrorStream(true).start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()));
                assertThat(out.readLine()).isEqualTo("saved");
                Thread.sleep(ThreadLocalRandom.current().nextInt(20, 300));
            } finally {
                p.destroyForcibly();
                assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();
            }
            assertThat(ClusterStore.load(file).servers().size()).isGreaterThan(200);
        }
    }
}
