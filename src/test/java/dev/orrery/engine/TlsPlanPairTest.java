package dev.orrery.engine;

import dev.orrery.model.Acme;
import dev.orrery.model.AppSpec;
import dev.orrery.model.Balancer;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.Failover;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.model.Tls;
import dev.orrery.proxy.BalancerFeatures;
import dev.orrery.proxy.BalancerLayout;
import dev.orrery.proxy.ProxyConfig;
import dev.orrery.proxy.ProxyRenderer;
import dev.orrery.remote.Command;
import dev.orrery.remote.ExecResult;
import dev.orrery.remote.Host;
import dev.orrery.remote.LineListener;
import dev.orrery.remote.UploadListener;
import dev.orrery.store.OrreryHome;
import dev.orrery.tls.CertificatePlan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code orrery tls plan} (and the window's Certificates dialog) on a failover pair asks both
 * balancers which configuration they run, as the job then acts on both: a standby still on an
 * older configuration needs the push too, and the plan says so by name.
 */
class TlsPlanPairTest {
    @TempDir
    Path dir;
    private Engine engine;
    private Orrery orrery;

    @BeforeEach
    void start() {
        engine = new Engine();
        orrery = new Orrery(engine, new OrreryHome(dir), Orrery.Prompts.none(), Map.of("ORRERY_SECRETS", "file"));
    }

    @AfterEach
    void stop() {
        orrery.close();
        engine.close();
    }

    private static Cluster pair() {
        Acme acme = new Acme("letsencrypt-staging", "ops@crater.io", List.of(), Acme.Challenge.HTTP_01, null, Acme.RenewOn.ORRERY);
        return new Cluster("crater", new AppSpec("crater", 3000, Map.of(), List.of()),
                Balancer.defaults().withTls(Tls.acme("crater", "crater.io", acme)).withFailover(new Failover("198.51.100.10", 51, "eth1")),
                List.of(Server.of("lb-1", Role.BALANCER, "198.51.100.2").withAddresses("198.51.100.2", "10.0.1.2")
                                .withProvider("digitalocean", "3164444", "nyc3", "s-1vcpu-1gb"),
                        Server.of("lb-2", Role.BALANCER, "198.51.100.3").withAddresses("198.51.100.3", "10.0.1.3")
                                .withProvider("digitalocean", "3164445", "nyc3", "s-1vcpu-1gb"),
                        Server.of("app-1", Role.APP, "10.0.1.11")));
    }

    /** A balancer whose status page answers {@code answer}: what Orrery's configuration there says of itself. */
    private static Host answering(String name, String answer) {
        return new Host() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public ExecResult exec(Command command, LineListener output) {
                String out = command.line().contains(ProxyConfig.STATUS_PATH) ? answer : "nginx version: nginx/1.22.1";
                output.line(out);
                return new ExecResult(0, List.of(out));
            }

            @Override
            public void upload(Path local, String remotePath, UploadListener progress) {
                throw new UnsupportedOperationException("a plan changes nothing");
            }

            @Override
            public void write(byte[] content, String remotePath) {
                throw new UnsupportedOperationException("a plan changes nothing");
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void aStandbyOnAnOlderConfigurationNeedsThePushAndIsNamed() throws Exception {
        Cluster c = pair();
        String current = ProxyRenderer.render(c, BalancerLayout.droplet(BalancerKind.NGINX), BalancerFeatures.fromNginxV("nginx version: nginx/1.22.1"))
                .statusBody();

        CertificatePlan plan = orrery.tls().plan(c, s -> answering(s.name(), s.name().equals("lb-1") ? current : "orrery 0123456789ab"));

        assertThat(plan.pushNeeded()).isTrue();
        assertThat(plan.live()).startsWith("lb-2: it runs configuration 0123456789ab").doesNotContain("lb-1");
        assertThat(plan.pushEffect()).contains("(on lb-2, one at a time)");
        assertThat(plan.challenge()).contains("both balancers");
    }

    @Test
    void bothOnTheClustersConfigurationNeedNoPush() throws Exception {
        Cluster c = pair();
        String current = ProxyRenderer.render(c, BalancerLayout.droplet(BalancerKind.NGINX), BalancerFeatures.fromNginxV("nginx version: nginx/1.22.1"))
                .statusBody();

        CertificatePlan plan = orrery.tls().plan(c, s -> answering(s.name(), current));

        assertThat(plan.pushNeeded()).isFalse();
        assertThat(plan.describe()).doesNotContain("pushed").contains("Install: ").contains("on each of lb-1 and lb-2");
    }
}
