package dev.orrery.proxy;

import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.Stickiness;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The balancer's own view, parsed from real-looking output (the HAProxy sample is a real HAProxy 2.6 answer). */
class BalancerViewParsersTest {

    private static String sample(String name) throws Exception {
        try (InputStream in = BalancerViewParsersTest.class.getResourceAsStream("samples/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void checkModuleJsonGivesUpAndDownPerServer() throws Exception {
        Cluster c = Variant.cluster(BalancerKind.NGINX, Stickiness.IP_HASH, false, "/srv");
        List<PeerStatus> peers = CheckStatusParser.parse(sample("check-status.json"), c);
        assertThat(peers).extracting(PeerStatus::server).containsExactly("app-1", "app-2", "app-3");
        assertThat(peers).extracting(PeerStatus::state).containsExactly(PeerState.UP, PeerState.DOWN, PeerState.DRAIN);
        assertThat(peers.get(1).detail()).isEqualTo("down (rise 0, fall 7)");
        assertThat(peers.get(0).endpoint()).isEqualTo("10.0.1.73:3000");
    }

    @Test
    void haproxyShowStatGivesEachServersState() throws Exception {
        // the sample: app-1 drained by the runtime API, app-2 refusing connections, app-3 rendered disabled
        Cluster c = Variant.cluster(BalancerKind.HAPROXY, Stickiness.IP_HASH, false, "/srv");
        List<PeerStatus> peers = HaproxyStatParser.parse(sample("haproxy-show-stat.csv"), c);
        assertThat(peers).extracting(PeerStatus::server).containsExactly("app-1", "app-2", "app-3");
        assertThat(peers).extracting(PeerStatus::state).containsExactly(PeerState.DRAIN, PeerState.DOWN, PeerState.MAINT);
        assertThat(peers.get(1).detail()).startsWith("DOWN, last check L4CON");
        assertThat(peers.get(0).endpoint()).isEqualTo("127.0.0.1:18731");
    }

    @Test
    void haproxyTransitionalStates() {
        assertThat(HaproxyStatParser.state("UP 1/2")).isEqualTo(PeerState.UP);
        assertThat(HaproxyStatParser.state("DOWN 1/2")).isEqualTo(PeerState.DOWN);
        assertThat(HaproxyStatParser.state("MAINT (via crater/app-1)")).isEqualTo(PeerState.MAINT);
        assertThat(HaproxyStatParser.state("no check")).isEqualTo(PeerState.UNKNOWN);
    }

    @Test
    void somethingElseIsRefusedNotGuessed() {
        Cluster c = Variant.cluster(BalancerKind.HAPROXY, Stickiness.IP_HASH, false, "/srv");
        assertThatThrownBy(() -> HaproxyStatParser.parse("Unknown command.\n", c)).hasMessageContaining("not HAProxy's show stat CSV");
        assertThatThrownBy(() -> CheckStatusParser.parse("<html>404</html>", c)).hasMessageContaining("not the check module's JSON");
    }
}
