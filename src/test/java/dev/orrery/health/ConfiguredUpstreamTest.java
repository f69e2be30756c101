package dev.orrery.health;

import dev.orrery.model.AppSpec;
import dev.orrery.model.Balancer;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.model.Stickiness;
import dev.orrery.proxy.ProxyRenderer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ConfiguredUpstreamTest {
    private static final List<Server> SERVERS = List.of(Server.of("lb-1", Role.BALANCER, "127.0.0.1"),
            Server.of("app-1", Role.APP, "127.66.0.2"), Server.of("app-2", Role.APP, "127.66.0.3"));

    private static Cluster cluster(Balancer b, List<Server> servers) {
        return new Cluster("s", new AppSpec("s", 3000, Map.of(), List.of()), b, servers);
    }

    @Test
    void stockNginxIsInRotationWithPassiveChecksOrDownWhenDrained() {
        Cluster c = cluster(Balancer.defaults().withDrained("app-2", true), SERVERS);
        var e = ConfiguredUpstream.of(c);
        assertThat(e.get("app-1").state()).isEqualTo("in rotation");
        assertThat(e.get("app-1").checks()).isEqualTo("passive only");
        assertThat(e.get("app-2").state()).isEqualTo("drained (down)");
        assertThat(e.get("app-2").drained()).isTrue();
        assertThat(e).doesNotContainKey("lb-1");
        assertThat(ConfiguredUpstream.reason(c)).contains("stock nginx has no check-status page")
                .contains("max_fails=1 fail_timeout=" + ProxyRenderer.PASSIVE_FAIL_TIMEOUT_SECONDS + "s");
    }

    @Test
    void haproxyAndNoBalancerSayWhatTheyAre() {
        Balancer h = new Balancer(BalancerKind.HAPROXY, Stickiness.COOKIE, null, null, 80, 443, List.of("app-1"));
        var e = ConfiguredUpstream.of(cluster(h, SERVERS));
        assertThat(e.get("app-1").state()).isEqualTo("drained (drain)");
        assertThat(e.get("app-2").checks()).contains("HAProxy");
        Cluster none = cluster(Balancer.defaults(), SERVERS.subList(1, 3));
        assertThat(ConfiguredUpstream.of(none).get("app-1").state()).isEqualTo("no balancer");
        assertThat(ConfiguredUpstream.reason(none)).contains("no load balancer");
    }
}
