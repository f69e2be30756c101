package dev.orrery.adopt;

import dev.orrery.cloud.DigitalOceanClient;
import dev.orrery.cloud.DropletTemplate;
import dev.orrery.cloud.FakeApiFixture;
import dev.orrery.cloud.fake.FakeDroplet;
import dev.orrery.cloud.fake.FakeImage;
import dev.orrery.cloud.fake.FakeVpc;
import dev.orrery.model.Cluster;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Droplets made by hand, found at the project's fake DigitalOcean API (held to the OpenAPI spec). */
class DropletImportTest {
    FakeApiFixture api;
    DigitalOceanClient client;
    FakeVpc vpc;
    FakeImage snapshot;
    FakeImage ubuntu;

    @BeforeEach
    void start() throws Exception {
        api = new FakeApiFixture();
        // two droplets a page, so every listing below crosses pages
        client = api.client(api.config().withPolling(Duration.ofMillis(100), 2));
        vpc = api.fake.vpc("default-nyc3", "nyc3", "10.0.1.0/24");
        snapshot = api.fake.image("crater-app-2016-03-28", 0);
        ubuntu = api.fake.distributionImage("ubuntu-14-04-x64", "Ubuntu");
        api.fake.addresses(n -> new String[]{"198.51.100." + (n % 200 + 20), "10.0.1." + (n % 200 + 20)});
    }

    @AfterEach
    void stop() {
        api.close();
    }

    FakeDroplet droplet(String name, List<String> tags, long image) {
        return api.fake.droplet(name, tags, "nyc3", "s-2vcpu-2gb", image, vpc.id(), true);
    }

    DropletImport.Result importTag(String tag, Cluster base, String balancer) throws Exception {
        return DropletImport.read(client.listDroplets(tag), client.listVpcs(), base,
                new DropletImport.Options(tag, null, balancer, null, List.of(), null));
    }

    @Test
    void theSeedsDropletsByTagWithTheBalancerReadFromItsTag() throws Exception {
        FakeDroplet lb = droplet("crater-lb", List.of("crater", "lb"), ubuntu.id());
        FakeDroplet a1 = droplet("crater-app-1", List.of("crater"), snapshot.id());
        FakeDroplet a2 = droplet("crater-app-2", List.of("crater"), snapshot.id());
        droplet("crater-app-3", List.of("crater"), snapshot.id());
        FakeDroplet db = droplet("crater-db", List.of("crater", "mongo"), ubuntu.id());
        droplet("blog", List.of("blog"), ubuntu.id());

        DropletImport.Result r = importTag("crater", null, null);
        Cluster c = r.result().cluster();
        assertThat(c.name()).isEqualTo("crater");
        assertThat(c.balancerServer().orElseThrow().dropletId()).isEqualTo(Long.toString(lb.id()));
        assertThat(c.appServers()).extracting(Server::name).containsExactly("crater-app-1", "crater-app-2", "crater-app-3");
        assertThat(c.byRole(Role.DATABASE)).extracting(Server::name).containsExactly("crater-db");
        Server app1 = c.server("crater-app-1").orElseThrow();
        assertThat(app1.publicAddress()).isEqualTo(a1.publicIp());
        assertThat(app1.privateAddress()).isEqualTo(a1.privateIp()).startsWith("10.0.1.");
        assertThat(app1.region()).isEqualTo("nyc3");
        assertThat(app1.size()).isEqualTo("s-2vcpu-2gb");
        assertThat(app1.provider()).isEqualTo("digitalocean");
        assertThat(c.servers()).noneMatch(s -> s.name().equals("blog"));
        // the snapshot the app servers came from becomes the template for the next one
        assertThat(r.template()).isEqualTo(new DropletTemplate("nyc3", "s-2vcpu-2gb", Long.toString(snapshot.id()), List.of(), vpc.id(), null));
        assertThat(r.result().notes()).anyMatch(n -> n.contains("every droplet is in VPC default-nyc3 (10.0.1.0/24)"));
        assertThat(r.result().items()).hasSize(5).allMatch(i -> i.outcome() == ImportItem.Outcome.MAPPED);
        assertThat(r.result().items()).anyMatch(i -> i.what().equals("crater-lb") && i.detail().contains("from base image ubuntu-14-04-x64"));
        // every page was read: the fake was asked for page 3 of the tag's droplets
        assertThat(api.fake.requests()).filteredOn(x -> x.equals("GET /v2/droplets")).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void byNamePrefixIntoTheClusterAMupFileMade() throws Exception {
        FakeDroplet a1 = droplet("crater-app-1", List.of(), snapshot.id());
        FakeDroplet lb = droplet("crater-lb", List.of(), ubuntu.id());
        Cluster fromMup = new Cluster("crater", new dev.orrery.model.AppSpec("crater", 80, java.util.Map.of("ROOT_URL", "https://crater.io"), List.of()),
                dev.orrery.model.Balancer.defaults(), List.of(Server.of("app-1", Role.APP, a1.publicIp()).withSsh("deploy", 22, "~/.ssh/crater"),
                Server.of("app-9", Role.APP, "198.51.100.99")));
        DropletImport.Result r = DropletImport.read(client.listDroplets(null), client.listVpcs(), fromMup,
                new DropletImport.Options(null, "crater-", "crater-lb", null, List.of(), null));
        Cluster c = r.result().cluster();
        Server app1 = c.server("app-1").orElseThrow();
        assertThat(app1.privateAddress()).isEqualTo(a1.privateIp());
        assertThat(app1.dropletId()).isEqualTo(Long.toString(a1.id()));
        assertThat(app1.sshUser()).isEqualTo("deploy");
        assertThat(c.app().environment()).containsEntry("ROOT_URL", "https://crater.io");
        assertThat(c.balancerServer().orElseThrow().publicAddress()).isEqualTo(lb.publicIp());
        assertThat(r.result().notes()).anyMatch(n -> n.startsWith("app-9 (198.51.100.99) is in the cluster file but not among the droplets found"));
    }

    @Test
    void aDropletInAnotherVpcOrWithoutPrivateNetworkIsReachedOnItsPublicAddress() throws Exception {
        FakeVpc other = api.fake.vpc("staging-nyc3", "nyc3", "10.0.2.0/24");
        droplet("crater-lb", List.of("crater", "balancer"), ubuntu.id());
        FakeDroplet far = api.fake.droplet("crater-app-1", List.of("crater"), "nyc3", "s-1vcpu-1gb", snapshot.id(), other.id(), true);
        FakeDroplet old = api.fake.droplet("crater-app-2", List.of("crater"), "nyc3", "s-1vcpu-1gb", snapshot.id(), null, false);
        Cluster c = importTag("crater", null, null).result().cluster();
        assertThat(c.server("crater-app-1").orElseThrow().privateAddress()).isNull();
        assertThat(c.server("crater-app-1").orElseThrow().internalAddress()).isEqualTo(far.publicIp());
        assertThat(c.server("crater-app-2").orElseThrow().internalAddress()).isEqualTo(old.publicIp());
    }

    @Test
    void nothingFoundOrTwoBalancersIsAClearError() throws Exception {
        assertThatThrownBy(() -> importTag("nothing", null, null)).hasMessageContaining("no droplet is tagged nothing");
        droplet("a-lb", List.of("x", "lb"), ubuntu.id());
        droplet("b-lb", List.of("x", "balancer"), ubuntu.id());
        assertThatThrownBy(() -> importTag("x", null, null)).hasMessageContaining("more than one droplet carries a balancer tag")
                .hasMessageContaining("--balancer NAME");
        assertThat(importTag("x", null, "b-lb").result().cluster().balancerServer().orElseThrow().name()).isEqualTo("b-lb");
        assertThatThrownBy(() -> importTag("x", null, "c-lb")).hasMessageContaining("no droplet named c-lb");
    }
}
