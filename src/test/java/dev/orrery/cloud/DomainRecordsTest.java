package dev.orrery.cloud;

import dev.orrery.cloud.fake.FakeDomains;
import dev.orrery.cloud.fake.Fault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Domains API client against the fake: TXT records made, found by full name, removed; errors named. */
class DomainRecordsTest {
    private final FakeApiFixture f = new FakeApiFixture();
    private final List<String> seen = new CopyOnWriteArrayList<>();

    DomainRecordsTest() throws IOException {
        f.fake.domains().add("crater.test");
        f.fake.domains().add("other.test");
        f.fake.domains().listen(new FakeDomains.TxtListener() {
            @Override
            public void added(String fqdn, String value) {
                seen.add("+" + fqdn + "=" + value);
            }

            @Override
            public void removed(String fqdn, String value) {
                seen.add("-" + fqdn + "=" + value);
            }
        });
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void aTxtRecordIsMadeFoundAndRemoved() {
        DomainRecords dns = f.client().domainRecords();
        assertThat(dns.domains()).containsExactly("crater.test", "other.test");
        DomainRecord r = dns.createTxt("crater.test", "_acme-challenge.www", "digest-1", 30);
        assertThat(r.type()).isEqualTo("TXT");
        assertThat(r.ttl()).isEqualTo(30);
        assertThat(dns.records("crater.test", "TXT", "_acme-challenge.www.crater.test")).extracting(DomainRecord::data)
                .containsExactly("digest-1");
        assertThat(dns.records("crater.test", "TXT", "_acme-challenge.crater.test")).isEmpty();
        assertThat(dns.delete("crater.test", r.id())).isTrue();
        assertThat(dns.delete("crater.test", r.id())).as("already gone").isFalse();
        assertThat(seen).containsExactly("+_acme-challenge.www.crater.test=digest-1", "-_acme-challenge.www.crater.test=digest-1");
        assertThat(f.fake.domains().txt()).isEmpty();
    }

    @Test
    void aCreateThatFailsIsNotRepeatedAndSaysWhat() {
        f.fake.fault("POST /v2/domains/crater.test/records", Fault.serverError());
        assertThatThrownBy(() -> f.client().domainRecords().createTxt("crater.test", "_acme-challenge", "d", 30))
                .isInstanceOf(CloudException.class).hasMessageContaining("500");
        assertThat(f.fake.count("POST /v2/domains/crater.test/records")).isEqualTo(1);
        assertThat(f.fake.domains().txt()).isEmpty();
    }

    @Test
    void anUnknownDomainIsNotFound() {
        assertThatThrownBy(() -> f.client().domainRecords().createTxt("nope.test", "_acme-challenge", "d", 30))
                .isInstanceOfSatisfying(CloudException.class, e -> assertThat(e.notFound()).isTrue());
    }
}
