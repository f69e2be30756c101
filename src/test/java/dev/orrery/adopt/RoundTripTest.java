package dev.orrery.adopt;

import dev.orrery.adopt.conf.ConfDiff;
import dev.orrery.adopt.conf.HaproxyConf;
import dev.orrery.adopt.conf.NginxConf;
import dev.orrery.model.Balancer;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.Fixtures;
import dev.orrery.model.HealthCheck;
import dev.orrery.model.KeptDirective;
import dev.orrery.model.KeptDirective.Context;
import dev.orrery.model.Stickiness;
import dev.orrery.model.Tls;
import dev.orrery.proxy.BalancerFeatures;
import dev.orrery.proxy.BalancerLayout;
import dev.orrery.proxy.ProxyConfig;
import dev.orrery.proxy.ProxyRenderer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A balancer configuration Orrery wrote, read back in, renders to exactly the same text and
 * diffs as "no change" — for every stickiness, with and without TLS, drained servers, the check
 * module and directives kept in every context.
 */
class RoundTripTest {
    static final Tls TLS = new Tls("crater.io", "/etc/ssl/crater/fullchain.pem", "/etc/ssl/crater/privkey.pem");

    static Stream<Arguments> variants() {
        List<Arguments> out = new ArrayList<>();
        for (BalancerKind kind : BalancerKind.programs()) {
            for (Stickiness s : Stickiness.values()) {
                for (boolean tls : List.of(false, true)) {
                    for (boolean module : List.of(false, true)) {
                        out.add(Arguments.of(kind, s, tls, module));
                    }
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} tls={2} modules={3}")
    @MethodSource("variants")
    void renderedThenReadBackIsTheSameCluster(BalancerKind kind, Stickiness stickiness, boolean tls, boolean modules) throws Exception {
        Cluster c = cluster(kind, stickiness, tls);
        BalancerFeatures features = kind == BalancerKind.NGINX && modules ? new BalancerFeatures(true, true) : BalancerFeatures.STOCK;
        BalancerLayout layout = BalancerLayout.droplet(kind);
        ProxyConfig rendered = ProxyRenderer.render(c, layout, features);
        Cluster base = c.withBalancer(Balancer.defaults());
        ImportResult r;
        ConfDiff diff;
        if (kind == BalancerKind.NGINX) {
            NginxConf live = NginxConf.of(layout.configPath(), rendered.text(), Map.of());
            r = NginxImport.read(live, base.withBalancer(Balancer.defaults().withHealthCheck(c.balancer().healthCheck())), new NginxImport.Options(features.checkModule()));
            diff = ProxyDiffs.nginx(live, ProxyRenderer.render(r.cluster(), layout, features), layout.configPath());
        } else {
            HaproxyConf live = HaproxyConf.parse(layout.configPath(), rendered.text());
            r = HaproxyImport.read(live, base.withBalancer(new Balancer(kind, Stickiness.NONE, null, c.balancer().tls(), 80, 443, List.of())), null);
            diff = ProxyDiffs.haproxy(live, ProxyRenderer.render(r.cluster(), layout, features));
        }
        Balancer expected = c.balancer();
        boolean sameText = true;
        if (kind == BalancerKind.NGINX && stickiness == Stickiness.COOKIE && !features.stickyModule()) {
            sameText = false; // only the comment saying why differs
            // stock nginx has no cookie stickiness: Orrery writes a consistent hash, and that is what comes back
            expected = new Balancer(kind, Stickiness.CONSISTENT_HASH, expected.healthCheck(), expected.tls(), expected.httpPort(),
                    expected.httpsPort(), expected.drained(), expected.kept());
        }
        assertThat(r.cluster().balancer()).as(r.text()).isEqualTo(expected);
        assertThat(r.cluster().app()).isEqualTo(c.app());
        assertThat(r.cluster().servers()).isEqualTo(c.servers());
        assertThat(r.items(ImportItem.Outcome.REFUSED)).as(r.text()).isEmpty();
        assertThat(diff.isEmpty()).as(diff.text(x -> null)).isTrue();
        if (sameText) {
            assertThat(ProxyRenderer.render(r.cluster(), layout, features).text()).isEqualTo(rendered.text());
        }
    }

    static Cluster cluster(BalancerKind kind, Stickiness stickiness, boolean tls) {
        Cluster seed = Fixtures.seedCluster();
        List<KeptDirective> kept = kind == BalancerKind.NGINX ? List.of(
                new KeptDirective(Context.MAIN, "worker_rlimit_nofile 8192;"),
                new KeptDirective(Context.EVENTS, "multi_accept on;"),
                new KeptDirective(Context.HTTP, "gzip on;"),
                new KeptDirective(Context.HTTP, "log_format timed '$remote_addr \"$request\" $request_time';"),
                new KeptDirective(Context.UPSTREAM, "keepalive 16;"),
                new KeptDirective(Context.HTTP_SERVER, "location = /robots.txt {\n    root /var/www/static;\n}"),
                new KeptDirective(Context.HTTPS_SERVER, "client_max_body_size 20m;"),
                new KeptDirective(Context.PROXY_LOCATION, "proxy_set_header X-NginX-Proxy true;"))
                : List.of(new KeptDirective(Context.GLOBAL, "maxconn 4096"), new KeptDirective(Context.DEFAULTS, "option httplog"),
                new KeptDirective(Context.FRONTEND, "http-request set-header X-Client-IP %[src]"),
                new KeptDirective(Context.BACKEND, "http-reuse safe"));
        if (kind == BalancerKind.NGINX && !tls) {
            kept = kept.stream().filter(k -> k.context() != Context.HTTP_SERVER).toList();
        }
        Balancer b = new Balancer(kind, stickiness, new HealthCheck("/health", 750, 2, 3, 1500), tls ? TLS : null, 80, 443,
                List.of("app-2"), kept);
        return seed.withBalancer(b);
    }
}
