package dev.orrery.tls;

import dev.orrery.cloud.FakeApiFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which DigitalOcean domain holds a dns-01 record: the cluster's, else the longest of the account's that the name ends with. */
class Dns01ZoneTest {
    private final FakeApiFixture f = new FakeApiFixture();

    Dns01ZoneTest() throws IOException {
        f.fake.domains().add("crater.io");
        f.fake.domains().add("eu.crater.io");
        f.fake.domains().add("other.org");
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private Dns01Responder responder(String zone) {
        return new Dns01Responder(f.client().domainRecords(), zone, DnsLookup.jndi(List.of("127.0.0.1:9")), Duration.ofSeconds(1));
    }

    @Test
    void theLongestDomainOfTheAccountThatHoldsTheName() throws Exception {
        Dns01Responder r = responder(null);
        assertThat(r.zoneFor("crater.io")).isEqualTo("crater.io");
        assertThat(r.zoneFor("www.crater.io")).isEqualTo("crater.io");
        assertThat(r.zoneFor("api.eu.crater.io")).isEqualTo("eu.crater.io");
        assertThat(f.fake.count("GET /v2/domains")).as("listed once").isEqualTo(1);
    }

    @Test
    void aNameNoDomainHoldsIsRefusedNamingTheDomains() {
        assertThatThrownBy(() -> responder(null).zoneFor("crater.test"))
                .isInstanceOfSatisfying(TlsException.class, e -> assertThat(e.step()).isEqualTo(TlsStep.DNS01_PUBLISH))
                .hasMessageContaining("no domain of the DigitalOcean account holds crater.test")
                .hasMessageContaining("crater.io, eu.crater.io, other.org");
        assertThatThrownBy(() -> responder(null).zoneFor("notcrater.io")).isInstanceOf(TlsException.class);
    }

    @Test
    void theClustersZoneWinsAndMustHoldTheName() throws Exception {
        assertThat(responder("crater.io").zoneFor("api.eu.crater.io")).isEqualTo("crater.io");
        assertThat(f.fake.count("GET /v2/domains")).isZero();
        assertThatThrownBy(() -> responder("other.org").zoneFor("www.crater.io")).hasMessageContaining("not in the DNS zone other.org");
    }
}
