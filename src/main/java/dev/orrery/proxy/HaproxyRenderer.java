package dev.orrery.proxy;

import dev.orrery.model.Balancer;
import dev.orrery.model.Cluster;
import dev.orrery.model.HealthCheck;
import dev.orrery.model.KeptDirective;
import dev.orrery.model.Server;

/**
 * A complete {@code haproxy.cfg}: active HTTP checks, stickiness by source or cookie, TLS, and
 * an admin stats socket for drain/ready and {@code show stat}. Called by {@link ProxyRenderer}
 * with a validated cluster only. The backend is named after the cluster and each server after
 * its Orrery name, so the runtime API speaks the model's names ({@code set server crater/app-1 …}).
 */
final class HaproxyRenderer {

    /** How long an old HAProxy process may keep its connections after a reload or a soft stop. */
    static final String HARD_STOP_AFTER = "10m";

    /** The cookie HAProxy inserts for cookie stickiness. */
    static final String COOKIE = "ORRERY_SRV";

    private HaproxyRenderer() {
    }

    private static String bind(BalancerLayout layout, int port) {
        return layout.listenAddress() == null ? ":" + port : layout.listen(port);
    }

    static String render(Cluster c, BalancerLayout layout) {
        Balancer b = c.balancer();
        HealthCheck h = b.healthCheck();
        StringBuilder o = new StringBuilder(ProxyRenderer.header(c, "#"));
        o.append("global\n");
        // No pidfile here: every start passes -p (Debian's unit: -p /run/haproxy.pid; Orrery's own
        // start and reload: -p PIDFILE), and both at once make HAProxy print "'pidfile' already specified".
        o.append("    # The pid file is given on the command line (-p ").append(layout.pidFile()).append(").\n");
        if (layout.statsSocket() != null) {
            o.append("    # Runtime API: set server ").append(c.name()).append("/NAME state drain|ready, show stat.\n");
            o.append("    stats socket ").append(layout.statsSocket()).append(" mode 600 level admin expose-fd listeners\n");
            o.append("    stats timeout 30s\n");
        }
        if (layout.user() != null) {
            o.append("    user ").append(layout.user()).append('\n');
            o.append("    group ").append(layout.user()).append('\n');
        }
        if (b.tls() != null) {
            o.append("    ssl-default-bind-options ssl-min-ver TLSv1.2\n");
        }
        o.append("    # A reload leaves the old process its connections (WebSockets included) for at most this long.\n");
        o.append("    hard-stop-after ").append(HARD_STOP_AFTER).append('\n');
        kept(o, b, KeptDirective.Context.GLOBAL);
        o.append("\ndefaults\n");
        o.append("    mode http\n");
        o.append("    # On a reload the old process answers the next request on an idle keep-alive connection with\n");
        o.append("    # \"Connection: close\" instead of closing it under a client about to send (HAProxy >= 2.4's default).\n");
        o.append("    option idle-close-on-response\n");
        o.append("    # X-Forwarded-For: the app runs with HTTP_FORWARDED_COUNT=").append(AppProxyFacts.forwardedCount(c)).append(".\n");
        o.append("    option forwardfor\n");
        o.append("    # A refused connection is retried on another server (safe for every method: nothing was sent).\n");
        o.append("    option redispatch\n");
        o.append("    retries 2\n");
        o.append("    timeout connect ").append(h.timeoutMs()).append("ms\n");
        o.append("    timeout client 60s\n");
        o.append("    timeout server 60s\n");
        o.append("    timeout http-request 10s\n");
        o.append("    # WebSockets (Meteor's DDP) stay open for the whole session.\n");
        o.append("    timeout tunnel 1h\n");
        o.append("    timeout client-fin 30s\n");
        kept(o, b, KeptDirective.Context.DEFAULTS);
        o.append('\n');

        o.append("frontend web\n");
        o.append("    bind ").append(bind(layout, b.httpPort())).append('\n');
        if (b.tls() != null) {
            o.append("    # HAProxy wants certificate and key in one PEM: the push writes ").append(layout.tlsBundle()).append('\n');
            o.append("    # from ").append(b.tls().certificatePath()).append(" and ").append(b.tls().keyPath()).append(".\n");
            o.append("    bind ").append(bind(layout, b.httpsPort())).append(" ssl crt ").append(layout.tlsBundle()).append(" alpn h2,http/1.1\n");
        }
        o.append("    http-request return status 200 content-type text/plain string \"orrery ").append(ProxyRenderer.FINGERPRINT)
                .append("\" if { path ").append(ProxyConfig.STATUS_PATH).append(" } { src 127.0.0.1 ::1 }\n");
        String map = layout.acmeMap();
        o.append("    # ACME HTTP-01 (Let's Encrypt): Orrery adds each token to this map through the runtime API; no reload.\n");
        o.append("    http-request return status 200 content-type text/plain lf-string \"%[path,field(4,/),map(").append(map)
                .append(")]\" if { path_beg /.well-known/acme-challenge/ } { path,field(4,/),map(").append(map).append(") -m found }\n");
        if (b.tls() != null) {
            String port = b.httpsPort() == 443 ? "" : ":" + b.httpsPort();
            o.append("    http-request redirect prefix https://").append(b.tls().serverName()).append(port)
                    .append(" code 301 unless { ssl_fc }\n");
        }
        o.append("    http-request set-header X-Forwarded-Proto https if { ssl_fc }\n");
        o.append("    http-request set-header X-Forwarded-Proto http unless { ssl_fc }\n");
        kept(o, b, KeptDirective.Context.FRONTEND);
        o.append("    default_backend ").append(c.name()).append("\n\n");

        o.append("backend ").append(c.name()).append('\n');
        boolean cookie = false;
        switch (b.stickiness()) {
            case IP_HASH -> o.append("    # Hash of the whole client address (HAProxy has no /24 hash like nginx's ip_hash).\n")
                    .append("    balance source\n");
            case CONSISTENT_HASH -> o.append("    # Consistent hash of the client address: adding or removing a server moves ~1/N of clients.\n")
                    .append("    balance source\n    hash-type consistent\n");
            case COOKIE -> {
                cookie = true;
                o.append("    balance roundrobin\n")
                        .append("    cookie ").append(COOKIE).append(" insert indirect nocache httponly")
                        .append(b.tls() != null ? " secure" : "").append('\n');
            }
            case NONE -> o.append("    balance roundrobin\n");
        }
        o.append("    # Active checks: a dead server is marked down within fall x inter + timeout = ")
                .append(h.worstCaseDetectionMs()).append(" ms.\n");
        o.append("    option httpchk GET ").append(h.path()).append('\n');
        o.append("    timeout check ").append(h.timeoutMs()).append("ms\n");
        o.append("    default-server inter ").append(h.intervalMs()).append(" rise ").append(h.rise())
                .append(" fall ").append(h.fall()).append('\n');
        kept(o, b, KeptDirective.Context.BACKEND);
        o.append(ProxyRenderer.leftOutComment(c, "    "));
        for (Server s : ProxyRenderer.inRotation(c)) {
            o.append("    server ").append(s.name()).append(' ')
                    .append(ProxyRenderer.endpoint(s.internalAddress(), c.app().port())).append(" check");
            if (cookie) {
                o.append(" cookie ").append(s.name());
            }
            if (b.isDrained(s.name())) {
                o.append(" disabled  # drained; the runtime API's 'state ready' brings it back");
            }
            o.append('\n');
        }
        return o.toString();
    }

    /** The lines kept from an adopted haproxy.cfg for one section, verbatim. */
    private static void kept(StringBuilder o, Balancer b, KeptDirective.Context context) {
        var kept = b.kept(context);
        if (!kept.isEmpty()) {
            o.append("    # Kept as is from the adopted configuration (orrery import balancer).\n");
            kept.forEach(k -> o.append("    ").append(k.text().strip()).append('\n'));
        }
    }
}
