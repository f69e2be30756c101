package dev.orrery.proxy.managed;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orrery.cloud.DigitalOceanClient;
import dev.orrery.cloud.FakeApiFixture;
import dev.orrery.cloud.LoadBalancer;
import dev.orrery.cloud.fake.FakeDroplet;
import dev.orrery.model.AppSpec;
import dev.orrery.model.Balancer;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.HealthCheck;
import dev.orrery.model.InvalidClusterException;
import dev.orrery.model.ManagedBalancer;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.model.Stickiness;
import dev.orrery.task.Progress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The managed balancer's push against the fake API: create with rules, check, cookie and tag; update in place; delete. */
public class ManagedBalancerPushTest {
    static final String CERT = "892071a0-bb95-49bc-8021-3afd67a210bf";
    private final FakeApiFixture f = new FakeApiFixture();

    ManagedBalancerPushTest() throws IOException {
    }

    @AfterEach
    void stop() {
        f.close();
    }

    /** A cluster of droplets behind a DigitalOcean Load Balancer: app-1…n carry their fake droplets' ids. */
    public static Cluster cluster(List<FakeDroplet> droplets, ManagedBalancer m) {
        List<Server> servers = new ArrayList<>();
        int i = 1;
        for (FakeDroplet d : droplets) {
            Server s = Server.of("app-" + i++, Role.APP, "10.0.1." + i);
            servers.add(new Server(s.name(), Role.APP, s.publicAddress(), s.privateAddress(), "root", 22, null, "digitalocean",
                    String.valueOf(d.id()), "nyc3", "s-1vcpu-1gb", null, null));
        }
        Balancer b = new Balancer(BalancerKind.DO_LOAD_BALANCER, Stickiness.COOKIE, new HealthCheck("/healthz", 750, 2, 2, 1000),
                null, 80, 443, List.of()).withManaged(m);
        return new Cluster("crater", new AppSpec("crater", 3000, null, null), b, servers);
    }

    private ManagedBalancerPush push() {
        DigitalOceanClient c = f.client();
        return new ManagedBalancerPush(c.loadBalancers(), c.tags());
    }

    @Test
    void createsTheBalancerWithRulesCheckCookieAndTagThenUpdatesItInPlace() {
        FakeDroplet d1 = f.fake.droplet("crater-app-1", List.of());
        FakeDroplet d2 = f.fake.droplet("crater-app-2", List.of());
        f.fake.droplet("unrelated", List.of());
        f.fake.loadBalancers().readsUntilActive(0);
        Cluster c = cluster(List.of(d1, d2), ManagedBalancer.in("nyc3").withCertificateId(CERT));
        List<String> log = new ArrayList<>();
        LoadBalancer lb = push().push(c, logTo(log));

        assertThat(lb.name()).isEqualTo("orrery-crater");
        assertThat(lb.dropletIds()).containsExactlyInAnyOrder(d1.id(), d2.id());
        JsonNode sent = f.fake.loadBalancers().bodies().get(0);
        assertThat(sent.get("tag").asText()).isEqualTo("orrery-crater-app");
        assertThat(sent.at("/forwarding_rules/0/entry_port").asInt()).isEqualTo(80);
        assertThat(sent.at("/forwarding_rules/0/target_port").asInt()).isEqualTo(3000);
        assertThat(sent.at("/forwarding_rules/1/entry_protocol").asText()).isEqualTo("https");
        assertThat(sent.at("/forwarding_rules/1/certificate_id").asText()).isEqualTo(CERT);
        assertThat(sent.at("/health_check/path").asText()).isEqualTo("/healthz");
        assertThat(sent.at("/health_check/port").asInt()).isEqualTo(3000);
        assertThat(sent.at("/health_check/check_interval_seconds").asInt()).isEqualTo(3); // 750 ms, rounded up to DO's minimum
        assertThat(sent.at("/sticky_sessions/type").asText()).isEqualTo("cookies");
        assertThat(sent.at("/sticky_sessions/cookie_name").asText()).isEqualTo("DO-LB");
        assertThat(log).anyMatch(l -> l.contains("750 ms is 3 s"));

        Cluster plain = c.withBalancer(c.balancer().withStickiness(Stickiness.NONE).withManaged(ManagedBalancer.in("nyc3")));
        LoadBalancer updated = push().push(plain, Progress.NONE);
        assertThat(updated.id()).isEqualTo(lb.id());
        assertThat(f.fake.loadBalancers().count()).isEqualTo(1);
        assertThat(f.fake.count("PUT /v2/load_balancers/" + lb.id())).isEqualTo(1);
        assertThat(updated.settings().forwardingRules()).hasSize(1);
        assertThat(updated.settings().stickySessions().cookies()).isFalse();

        assertThat(f.client().loadBalancers().delete(lb.id())).isTrue();
        assertThat(f.client().loadBalancers().get(lb.id())).isEmpty();
        assertThat(f.client().loadBalancers().delete(lb.id())).isFalse();
    }

    @Test
    void drainedServersAreLeftUntaggedAndAnInvalidClusterSendsNothing() {
        FakeDroplet d1 = f.fake.droplet("crater-app-1", List.of());
        FakeDroplet d2 = f.fake.droplet("crater-app-2", List.of("orrery-crater-app"));
        Cluster c = cluster(List.of(d1, d2), ManagedBalancer.in("nyc3"));
        c = c.withBalancer(c.balancer().withDrained("app-2", true));
        LoadBalancer lb = push().push(c, Progress.NONE);
        assertThat(lb.dropletIds()).containsExactly(d1.id());

        Cluster ipHash = c.withBalancer(c.balancer().withStickiness(Stickiness.IP_HASH));
        int before = f.fake.requests().size();
        assertThatThrownBy(() -> push().push(ipHash, Progress.NONE)).isInstanceOf(InvalidClusterException.class)
                .hasMessageContaining("only cookie stickiness");
        assertThat(f.fake.requests()).hasSize(before);
    }

    static Progress logTo(List<String> log) {
        return new Progress() {
            @Override public void step(String name) { log.add("step " + name); }
            @Override public void fraction(double done) { }
            @Override public void log(String line) { log.add(line); }
            @Override public boolean cancelled() { return false; }
        };
    }
}
