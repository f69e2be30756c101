package dev.orrery.adopt;

import dev.orrery.adopt.conf.ConfDiff;
import dev.orrery.adopt.conf.HaproxyConf;
import dev.orrery.adopt.conf.NginxConf;
import dev.orrery.model.Cluster;
import dev.orrery.model.Fixtures;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.proxy.BalancerFeatures;
import dev.orrery.proxy.BalancerLayout;
import dev.orrery.proxy.ProxyConfig;
import dev.orrery.proxy.ProxyRenderer;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProxyDiffTest {
    static final BalancerLayout NGINX = BalancerLayout.droplet(dev.orrery.model.BalancerKind.NGINX);

    /** The seed's cluster as imported, with its balancer host (as `orrery import balancer` adds it). */
    static Cluster imported(boolean module) throws Exception {
        Cluster c = NginxImport.read(NginxImportTest.seed(), null, new NginxImport.Options(module)).cluster();
        return c.withServer(Server.of("lb-1", Role.BALANCER, "198.51.100.10"));
    }

    @Test
    void theSeedsConfigurationAgainstWhatAPushWritesOnAStockNginx() throws Exception {
        NginxConf live = NginxImportTest.seed();
        ProxyConfig next = ProxyRenderer.render(imported(false), NGINX, BalancerFeatures.STOCK);
        ConfDiff d = ProxyDiffs.nginx(live, next, NGINX.configPath());
        String text = d.text(ProxyDiffs.notes(false));
        assertThat(text)
                .contains("  - check interval=750 rise=2 fall=2 timeout=1000 type=http;\n      this nginx has no nginx_upstream_check_module")
                .contains("~ worker_processes 4;  →  worker_processes auto;")
                .contains("~ listen 443 ssl spdy;  →  listen 443 ssl http2 default_server reuseport;")
                .contains("server :443 › location /\n  ~ proxy_read_timeout 3600s;  →  proxy_read_timeout 60s;")
                .contains("+ proxy_next_upstream error timeout http_502 http_503;")
                .contains("server :443 › location ~ ^/(websocket|sockjs/)   (a new block)")
                .contains("server :443 › location /check-status   (the whole block goes)")
                .contains("> error_log /var/log/nginx/error.log;  (moved here from http)");
        // What the import kept, a push writes back unchanged: none of it is in the diff.
        assertThat(d.changes()).noneMatch(c -> c.context().equals("server :443 › location /") && c.key().contains("x-nginx-proxy"));
        assertThat(text).doesNotContain("gzip").doesNotContain("Strict-Transport-Security")
                .doesNotContain("mime.types").doesNotContain("- server 10.0.1.73:80");
        // Orrery's upstream servers carry a shorter fail_timeout than nginx's default 10s: a change, and why.
        String ft = "max_fails=1 fail_timeout=" + ProxyRenderer.PASSIVE_FAIL_TIMEOUT_SECONDS + "s;";
        assertThat(text).contains("upstream crater\n  ~ server 10.0.1.73:80;  →  server 10.0.1.73:80 " + ft + "\n      Orrery writes fail_timeout=")
                .contains("~ server 10.0.1.151:80;  →  server 10.0.1.151:80 " + ft);
        assertThat(d.changes()).hasSizeBetween(60, 100);
    }

    @Test
    void withTheCheckModuleTheCheckLineStays() throws Exception {
        NginxConf live = NginxImportTest.seed();
        ConfDiff d = ProxyDiffs.nginx(live, ProxyRenderer.render(imported(true), NGINX, new BalancerFeatures(true, false)), NGINX.configPath());
        assertThat(d.changes()).noneMatch(c -> c.context().equals("upstream crater") && c.key().startsWith("check"));
        // the check module's defaults, now written out, are no change
        assertThat(d.noEffect()).anyMatch(c -> c.key().equals("check_http_send"));
    }

    @Test
    void anEquivalentFileWrittenDifferentlyIsNoChange() throws Exception {
        Cluster c = imported(false);
        ProxyConfig rendered = ProxyRenderer.render(c, NGINX, BalancerFeatures.STOCK);
        String handWritten = rendered.text()
                .replaceAll("(?m)^\\s*#.*$", "")                      // no comments
                .replace("listen 80 default_server;", "listen 0.0.0.0:80 default_server;")
                .replace("proxy_read_timeout 3600s;", "proxy_read_timeout 1h;")
                .replace("proxy_send_timeout 60s;", "proxy_send_timeout 60;")
                .replace("gzip_disable \"msie6\";", "gzip_disable msie6;")
                .replace("    server_tokens off;\n    default_type application/octet-stream;\n",
                        "    default_type   application/octet-stream;\n    server_tokens off;\n")
                .replace("events {\n", "events {\n    multi_accept off;\n");
        NginxConf live = NginxConf.of(NGINX.configPath(), handWritten, NginxImportTest.seed().files());
        ConfDiff d = ProxyDiffs.nginx(live, rendered, NGINX.configPath());
        assertThat(d.isEmpty()).as(d.text(x -> null)).isTrue();
        assertThat(d.text(x -> null)).startsWith("no change");
        assertThat(d.noEffect()).extracting(ConfDiff.Change::key).containsExactly("multi_accept");

        ConfDiff changed = ProxyDiffs.nginx(NginxConf.of(NGINX.configPath(), handWritten.replace("proxy_set_header Host $host;",
                "proxy_set_header Host $http_host;"), Map.of()), rendered, NGINX.configPath());
        assertThat(changed.changes()).extracting(ConfDiff.Change::line)
                .containsOnly("~ proxy_set_header Host $http_host;  →  proxy_set_header Host $host;");
    }

    @Test
    void haproxyDiffsByLineAndIgnoresUnitsAndAddressSpelling() throws Exception {
        HaproxyConf live = HaproxyConf.parse("/etc/haproxy/haproxy.cfg", Resources.text("seed-haproxy.cfg"));
        Cluster c = HaproxyImport.read(live, null, "crater.io").cluster();
        ConfDiff d = ProxyDiffs.haproxy(live, ProxyRenderer.render(c, BalancerLayout.droplet(dev.orrery.model.BalancerKind.HAPROXY), BalancerFeatures.STOCK));
        String text = d.text(x -> null);
        assertThat(text).contains("~ timeout client  50000  →  timeout client 60s")
                .contains("- server spare 10.0.1.160:3000 check backup")
                .contains("listen stats   (the whole block goes)")
                .doesNotContain("bind :80").doesNotContain("timeout check").doesNotContain("errorfile");
        HaproxyConf same = HaproxyConf.parse("h.cfg", "defaults\n  timeout client 1m\nfrontend f\n  bind 0.0.0.0:80\n");
        HaproxyConf other = HaproxyConf.parse("h.cfg", "defaults\n  timeout client 60000\nfrontend web\n  bind *:80\n");
        assertThat(dev.orrery.adopt.conf.ConfDiff.of(dev.orrery.adopt.conf.HaproxyFlat.flatten(same),
                dev.orrery.adopt.conf.HaproxyFlat.flatten(other), k -> null).isEmpty()).isTrue();
    }

    static Cluster fixture() {
        return Fixtures.seedCluster();
    }
}
