package dev.orrery.logs;

import dev.orrery.model.Fixtures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The server that answered an access line, by name, from the address nginx wrote. */
class UpstreamsTest {
    static LogLine access(String upstream) {
        return new LogLine(1, 0, true, "lb-1", LogSource.ACCESS, LogLevel.INFO, "198.51.100.9 - - [01/Mar/2024:12:00:05 +0000]"
                + " \"GET / HTTP/1.1\" 200 12 \"-\" \"load\" upstream=\"" + upstream + "\" rt=0.002 ms=1709294405.123", null);
    }

    @Test
    void theInternalAddressNginxProxiedToNamesTheServer() {
        Upstreams u = Upstreams.of(Fixtures.seedCluster());
        assertThat(u.answeredBy(access("10.0.1.73:3000"))).contains("app-1");
        // nginx tried app-1 (refused: it was stopping) and app-2 answered
        assertThat(u.answeredBy(access("10.0.1.73:3000, 10.0.1.151:3000"))).contains("app-2");
        // an address that is no app server's is shown as it is; none at all (the balancer answered itself) is empty
        assertThat(u.answeredBy(access("10.0.1.99:3000"))).contains("10.0.1.99");
        assertThat(u.answeredBy(access("-"))).isEmpty();
        assertThat(u.answeredBy(new LogLine(1, 0, true, "app-1", LogSource.APP, LogLevel.INFO, "upstream=\"10.0.1.73:3000\"", null))).isEmpty();
    }
}
