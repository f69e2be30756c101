package dev.orrery.adopt;

import dev.orrery.adopt.conf.Directive;
import dev.orrery.adopt.conf.NginxConf;
import dev.orrery.model.Balancer;
import dev.orrery.model.Cluster;
import dev.orrery.model.HealthCheck;
import dev.orrery.model.KeptDirective;
import dev.orrery.model.KeptDirective.Context;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.model.Stickiness;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The seed's hand-written nginx configuration, read into the model. */
class NginxImportTest {

    static NginxConf seed() throws Exception {
        return NginxConf.fromDump(Resources.text("seed-nginx-T.txt"));
    }

    @Test
    void theSeedsBalancerBecomesTheModel() throws Exception {
        ImportResult r = NginxImport.read(seed(), null, new NginxImport.Options(false));
        Cluster c = r.cluster();
        Balancer b = c.balancer();
        assertThat(c.name()).isEqualTo("crater");
        assertThat(b.stickiness()).isEqualTo(Stickiness.IP_HASH);
        assertThat(b.healthCheck()).isEqualTo(new HealthCheck("/", 750, 2, 2, 1000));
        assertThat(b.tls().serverName()).isEqualTo("crater.io");
        assertThat(b.tls().certificatePath()).isEqualTo("/etc/nginx/ssl/crater.io.crt");
        assertThat(b.tls().keyPath()).isEqualTo("/etc/nginx/ssl/crater.io.key");
        assertThat(b.httpPort()).isEqualTo(80);
        assertThat(b.httpsPort()).isEqualTo(443);
        assertThat(c.app().port()).isEqualTo(80);
        assertThat(c.appServers()).extracting(Server::privateAddress).containsExactly("10.0.1.73", "10.0.1.151", "10.0.1.152");
        assertThat(b.kept()).contains(new KeptDirective(Context.HTTP, "gzip on;"),
                new KeptDirective(Context.HTTP, "include /etc/nginx/mime.types;"),
                new KeptDirective(Context.HTTPS_SERVER, "add_header Strict-Transport-Security \"max-age=31536000\";"),
                new KeptDirective(Context.PROXY_LOCATION, "proxy_set_header X-NginX-Proxy true;"),
                new KeptDirective(Context.PROXY_LOCATION, "proxy_redirect off;"));
        // The check-module lines are read (into the model), and the report says what a push does with them on this nginx.
        assertThat(item(r, "check interval=750").outcome()).isEqualTo(ImportItem.Outcome.MAPPED);
        assertThat(item(r, "check interval=750").detail()).contains("no nginx_upstream_check_module").contains("Orrery's own probes");
        assertThat(item(r, "location /check-status").outcome()).isEqualTo(ImportItem.Outcome.MAPPED);
        assertThat(item(r, "listen 443 ssl spdy").detail()).contains("spdy becomes http2");
        assertThat(item(r, "worker_processes 4").outcome()).isEqualTo(ImportItem.Outcome.REPLACED);
        assertThat(item(r, "proxy_read_timeout 3600s").detail()).contains("60s");
        assertThat(item(r, "default_type application/octet-stream").detail()).isEqualTo("Orrery writes the same");
        assertThat(r.items(ImportItem.Outcome.REFUSED)).isEmpty();
    }

    @Test
    void withTheCheckModuleThePushKeepsTheCheckLine() throws Exception {
        ImportResult r = NginxImport.read(seed(), null, new NginxImport.Options(true));
        assertThat(item(r, "check interval=750").detail()).contains("the check module is in this nginx, so a push writes the check line");
        assertThat(item(r, "location /check-status").detail()).contains("check_status json");
    }

    @Test
    void noDirectiveIsDroppedUnseen() throws Exception {
        NginxConf conf = seed();
        ImportResult r = NginxImport.read(conf, null, new NginxImport.Options(false));
        Map<String, ImportItem> byWhere = new java.util.HashMap<>();
        r.items().forEach(i -> byWhere.put(i.where(), i));
        Set<String> missing = new HashSet<>();
        walk(conf.root(), byWhere, missing);
        assertThat(missing).as("directives with no item of their own or of an enclosing kept/refused block").isEmpty();
    }

    /** Every directive has its item, or sits in a block reported as a whole (kept, refused, or mapped without "below"). */
    private static void walk(List<Directive> ds, Map<String, ImportItem> byWhere, Set<String> missing) {
        for (Directive d : ds) {
            ImportItem i = byWhere.get(d.where());
            if (i == null) {
                missing.add(d.where() + " " + d.summary());
            } else if (d.isBlock() && (i.detail() == null || i.detail().contains("below") || i.detail().contains("directive by directive"))) {
                walk(d.block(), byWhere, missing);
            }
        }
    }

    @Test
    void anExistingClusterKeepsItsAppAndServersAndGainsTheBalancer() throws Exception {
        Cluster base = new Cluster("crater", new dev.orrery.model.AppSpec("crater", 3000, Map.of("ROOT_URL", "https://crater.io"), List.of()),
                Balancer.defaults(), List.of(
                Server.of("web-a", Role.APP, "198.51.100.211").withAddresses("198.51.100.211", "10.0.1.73"),
                Server.of("web-b", Role.APP, "198.51.100.36").withAddresses("198.51.100.36", "10.0.1.151"),
                Server.of("web-c", Role.APP, "198.51.100.52").withAddresses("198.51.100.52", "10.0.1.152"),
                Server.of("web-d", Role.APP, "198.51.100.53").withAddresses("198.51.100.53", "10.0.1.153")));
        ImportResult r = NginxImport.read(seed(), base, new NginxImport.Options(false));
        assertThat(r.cluster().appServers()).extracting(Server::name).containsExactly("web-a", "web-b", "web-c", "web-d");
        assertThat(r.cluster().app().environment()).containsEntry("ROOT_URL", "https://crater.io");
        assertThat(r.cluster().app().port()).isEqualTo(80);
        assertThat(r.notes()).anyMatch(n -> n.contains("app.port was 3000")).anyMatch(n -> n.contains("web-d is an app server of the cluster but not in the live balancer"));
        assertThat(item(r, "server 10.0.1.73:80").detail()).contains("web-a");
    }

    @Test
    void weightsBackupsAndOtherBalancingAreRefusedWithWhy() throws Exception {
        NginxConf conf = NginxConf.of("/etc/nginx/nginx.conf", """
                events {}
                http {
                    upstream app {
                        least_conn;
                        server 10.0.1.73:3000 weight=3;
                        server 10.0.1.151:3000 down;
                        server 10.0.1.152:3000 backup;
                        server 10.0.1.153:3000;
                        keepalive 16;
                    }
                    server {
                        listen 80;
                        location / { proxy_pass http://app; }
                        location /static/ { root /srv/static; expires 30d; }
                    }
                    server { listen 8080 default_server; return 204; }
                    server { listen 80 default_server; server_name other.example; return 404; }
                }
                """, Map.of());
        ImportResult r = NginxImport.read(conf, null, new NginxImport.Options(false));
        assertThat(item(r, "least_conn").outcome()).isEqualTo(ImportItem.Outcome.REFUSED);
        assertThat(item(r, "server 10.0.1.73:3000 weight=3").detail()).contains("same weight");
        assertThat(item(r, "server 10.0.1.152:3000 backup").detail()).contains("backup");
        assertThat(r.cluster().balancer().drained()).containsExactly("app-1");
        assertThat(r.cluster().appServers()).extracting(Server::privateAddress).containsExactly("10.0.1.151", "10.0.1.153");
        assertThat(r.cluster().balancer().kept()).contains(new KeptDirective(Context.UPSTREAM, "keepalive 16;"),
                new KeptDirective(Context.HTTPS_SERVER, "location /static/ { root /srv/static; expires 30d; }"),
                new KeptDirective(Context.HTTP, "server { listen 8080 default_server; return 204; }"));
        ImportItem otherDefault = r.items().stream().filter(i -> i.where().endsWith(":17")).findFirst().orElseThrow();
        assertThat(otherDefault.outcome()).isEqualTo(ImportItem.Outcome.REFUSED);
        assertThat(otherDefault.detail()).contains("default_server");
        assertThat(r.cluster().balancer().stickiness()).isEqualTo(Stickiness.NONE);
        assertThat(r.cluster().balancer().tls()).isNull();
    }

    @Test
    void aConfigurationWithoutAProxyIsNotABalancer() throws Exception {
        NginxConf conf = NginxConf.of("/etc/nginx/nginx.conf", "events {}\nhttp { server { listen 80; root /var/www; } }\n", Map.of());
        assertThatThrownBy(() -> NginxImport.read(conf, null, new NginxImport.Options(false)))
                .isInstanceOf(ImportException.class).hasMessageContaining("no location passes requests to an upstream");
    }

    static ImportItem item(ImportResult r, String startsWith) {
        return r.items().stream().filter(i -> i.what().startsWith(startsWith)).findFirst()
                .orElseThrow(() -> new AssertionError("no item for " + startsWith + " in\n" + r.text()));
    }
}
