package dev.orrery.health;

import dev.orrery.model.Cluster;
import dev.orrery.proxy.BalancerLayout;
import dev.orrery.remote.Command;
import dev.orrery.remote.ExecResult;
import dev.orrery.remote.Host;
import dev.orrery.remote.LineListener;
import dev.orrery.remote.UploadListener;
import dev.orrery.store.Json;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Maps the proxy workflow's reading of the balancer into the health view. The balancer here is a
 * scripted {@link Host} answering what nginx -V, the check-status page and HAProxy's show stat
 * print; the reading against real HAProxy is the proxy workflow's integration test.
 */
class ProxyBalancerViewSourceTest {

    private static Cluster cluster(String kind) {
        return Json.mapper().convertValue(Map.of(
                "name", "crater", "app", Map.of("name", "crater", "port", 3000),
                "balancer", Map.of("kind", kind, "stickiness", "ip_hash"),
                "servers", List.of(
                        Map.of("name", "app-1", "role", "app", "publicAddress", "10.0.1.73"),
                        Map.of("name", "app-2", "role", "app", "publicAddress", "10.0.1.74"))), Cluster.class);
    }

    /** A balancer host that answers each command with the lines {@code answer} gives for its text. */
    private static Host scripted(Function<String, List<String>> answer) {
        return new Host() {
            @Override
            public String name() {
                return "lb-1";
            }

            @Override
            public ExecResult exec(Command command, LineListener output) {
                List<String> lines = answer.apply(command.line());
                if (lines == null) {
                    return new ExecResult(1, List.of("not found"));
                }
                lines.forEach(output::line);
                return new ExecResult(0, lines);
            }

            @Override
            public void upload(Path local, String remotePath, UploadListener progress) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void write(byte[] content, String remotePath) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void stockNginxHasNoViewAndNoActiveChecks() throws Exception {
        Host lb = scripted(line -> line.contains("nginx") ? List.of("nginx version: nginx/1.22.1", "configure arguments: --with-http_ssl_module") : null);
        Cluster c = cluster("nginx");
        BalancerView v = new ProxyBalancerViewSource(lb, () -> c, BalancerLayout.droplet(c.balancer().kind())).fetch();
        assertThat(v.activeChecks()).isFalse();
        assertThat(v.entries()).isEmpty();
        assertThat(v.error()).isNull();
        assertThat(v.source()).contains("passive checks only");
    }

    @Test
    void theCheckModulesStatusPageBecomesEntriesWithCounters() throws Exception {
        String json = "{\"servers\":{\"total\":2,\"generation\":1,\"server\":["
                + "{\"index\":0,\"upstream\":\"crater\",\"name\":\"10.0.1.73:3000\",\"status\":\"up\",\"rise\":12,\"fall\":0,\"type\":\"http\",\"port\":0},"
                + "{\"index\":1,\"upstream\":\"crater\",\"name\":\"10.0.1.74:3000\",\"status\":\"down\",\"rise\":0,\"fall\":3,\"type\":\"http\",\"port\":0}]}}";
        Host lb = scripted(line -> line.contains("nginx") && line.contains("-V") ? List.of("Tengine version: Tengine/3.1.0")
                : line.contains("check-status") ? List.of(json) : null);
        Cluster c = cluster("nginx");
        BalancerView v = new ProxyBalancerViewSource(lb, () -> c, BalancerLayout.droplet(c.balancer().kind())).fetch();
        assertThat(v.activeChecks()).isTrue();
        assertThat(v.entries()).extracting(BalancerView.Entry::name).containsExactly("app-1", "app-2");
        BalancerView.Entry down = v.entries().get(1);
        assertThat(down.up()).isFalse();
        assertThat(down.status()).isEqualTo("down");
        assertThat(down.fallCount()).isEqualTo(3);
        assertThat(v.entries().get(0).riseCount()).isEqualTo(12);
    }

    @Test
    void haproxyStatsBecomeEntriesAndADrainIsNoVerdict() throws Exception {
        String csv = String.join("\n",
                "# pxname,svname,scur,status,check_status,addr",
                "crater,app-1,3,UP,L7OK,10.0.1.73:3000",
                "crater,app-2,0,DRAIN,L7OK,10.0.1.74:3000",
                "crater,BACKEND,3,UP,,");
        Host lb = scripted(line -> line.contains("socat") || line.contains("show stat") ? List.of(csv.split("\n")) : null);
        Cluster c = cluster("haproxy");
        BalancerView v = new ProxyBalancerViewSource(lb, () -> c, BalancerLayout.droplet(c.balancer().kind())).fetch();
        assertThat(v.activeChecks()).isTrue();
        assertThat(v.entries()).extracting(BalancerView.Entry::status).containsExactly("up", "drain");
        assertThat(v.entries().get(0).verdict()).isTrue();
        assertThat(v.entries().get(1).verdict()).isFalse();
    }
}
