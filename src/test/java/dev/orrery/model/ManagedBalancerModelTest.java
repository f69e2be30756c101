package dev.orrery.model;

import dev.orrery.store.ClusterStore;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The balancer kind do-load-balancer in the cluster file: read, written, validated; older files read as before. */
class ManagedBalancerModelTest {

    private static Cluster managed(Stickiness s, ManagedBalancer m) {
        Server app = new Server("app-1", Role.APP, "10.0.1.5", "10.0.1.5", "root", 22, null, "digitalocean", "3164444", "nyc3", null, null, null);
        Balancer b = new Balancer(BalancerKind.DO_LOAD_BALANCER, s, null, null, 80, 443, List.of()).withManaged(m);
        return new Cluster("crater", new AppSpec("crater", 3000, null, null), b, List.of(app));
    }

    @Test
    void theExampleFileReadsAndWritesAsBeforeWithNoManagedSettings() throws Exception {
        Path example = Path.of("assets/examples/crater.json");
        Cluster c = ClusterStore.parse(example, Files.readAllBytes(example));
        assertThat(c.balancer().managed()).isNull();
        assertThat(c.balancer().managedKind()).isFalse();
        String written = new String(ClusterStore.toBytes(c), StandardCharsets.UTF_8);
        assertThat(written).doesNotContain("managed");
        assertThat(ClusterStore.parse(example, written.getBytes(StandardCharsets.UTF_8))).isEqualTo(c);
    }

    @Test
    void aManagedBalancerRoundTripsAndValidates() throws Exception {
        Cluster c = managed(Stickiness.COOKIE, ManagedBalancer.in("nyc3").withCertificateId("892071a0-bb95-49bc-8021-3afd67a210bf"));
        String json = new String(ClusterStore.toBytes(c), StandardCharsets.UTF_8);
        assertThat(json).contains("\"kind\" : \"do-load-balancer\"").contains("\"region\" : \"nyc3\"").contains("\"cookieName\" : \"DO-LB\"");
        Cluster back = ClusterStore.parse(Path.of("crater.json"), json.getBytes(StandardCharsets.UTF_8));
        assertThat(back).isEqualTo(c);
        assertThat(ClusterValidator.validate(back)).isEmpty();
        assertThat(back.forwardedCount()).isEqualTo(1); // the DigitalOcean balancer is the one proxy in front of the app
    }

    @Test
    void whatDigitalOceanCannotDoIsRefusedWhereTheUserChoosesIt() {
        assertThat(ClusterValidator.validate(managed(Stickiness.IP_HASH, ManagedBalancer.in("nyc3"))))
                .anySatisfy(p -> assertThat(p.toString()).contains("balancer.stickiness").contains("only cookie stickiness"));
        assertThat(ClusterValidator.validate(managed(Stickiness.COOKIE, null)))
                .anySatisfy(p -> assertThat(p.toString()).contains("balancer.managed").contains("region"));
        assertThat(ClusterValidator.validate(managed(Stickiness.COOKIE, ManagedBalancer.in("nyc3; rm -rf /"))))
                .anySatisfy(p -> assertThat(p.toString()).contains("balancer.managed.region"));
        ManagedBalancer hostileTag = new ManagedBalancer("nyc3", "a/../../droplets", null, "DO-LB", 300, false);
        assertThat(ClusterValidator.validate(managed(Stickiness.COOKIE, hostileTag)))
                .anySatisfy(p -> assertThat(p.toString()).contains("balancer.managed.tag"));
        ManagedBalancer badCert = ManagedBalancer.in("nyc3").withCertificateId("../certs");
        assertThat(ClusterValidator.validate(managed(Stickiness.COOKIE, badCert)))
                .anySatisfy(p -> assertThat(p.toString()).contains("balancer.managed.certificateId"));
        Cluster withDroplet = managed(Stickiness.COOKIE, ManagedBalancer.in("nyc3")).withServer(Server.of("lb-1", Role.BALANCER, "10.0.1.2"));
        assertThat(ClusterValidator.validate(withDroplet)).anySatisfy(p -> assertThat(p.toString()).contains("needs none"));
        Cluster tls = managed(Stickiness.COOKIE, ManagedBalancer.in("nyc3"));
        tls = tls.withBalancer(tls.balancer().withTls(new Tls("crater.example.com", "/etc/a.pem", "/etc/a.key")));
        assertThat(ClusterValidator.validate(tls)).anySatisfy(p -> assertThat(p.toString()).contains("certificateId instead"));
        Cluster nginxWithManaged = managed(Stickiness.COOKIE, ManagedBalancer.in("nyc3"));
        nginxWithManaged = nginxWithManaged.withBalancer(nginxWithManaged.balancer().withKind(BalancerKind.NGINX));
        assertThat(ClusterValidator.validate(nginxWithManaged)).anySatisfy(p -> assertThat(p.toString()).contains("only for the kind"));
    }
}
