package dev.orrery.deploy;

import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.task.Progress;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The next server leaves only once nginx's fail_timeout for the previous one has passed. */
class PassiveDrainTest {
    long now;
    final List<Long> slept = new ArrayList<>();
    final PassiveDrain drain = new PassiveDrain(Duration.ofSeconds(11), new PassiveDrain.Sleeper() {
        @Override
        public void sleep(Duration d) {
            slept.add(d.toMillis());
            now += d.toNanos();
        }

        @Override
        public long nanoTime() {
            return now;
        }
    });

    @Test
    void waitsOutTheRestOfTheWindowBeforeTheNextServerOnly() throws Exception {
        Server a = Server.of("app-1", Role.APP, "10.0.1.1");
        Server b = Server.of("app-2", Role.APP, "10.0.1.2");
        drain.drain(a, Progress.NONE);
        assertThat(slept).isEmpty();
        drain.undrain(a, Progress.NONE);
        now += Duration.ofSeconds(3).toNanos();
        drain.drain(b, Progress.NONE);
        assertThat(slept).containsExactly(8000L);
        drain.undrain(b, Progress.NONE);
        now += Duration.ofSeconds(20).toNanos();
        drain.drain(a, Progress.NONE);
        assertThat(slept).containsExactly(8000L);
    }
}
