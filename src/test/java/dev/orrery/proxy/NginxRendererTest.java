package dev.orrery.proxy;

import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.model.Stickiness;
import dev.orrery.model.Tls;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NginxRendererTest {

    private static final String DIR = "/srv/lb";

    private static String render(Cluster c, BalancerFeatures f) {
        return ProxyRenderer.render(c, BalancerLayout.under(DIR, BalancerKind.NGINX), f).text();
    }

    private static Cluster cluster(Stickiness s, boolean tls) {
        return Variant.cluster(BalancerKind.NGINX, s, tls, DIR);
    }

    @Test
    void checkModuleGetsTheSeedsCheckLineFromTheModelAndAStatusPage() {
        Cluster c = cluster(Stickiness.IP_HASH, false);
        c = c.withBalancer(c.balancer().withHealthCheck(new dev.orrery.model.HealthCheck("/ready", 500, 3, 4, 900)));
        String text = render(c, new BalancerFeatures(true, false));
        assertThat(text).contains("check interval=500 rise=3 fall=4 timeout=900 type=http;")
                .contains("check_http_send \"GET /ready HTTP/1.0\\r\\n\\r\\n\";")
                .contains("check_status json;")
                .contains("fall x interval + timeout = 2900 ms")
                .doesNotContain("max_fails=1");
    }

    @Test
    void ddpSessionsGoToTheSameServersWithoutFailureMarks() {
        String text = render(cluster(Stickiness.IP_HASH, false), BalancerFeatures.STOCK);
        String ddp = text.substring(text.indexOf("    upstream crater_ddp {"), text.indexOf("    }\n", text.indexOf("    upstream crater_ddp {")));
        // a WebSocket re-arms a failure mark until it closes (issue 21): the DDP upstream has none to re-arm
        assertThat(ddp).contains("zone crater_ddp 64k;").contains("ip_hash;")
                .contains("server 10.0.1.73:3000 max_fails=0;  # app-1").doesNotContain("max_fails=1");
        String sessions = text.substring(text.indexOf("location ~ ^/(websocket|sockjs/) {"));
        assertThat(sessions.substring(0, sessions.indexOf("\n        }\n"))).contains("proxy_pass http://crater_ddp;");
        String plain = text.substring(text.indexOf("location / {"));
        assertThat(plain.substring(0, plain.indexOf("\n        }\n"))).contains("proxy_pass http://crater;");
        assertThat(text).contains("server 10.0.1.73:3000 max_fails=1 fail_timeout=2s;  # app-1");
    }

    @Test
    void stockNginxChecksPassivelyAndRetriesOnTheNextServer() {
        String text = render(cluster(Stickiness.IP_HASH, false), BalancerFeatures.STOCK);
        assertThat(text).contains("server 10.0.1.73:3000 max_fails=1 fail_timeout=2s;  # app-1")
                .contains("proxy_next_upstream error timeout http_502 http_503;")
                .contains("zone crater 64k;")
                .contains("proxy_connect_timeout 1000ms;")
                .doesNotContain("check interval").doesNotContain("/check-status");
    }

    @Test
    void aDrainedServerIsMarkedDownAndKeepsItsPlace() {
        String text = render(cluster(Stickiness.CONSISTENT_HASH, false), BalancerFeatures.STOCK);
        assertThat(text).contains("server 10.0.1.200:3000 down;  # app-3, drained");
        assertThat(text.indexOf("10.0.1.151")).isLessThan(text.indexOf("10.0.1.200"));
    }

    @Test
    void stickinessVariants() {
        assertThat(render(cluster(Stickiness.IP_HASH, false), BalancerFeatures.STOCK)).contains("    ip_hash;\n");
        assertThat(render(cluster(Stickiness.CONSISTENT_HASH, false), BalancerFeatures.STOCK)).contains("hash $remote_addr consistent;");
        String none = render(cluster(Stickiness.NONE, false), BalancerFeatures.STOCK);
        assertThat(none).doesNotContain("ip_hash;").doesNotContain("hash $remote_addr");
        String cookieStock = render(cluster(Stickiness.COOKIE, false), BalancerFeatures.STOCK);
        assertThat(cookieStock).contains("stock nginx has none").contains("hash $remote_addr consistent;").doesNotContain("sticky name=");
        String cookieModule = render(cluster(Stickiness.COOKIE, true), new BalancerFeatures(false, true));
        assertThat(cookieModule).contains("sticky name=orrery_srv httponly secure;").doesNotContain("hash $remote_addr");
    }

    @Test
    void tlsRedirectsPlainHttpAndServesHttp2WithTheCertificate() {
        String text = render(cluster(Stickiness.IP_HASH, true), BalancerFeatures.STOCK);
        assertThat(text).contains("return 301 https://crater.test$request_uri;")
                .contains("listen 443 ssl http2 default_server reuseport;")
                .contains("ssl_certificate /srv/lb/tls/cert.pem;")
                .contains("ssl_certificate_key /srv/lb/tls/key.pem;");
        Cluster c = cluster(Stickiness.IP_HASH, true);
        var b = c.balancer();
        c = c.withBalancer(new dev.orrery.model.Balancer(b.kind(), b.stickiness(), b.healthCheck(),
                new Tls("localhost", "/srv/c.pem", "/srv/k.pem"), 8080, 8443, b.drained()));
        assertThat(render(c, BalancerFeatures.STOCK)).contains("listen 8080 default_server reuseport;")
                .contains("return 301 https://localhost:8443$request_uri;").contains("listen 8443 ssl http2");
    }

    @Test
    void webSocketsAndForwardedHeadersForMeteor() {
        String text = render(cluster(Stickiness.IP_HASH, false), BalancerFeatures.STOCK);
        assertThat(text).contains("proxy_http_version 1.1;")
                .contains("proxy_set_header Upgrade $http_upgrade;")
                .contains("proxy_set_header Connection $connection_upgrade;")
                .contains("location ~ ^/(websocket|sockjs/) {\n")
                .contains("proxy_pass http://crater;")
                .contains("proxy_read_timeout 3600s;")
                .contains("proxy_read_timeout 60s;")
                .contains("proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;")
                .contains("proxy_set_header X-Forwarded-Proto $scheme;")
                .contains("HTTP_FORWARDED_COUNT=1");
    }

    @Test
    void ipv6AppAddressesAreBracketed() {
        Cluster c = cluster(Stickiness.NONE, false).withServer(
                Server.of("app-4", Role.APP, "2001:db8::4").withAddresses("2001:db8::4", "fd00::4"));
        assertThat(render(c, BalancerFeatures.STOCK)).contains("server [fd00::4]:3000 max_fails=1");
    }

    @Test
    void theFingerprintIsAnsweredLocallyAndChangesWithTheConfiguration() {
        ProxyConfig a = ProxyRenderer.render(cluster(Stickiness.IP_HASH, false), BalancerLayout.under(DIR, BalancerKind.NGINX), BalancerFeatures.STOCK);
        ProxyConfig b = ProxyRenderer.render(cluster(Stickiness.NONE, false), BalancerLayout.under(DIR, BalancerKind.NGINX), BalancerFeatures.STOCK);
        assertThat(a.text()).contains("return 200 \"" + a.statusBody() + "$orrery_closing\\n\";").contains("allow 127.0.0.1;").contains("deny all;");
        assertThat(a.fingerprint()).hasSize(16).isNotEqualTo(b.fingerprint());
        assertThat(ProxyRenderer.render(cluster(Stickiness.IP_HASH, false), BalancerLayout.under(DIR, BalancerKind.NGINX),
                BalancerFeatures.STOCK)).isEqualTo(a);
    }

    @Test
    void theDropletLayoutUsesTheDistributionsPaths() {
        String text = ProxyRenderer.render(cluster(Stickiness.IP_HASH, false), BalancerLayout.droplet(BalancerKind.NGINX),
                BalancerFeatures.STOCK).text();
        assertThat(text).contains("user www-data;").contains("pid /run/nginx.pid;").contains("error_log /var/log/nginx/error.log;");
    }

    @Test
    void detectsModulesFromNginxV() {
        assertThat(BalancerFeatures.fromNginxV("nginx version: nginx/1.22.1\nconfigure arguments: --with-http_ssl_module"))
                .isEqualTo(BalancerFeatures.STOCK);
        assertThat(BalancerFeatures.fromNginxV("configure arguments: --add-module=../nginx_upstream_check_module-master").checkModule()).isTrue();
        assertThat(BalancerFeatures.fromNginxV("Tengine version: Tengine/2.3.3 (nginx/1.18.0)").checkModule()).isTrue();
        assertThat(BalancerFeatures.fromNginxV("--add-module=/build/nginx-sticky-module-ng").stickyModule()).isTrue();
    }
}
