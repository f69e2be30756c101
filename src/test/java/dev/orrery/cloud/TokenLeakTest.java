package dev.orrery.cloud;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.orrery.cloud.fake.Fault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The token goes into the Authorization header and nowhere else: not a log line (at DEBUG),
 * not an exception message or stack trace, even when the API echoes it back in an error.
 */
class TokenLeakTest {
    private final FakeApiFixture f = new FakeApiFixture();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger cloudLogger = (Logger) LoggerFactory.getLogger("dev.orrery.cloud");
    private Level before;

    TokenLeakTest() throws IOException {
    }

    @BeforeEach
    void captureLogs() {
        before = cloudLogger.getLevel();
        cloudLogger.setLevel(Level.DEBUG);
        logs.start();
        cloudLogger.addAppender(logs);
    }

    @AfterEach
    void stop() {
        cloudLogger.detachAppender(logs);
        cloudLogger.setLevel(before);
        f.close();
    }

    @Test
    void anErrorThatEchoesTheTokenIsScrubbed() {
        f.fake.fault("GET /v2/regions", Fault.error(403, "forbidden", "token " + FakeApiFixture.TOKEN + " lacks region:read"));
        Throwable e = catchThrowable(() -> f.client().listRegions());
        assertThat(e).isInstanceOf(CloudException.class).hasMessageContaining("token [token] lacks region:read");
        assertNoToken(e);
    }

    @Test
    void noLogLineOrErrorOfAFailingSessionCarriesTheToken() {
        DigitalOceanClient client = f.client(f.config().withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(400)));
        f.fake.fault("GET /v2/sizes", Fault.serverError());
        f.fake.fault("GET /v2/sizes", Fault.rateLimited(1));
        client.listSizes();
        f.fake.fault("POST /v2/droplets", Fault.stallAfterWork(3_000));
        client.createDroplet(new DropletRequest("app-9", "nyc3", "s-1vcpu-1gb", new ImageRef.ById(f.fake.baseImage().id()),
                null, null, List.of("orrery"), null));
        f.fake.fault("POST /v2/droplets", Fault.serverError());
        assertNoToken(catchThrowable(() -> client.createDroplet(new DropletRequest("app-10", "nyc3", "s-1vcpu-1gb",
                new ImageRef.ById(f.fake.baseImage().id()), null, null, null, null))));
        assertNoToken(catchThrowable(() -> client.getDroplet(1)));

        assertThat(logs.list).isNotEmpty();
        for (ILoggingEvent event : logs.list) {
            assertThat(event.getFormattedMessage()).doesNotContain(FakeApiFixture.TOKEN);
        }
    }

    private static void assertNoToken(Throwable e) {
        assertThat(e).isNotNull();
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain(FakeApiFixture.TOKEN);
        assertThat(e.toString()).doesNotContain(FakeApiFixture.TOKEN);
    }
}
