package dev.orrery.security;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orrery.cloud.DigitalOceanClient;
import dev.orrery.cloud.FakeApiFixture;
import dev.orrery.cloud.fake.FakeDroplet;
import dev.orrery.model.AppSpec;
import dev.orrery.model.Balancer;
import dev.orrery.model.Cluster;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.remote.RemoteException;
import dev.orrery.task.Progress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Cloud Firewalls by tag against the fake API: made once and found by name after, updated
 * when the allow-list changes, a balancer made by hand tagged, and put back as they were when a
 * new login fails through them.
 */
class CloudFirewallApplyTest {
    private final FakeApiFixture f = new FakeApiFixture();
    private final DigitalOceanClient client = f.client();
    private final List<String> logins = new CopyOnWriteArrayList<>();
    private final FakeDroplet lb = f.fake.droplet("lb-1", List.of());
    private final FakeDroplet app1 = f.fake.droplet("app-1", dev.orrery.provision.ProvisionWorkflow.tags("crater"));
    private final FakeDroplet app2 = f.fake.droplet("app-2", dev.orrery.provision.ProvisionWorkflow.tags("crater"));

    CloudFirewallApplyTest() throws IOException {
    }

    @AfterEach
    void stop() {
        f.close();
    }

    Cluster cluster(List<String> sshFrom) {
        return new Cluster("crater", new AppSpec("crater", 3000, null, null), Balancer.defaults(), List.of(
                droplet("lb-1", Role.BALANCER, lb), droplet("app-1", Role.APP, app1), droplet("app-2", Role.APP, app2),
                Server.of("db-1", Role.DATABASE, "10.0.1.20")), null, new dev.orrery.model.Firewall(sshFrom));
    }

    static Server droplet(String name, Role role, FakeDroplet d) {
        return Server.of(name, role, d.publicIp()).withAddresses(d.publicIp(), d.privateIp()).withProvider("digitalocean", String.valueOf(d.id()), "nyc3", null);
    }

    CloudFirewallApply.Outcome apply(Cluster c, CloudFirewallApply.FreshLogin login) {
        return new CloudFirewallApply(Duration.ofMinutes(2)).apply(client.firewalls(), client.tags(),
                CloudFirewallPlan.forCluster(c, c.sshFrom()), login, Progress.NONE);
    }

    CloudFirewallApply.Outcome apply(Cluster c) {
        return apply(c, server -> logins.add(server));
    }

    @Test
    void createsOneFirewallPerRoleByTagThenFindsThemByNameAndChangesNothing() {
        CloudFirewallApply.Outcome first = apply(cluster(List.of("203.0.113.7")));
        assertThat(first.applied()).as(first.detail()).isTrue();
        assertThat(first.changes()).extracting(CloudFirewallApply.Change::what).containsExactly("created", "created");
        assertThat(f.fake.firewalls().names()).containsExactly("orrery-crater-app", "orrery-crater-balancer");
        assertThat(f.fake.firewalls().covering(app1.id())).containsExactly("orrery-crater-app");
        assertThat(f.fake.firewalls().covering(app2.id())).containsExactly("orrery-crater-app");
        assertThat(f.fake.firewalls().covering(lb.id())).as("the hand-made balancer was tagged").containsExactly("orrery-crater-balancer");
        JsonNode app = f.fake.firewalls().byName("orrery-crater-app");
        assertThat(app.at("/inbound_rules/0/sources/addresses").toString()).isEqualTo("[\"203.0.113.7\"]");
        assertThat(app.at("/inbound_rules/1/ports").asText()).isEqualTo("3000");
        assertThat(app.at("/inbound_rules/1/sources/tags").toString()).isEqualTo("[\"orrery:crater:balancer\"]");
        assertThat(app.at("/inbound_rules/2/ports").asText()).as("the release fan-out between app servers").isEqualTo("7947");
        assertThat(app.at("/inbound_rules/2/sources/tags").toString()).isEqualTo("[\"orrery:crater:app\"]");
        assertThat(app.at("/outbound_rules").findValuesAsText("protocol")).containsExactly("tcp", "udp", "icmp");
        JsonNode balancer = f.fake.firewalls().byName("orrery-crater-balancer");
        assertThat(balancer.at("/inbound_rules").findValuesAsText("ports")).contains("80", "443").doesNotContain("3000");
        assertThat(logins).containsExactlyInAnyOrder("app-1", "app-2", "lb-1");

        long posts = f.fake.count("POST /v2/firewalls");
        CloudFirewallApply.Outcome again = apply(cluster(List.of("203.0.113.7")));
        assertThat(again.changes()).extracting(CloudFirewallApply.Change::what).containsExactly("unchanged", "unchanged");
        assertThat(f.fake.count("POST /v2/firewalls")).isEqualTo(posts);
        assertThat(f.fake.requests()).noneMatch(r -> r.startsWith("PUT "));
    }

    @Test
    void aChangedAllowListUpdatesTheFirewallInPlace() {
        apply(cluster(List.of("203.0.113.7")));
        String id = f.fake.firewalls().byName("orrery-crater-app").get("id").asText();
        CloudFirewallApply.Outcome o = apply(cluster(List.of("203.0.113.7", "10.0.0.0/8")));
        assertThat(o.changes()).extracting(CloudFirewallApply.Change::what).containsExactly("updated", "updated");
        JsonNode app = f.fake.firewalls().byName("orrery-crater-app");
        assertThat(app.get("id").asText()).isEqualTo(id);
        assertThat(app.at("/inbound_rules/0/sources/addresses").toString()).isEqualTo("[\"10.0.0.0/8\",\"203.0.113.7\"]");
        assertThat(f.fake.firewalls().names()).hasSize(2);
    }

    @Test
    void whenANewLoginFailsTheFirewallsArePutBackAsTheyWere() {
        apply(cluster(List.of("203.0.113.7")));
        JsonNode before = f.fake.firewalls().byName("orrery-crater-app");
        CloudFirewallApply.Outcome o = apply(cluster(List.of("198.51.100.9")), server -> {
            throw new RemoteException(server, "connect timed out", null);
        });
        assertThat(o.applied()).isFalse();
        assertThat(o.detail()).contains("a new SSH login failed").contains("put back");
        assertThat(f.fake.firewalls().byName("orrery-crater-app").get("inbound_rules")).isEqualTo(before.get("inbound_rules"));

        // a first apply that locks Orrery out leaves no firewall behind
        FakeApiFixture other = null;
        try {
            other = new FakeApiFixture();
            FakeDroplet a = other.fake.droplet("app-1", List.of());
            FakeDroplet b = other.fake.droplet("lb-1", List.of());
            Cluster c = new Cluster("crater", new AppSpec("crater", 3000, null, null), Balancer.defaults(),
                    List.of(droplet("lb-1", Role.BALANCER, b), droplet("app-1", Role.APP, a)));
            DigitalOceanClient cl = other.client();
            CloudFirewallApply.Outcome first = new CloudFirewallApply(Duration.ofMinutes(2)).apply(cl.firewalls(), cl.tags(),
                    CloudFirewallPlan.forCluster(c, List.of("198.51.100.9")), server -> {
                        throw new RemoteException(server, "connect timed out", null);
                    }, Progress.NONE);
            assertThat(first.applied()).isFalse();
            assertThat(other.fake.firewalls().names()).isEmpty();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            if (other != null) {
                other.close();
            }
        }
    }

    @Test
    void planRefusesWhatWouldLeaveTheAppUnreachableOrABadRange() {
        assertThatThrownBy(() -> CloudFirewallPlan.forCluster(cluster(List.of()), List.of())).hasMessageContaining("at least the one Orrery connects from");
        assertThatThrownBy(() -> CloudFirewallPlan.forCluster(cluster(List.of()), List.of("0.0.0.0/0; rm")))
                .hasMessageContaining("SSH source");
        Cluster noBalancer = cluster(List.of("203.0.113.7"));
        noBalancer = noBalancer.withoutServer("lb-1");
        Cluster nb = noBalancer;
        assertThatThrownBy(() -> CloudFirewallPlan.forCluster(nb, nb.sshFrom())).hasMessageContaining("would leave them unreachable");
        Cluster manual = new Cluster("crater", new AppSpec("crater", 3000, null, null), Balancer.defaults(),
                List.of(Server.of("app-1", Role.APP, "10.0.1.3")));
        assertThat(CloudFirewallPlan.forCluster(manual, List.of("203.0.113.7")).isEmpty()).isTrue();
    }

    @Test
    void aBalancerThatIsNotADropletIsAllowedByItsAddresses() {
        Cluster c = cluster(List.of("203.0.113.7")).replaceServer("lb-1", Server.of("lb-1", Role.BALANCER, "198.18.5.5"));
        CloudFirewallPlan plan = CloudFirewallPlan.forCluster(c, c.sshFrom());
        assertThat(plan.firewalls()).hasSize(1);
        assertThat(plan.firewalls().get(0).firewall().inbound().get(1).target().addresses()).containsExactly("198.18.5.5");
        assertThat(plan.firewalls().get(0).firewall().inbound().get(1).target().tags()).isEmpty();
    }
}
