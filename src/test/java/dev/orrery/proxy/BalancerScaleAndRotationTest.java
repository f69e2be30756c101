package dev.orrery.proxy;

import dev.orrery.model.AppSpec;
import dev.orrery.model.Balancer;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.HealthCheck;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.model.ServerState;
import dev.orrery.model.Stickiness;
import dev.orrery.testing.RequiresCommands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Items 4 and 5 of issue 13, checked by the real binaries: nginx's upstream zone is sized from the
 * number of servers (the fixed 64k broke at 65), and only servers that can take traffic are
 * balanced — a provisioning or failed one is left out, and named.
 */
@RequiresCommands({"nginx", "haproxy"})
class BalancerScaleAndRotationTest {
    @TempDir
    Path dir;

    static Cluster cluster(BalancerKind kind, Stickiness stickiness, List<Server> apps) {
        List<Server> all = new ArrayList<>();
        all.add(Server.of("lb-1", Role.BALANCER, "10.0.0.1").withState(ServerState.READY));
        all.addAll(apps);
        Balancer b = new Balancer(kind, stickiness, HealthCheck.DEFAULT, null, 80, 443, List.of());
        return new Cluster("crater", new AppSpec("crater", 3000, Map.of(), List.of()), b, all);
    }

    /** {@code n} app servers on long IPv6 addresses: the most zone memory a server takes. */
    static List<Server> apps(int n) {
        List<Server> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            String v6 = "fd00:aaaa:bbbb:cccc:dddd:eeee:ffff:" + Integer.toHexString(i);
            out.add(Server.of("app-" + i, Role.APP, "198.51.100." + (i % 250 + 1)).withAddresses("198.51.100." + (i % 250 + 1), v6)
                    .withState(ServerState.READY));
        }
        return out;
    }

    private ProcessRunner nginxT(Cluster c) throws Exception {
        Files.createDirectories(dir.resolve("temp"));
        String text = ProxyRenderer.render(c, BalancerLayout.under(dir.toString(), BalancerKind.NGINX).listeningOn("127.0.0.1"),
                BalancerFeatures.STOCK).text();
        Path conf = Files.writeString(dir.resolve("nginx.conf"), text);
        return ProcessRunner.run("nginx", "-t", "-p", dir.toString(), "-c", conf.toString());
    }

    @Test
    void fiveHundredServersPassNginxT() throws Exception {
        Cluster c = cluster(BalancerKind.NGINX, Stickiness.CONSISTENT_HASH, apps(500));
        ProcessRunner r = nginxT(c);
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("test is successful");
        assertThat(Files.readString(dir.resolve("nginx.conf"))).contains("zone crater 1024k;");
    }

    @Test
    void sixtyFiveServersNeedMoreThanTheOldFixedZone() throws Exception {
        // The old fixed size, as a witness: 65 servers do not fit in 64k.
        Cluster c = cluster(BalancerKind.NGINX, Stickiness.CONSISTENT_HASH, apps(65));
        Path conf = dir.resolve("nginx.conf");
        Files.createDirectories(dir.resolve("temp"));
        String text = ProxyRenderer.render(c, BalancerLayout.under(dir.toString(), BalancerKind.NGINX).listeningOn("127.0.0.1"),
                BalancerFeatures.STOCK).text();
        Files.writeString(conf, text.replaceFirst("zone crater \\d+k;", "zone crater 64k;"));
        ProcessRunner old = ProcessRunner.run("nginx", "-t", "-p", dir.toString(), "-c", conf.toString());
        assertThat(old.exitCode()).isNotZero();
        assertThat(old.output()).contains("no memory in upstream zone");
        assertThat(nginxT(c).exitCode()).isZero();
    }

    @Test
    void theZoneGrowsWithTheServers() {
        assertThat(NginxRenderer.zoneKb(1)).isEqualTo(64);
        assertThat(NginxRenderer.zoneKb(24)).isEqualTo(64);
        assertThat(NginxRenderer.zoneKb(65)).isEqualTo(192);
        assertThat(NginxRenderer.zoneKb(500)).isEqualTo(1024);
        assertThat(NginxRenderer.zoneKb(5000)).isEqualTo(10048);
    }

    @Test
    void provisioningAndFailedServersAreLeftOutAndNamed() throws Exception {
        List<Server> apps = new ArrayList<>(apps(2));
        apps.add(new Server("app-3", Role.APP, null, null, "root", 22, null, "digitalocean", null, "nyc3", "s-1vcpu-1gb",
                ServerState.PROVISIONING, null));
        apps.add(Server.of("app-4", Role.APP, "198.51.100.44").withState(ServerState.FAILED));
        for (BalancerKind kind : BalancerKind.programs()) {
            Cluster c = cluster(kind, Stickiness.NONE, apps);
            assertThat(ProxyRenderer.leftOut(c)).containsExactly("app-3 (provisioning)", "app-4 (failed)");
            String text = ProxyRenderer.render(c, BalancerLayout.under(dir.toString(), kind).listeningOn("127.0.0.1"), BalancerFeatures.STOCK).text();
            assertThat(text).contains("# Left out (they cannot take traffic): app-3 (provisioning), app-4 (failed)")
                    .doesNotContain("198.51.100.44").doesNotContainPattern("server (app-3|app-4) ");
            if (kind == BalancerKind.NGINX) {
                assertThat(nginxT(c).exitCode()).isZero();
            } else {
                Path cfg = Files.writeString(dir.resolve("haproxy.cfg"), text);
                Files.createDirectories(dir.resolve("acme"));
                Files.writeString(dir.resolve("acme/tokens.map"), ""); // as a push makes it before validating
                ProcessRunner r = ProcessRunner.run("haproxy", "-c", "-f", cfg.toString());
                assertThat(r.exitCode()).as(r.output()).isZero();
            }
        }
    }

    @Test
    void aClusterWhoseAppServersCannotTakeTrafficIsRefusedSayingWhich() {
        Cluster c = cluster(BalancerKind.NGINX, Stickiness.NONE,
                List.of(Server.of("app-1", Role.APP, "198.51.100.11").withState(ServerState.FAILED)));
        assertThatThrownBy(() -> ProxyRenderer.render(c, BalancerLayout.droplet(BalancerKind.NGINX), BalancerFeatures.STOCK))
                .hasMessageContaining("has no app server that can take traffic (left out: app-1 (failed))");
    }
}
