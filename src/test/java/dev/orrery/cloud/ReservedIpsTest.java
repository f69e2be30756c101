package dev.orrery.cloud;

import dev.orrery.cloud.fake.Fault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Reserved IPs client against the fake: create for a droplet, read its holder, assign it elsewhere, retry a 5xx. */
class ReservedIpsTest {
    private final FakeApiFixture f = new FakeApiFixture();

    ReservedIpsTest() throws IOException {
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void createReadAndAssign() {
        long lb1 = f.fake.droplet("lb-1", List.of()).id();
        long lb2 = f.fake.droplet("lb-2", List.of()).id();
        ReservedIps ips = f.client().reservedIps();
        ReservedIp made = ips.createFor(lb1);
        assertThat(made.assignedTo(lb1)).isTrue();
        assertThat(made.region()).isEqualTo("nyc3");
        assertThat(ips.list()).containsExactly(made);

        f.fake.fault("POST /v2/reserved_ips/" + made.ip() + "/actions", Fault.serverError());
        Action a = ips.assign(made.ip(), lb2); // an assign is repeatable: the 500 is retried
        assertThat(a.type()).isEqualTo("assign_ip");
        assertThat(a.resourceType()).isEqualTo("reserved_ip");
        assertThat(ips.get(made.ip()).orElseThrow().assignedTo(lb2)).isTrue();
        assertThat(f.fake.reservedIps().holder(made.ip())).isEqualTo(lb2);
        assertThat(f.fake.count("POST /v2/reserved_ips/" + made.ip() + "/actions")).isEqualTo(2);
    }

    @Test
    void unknownAddressesAndHostileOnesAreSaidPlainly() {
        ReservedIps ips = f.client().reservedIps();
        assertThat(ips.get("203.0.113.99")).isEmpty();
        assertThatThrownBy(() -> ips.assign("203.0.113.99/../../droplets", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(f.fake.requests()).containsExactly("GET /v2/reserved_ips/203.0.113.99");
    }
}
