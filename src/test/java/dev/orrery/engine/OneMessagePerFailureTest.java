package dev.orrery.engine;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.orrery.task.Progress;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Item 6 of issue 13: a failed job is said once, by the face that ran it, in words. The engine
 * used to log a second WARN line naming the exception class ("java.lang.IllegalStateException: …").
 */
class OneMessagePerFailureTest {

    @Test
    void aFailedJobLogsNoWarningOfItsOwn() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.start();
        root.addAppender(seen);
        try (Engine engine = new Engine()) {
            JobHandle<Void> h = engine.submit(new Job<>() {
                @Override
                public String title() {
                    return "Provision app-4 in crater";
                }

                @Override
                public Void run(Progress progress) {
                    throw new IllegalStateException("provisioning app-4 failed at \"Wait for SSH\": no answer on port 22");
                }
            });
            assertThatThrownBy(() -> h.result().get()).isInstanceOf(ExecutionException.class)
                    .hasRootCauseMessage("provisioning app-4 failed at \"Wait for SSH\": no answer on port 22");
        } finally {
            root.detachAppender(seen);
        }
        assertThat(seen.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .extracting(ILoggingEvent::getFormattedMessage).isEmpty();
    }
}
