package dev.orrery.cli;

import dev.orrery.cloud.FakeApiFixture;
import dev.orrery.cloud.fake.FakeDroplet;
import dev.orrery.model.AppSpec;
import dev.orrery.model.Balancer;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.model.Stickiness;
import dev.orrery.store.ClusterStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code orrery balancer migrate-to-managed}: the plan without --apply (nothing called), then the load balancer made with it. */
class MigrateToManagedCliTest {
    @TempDir
    Path dir;

    private final FakeApiFixture api = new FakeApiFixture();

    MigrateToManagedCliTest() throws Exception {
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private CliOnFakeApi.Run run(String... args) throws Exception {
        return new CliOnFakeApi(api, dir.resolve("home")).run(args);
    }

    private Path nginxCluster() throws Exception {
        List<Server> servers = new ArrayList<>();
        servers.add(new Server("lb-1", Role.BALANCER, "198.51.100.10", "10.0.1.10", "root", 22, null, "digitalocean", "3164400", "nyc3",
                "s-1vcpu-1gb", null, null));
        for (int i = 1; i <= 2; i++) {
            FakeDroplet d = api.fake.droplet("crater-app-" + i, List.of());
            servers.add(new Server("app-" + i, Role.APP, "198.51.100." + (20 + i), "10.0.1." + (20 + i), "root", 22, null, "digitalocean",
                    String.valueOf(d.id()), "nyc3", "s-1vcpu-1gb", null, null));
        }
        Balancer b = new Balancer(BalancerKind.NGINX, Stickiness.IP_HASH, null, null, 80, 443, List.of());
        Path file = dir.resolve("crater.json");
        ClusterStore.save(file, new Cluster("crater", new AppSpec("crater", 3000, null, null), b, servers));
        return file;
    }

    @Test
    void showsTheStepsAndWhatChangesThenAppliesThem() throws Exception {
        Path file = nginxCluster();
        byte[] before = Files.readAllBytes(file);
        CliOnFakeApi.Run plan = run("balancer", "migrate-to-managed", file.toString());
        assertThat(plan.exit()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("Sticky sessions move from the client's IP address").contains("to a cookie (DO-LB")
                .contains("Orrery does not change DNS").contains("delete that droplet (3164400)").contains("Nothing was changed");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(api.fake.requests()).isEmpty();

        CliOnFakeApi.Run applied = run("balancer", "migrate-to-managed", "--apply", file.toString());
        assertThat(applied.exit()).as(applied.err()).isZero();
        assertThat(api.fake.loadBalancers().count()).isEqualTo(1);
        String id = api.fake.loadBalancers().idByName("orrery-crater").orElseThrow();
        assertThat(api.fake.loadBalancers().dropletIds(id)).hasSize(2);
        Cluster now = ClusterStore.load(file);
        assertThat(now.balancer().kind()).isEqualTo(BalancerKind.DO_LOAD_BALANCER);
        assertThat(now.balancer().stickiness()).isEqualTo(Stickiness.COOKIE);
        assertThat(now.balancer().managed().region()).isEqualTo("nyc3");
        assertThat(now.balancerServer()).isEmpty();
        assertThat(Files.readAllBytes(dir.resolve("crater.json.before-managed"))).isEqualTo(before);
        assertThat(applied.out()).contains("Your step: point DNS at");

        CliOnFakeApi.Run status = run("balancer", "managed-status", file.toString());
        assertThat(status.exit()).isZero();
        assertThat(status.out()).contains("orrery-crater").contains("2 droplet(s)");
    }

    @Test
    void httpsWithoutACertificateIsRefusedBeforeAnythingIsMade() throws Exception {
        Path file = nginxCluster();
        Cluster c = ClusterStore.load(file);
        ClusterStore.save(file, c.withBalancer(c.balancer().withTls(new dev.orrery.model.Tls("crater.example.com", "/etc/ssl/a.pem", "/etc/ssl/a.key"))));
        CliOnFakeApi.Run r = run("balancer", "migrate-to-managed", "--apply", file.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("--certificate-id");
        assertThat(api.fake.loadBalancers().count()).isZero();
        assertThat(ClusterStore.load(file).balancer().kind()).isEqualTo(BalancerKind.NGINX);
    }
}
