package dev.orrery.proxy;

import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.Stickiness;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HaproxyRendererTest {

    private static String render(Stickiness s, boolean tls) {
        Cluster c = Variant.cluster(BalancerKind.HAPROXY, s, tls, "/srv/lb");
        return ProxyRenderer.render(c, BalancerLayout.droplet(BalancerKind.HAPROXY), BalancerFeatures.STOCK).text();
    }

    @Test
    void activeHttpChecksFromTheModel() {
        assertThat(render(Stickiness.IP_HASH, false)).contains("option httpchk GET /health")
                .contains("default-server inter 750 rise 2 fall 2")
                .contains("timeout check 1000ms")
                .contains("server app-1 10.0.1.73:3000 check\n");
    }

    @Test
    void stickinessBySourceOrCookie() {
        assertThat(render(Stickiness.IP_HASH, false)).contains("balance source\n").doesNotContain("hash-type");
        assertThat(render(Stickiness.CONSISTENT_HASH, false)).contains("balance source\n    hash-type consistent");
        assertThat(render(Stickiness.COOKIE, true)).contains("cookie ORRERY_SRV insert indirect nocache httponly secure")
                .contains("server app-2 10.0.1.151:3000 check cookie app-2");
        assertThat(render(Stickiness.NONE, false)).contains("balance roundrobin").doesNotContain("cookie ORRERY_SRV");
    }

    @Test
    void tlsWithACombinedPemHttp2AndARedirect() {
        String text = render(Stickiness.IP_HASH, true);
        assertThat(text).contains("bind :443 ssl crt /etc/haproxy/orrery-tls.pem alpn h2,http/1.1")
                .contains("http-request redirect prefix https://crater.test code 301 unless { ssl_fc }")
                .contains("X-Forwarded-Proto https if { ssl_fc }");
    }

    @Test
    void webSocketsStatsSocketAndDrain() {
        String text = render(Stickiness.IP_HASH, false);
        assertThat(text).contains("timeout tunnel 1h")
                .contains("stats socket /run/haproxy/admin.sock mode 600 level admin")
                .contains("option forwardfor")
                .contains("backend crater\n")
                .contains("server app-3 10.0.1.200:3000 check disabled");
    }
}
