package dev.orrery.proxy;

import dev.orrery.testing.CliRun;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.Stickiness;
import dev.orrery.store.ClusterStore;
import dev.orrery.store.OrreryHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code orrery render-proxy} through the real command line entry point. */
class RenderProxyCliTest {

    @TempDir
    Path dir;

    private CliRun cli(String... args) {
        return CliRun.run(new OrreryHome(dir.resolve("home")), args);
    }

    @Test
    void printsTheConfigurationAPushWouldWrite() throws Exception {
        Cluster c = Variant.cluster(BalancerKind.NGINX, Stickiness.CONSISTENT_HASH, true, "/etc/orrery");
        Path file = dir.resolve("crater.json");
        ClusterStore.save(file, c);
        CliRun r = cli("render-proxy", file.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(ProxyRenderer.render(c, BalancerLayout.droplet(BalancerKind.NGINX), BalancerFeatures.STOCK).text());
        assertThat(cli("render-proxy", file.toString(), "--check-module").out()).contains("check interval=750 rise=2 fall=2 timeout=1000 type=http;");
        assertThat(cli("render-proxy", file.toString(), "--kind").exit()).isEqualTo(2);
    }

    @Test
    void aHostileClusterFileIsRefusedWithTheFieldAndNothingIsPrinted() throws Exception {
        Path file = dir.resolve("bad.json");
        Cluster c = Variant.cluster(BalancerKind.HAPROXY, Stickiness.IP_HASH, false, "/etc/orrery");
        ClusterStore.save(file, c);
        Files.writeString(file, Files.readString(file).replace("10.0.1.73", "10.0.1.73:1;server evil"));
        CliRun r = cli("render-proxy", file.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("servers[1].privateAddress");
    }
}
