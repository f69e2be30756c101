package dev.orrery.proxy;

import dev.orrery.model.Balancer;
import dev.orrery.model.Cluster;
import dev.orrery.model.HealthCheck;
import dev.orrery.model.KeptDirective;
import dev.orrery.model.Server;
import dev.orrery.model.Tls;

import java.util.List;

/**
 * A complete {@code nginx.conf} for the balancer: Orrery owns the whole file, so
 * {@code nginx -t -p PREFIX -c FILE} validates it on its own. Called by {@link ProxyRenderer}
 * with a validated cluster only.
 */
final class NginxRenderer {
    /** What the status location adds to its answer while nginx's workers see the close flag. */
    static final String CLOSING = "closing";
    /** The access log's format ({@link ProxyRenderer#NGINX_ACCESS_FORMAT}): what {@code logs.AccessEntry} reads. */
    static final String ACCESS_FORMAT = ProxyRenderer.NGINX_ACCESS_FORMAT;
    static final String ACCESS_FORMAT_TEXT = "$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent"
            + " \"$http_referer\" \"$http_user_agent\" upstream=\"$upstream_addr\" rt=$request_time ms=$msec";

    private NginxRenderer() {
    }

    static String render(Cluster c, BalancerLayout layout, BalancerFeatures features) {
        Balancer b = c.balancer();
        StringBuilder o = new StringBuilder(ProxyRenderer.header(c, "#"));
        if (layout.user() != null) {
            o.append("user ").append(layout.user()).append(";\n");
        }
        o.append("worker_processes auto;\n");
        o.append("pid ").append(layout.pidFile()).append(";\n");
        if (layout.errorLog() != null) {
            o.append("error_log ").append(layout.errorLog()).append(";\n");
        }
        kept(o, b, KeptDirective.Context.MAIN, "");
        o.append("\nevents {\n    worker_connections 4096;\n");
        kept(o, b, KeptDirective.Context.EVENTS, "    ");
        o.append("}\n\nhttp {\n");
        o.append("    server_tokens off;\n");
        o.append("    default_type application/octet-stream;\n");
        if (layout.accessLog() != null) {
            o.append("    # combined, plus which app server answered (every one tried, in order), how long it took and\n")
                    .append("    # when to the millisecond: Orrery's log reader shows the traffic moving between servers.\n")
                    .append("    log_format ").append(ACCESS_FORMAT).append(" '").append(ACCESS_FORMAT_TEXT).append("';\n");
            o.append("    access_log ").append(layout.accessLog()).append(' ').append(ACCESS_FORMAT).append(";\n");
        } else {
            o.append("    access_log off;\n");
        }
        o.append("    # Idle keep-alive connections close after this; it also bounds how long a push waits for\n")
                .append("    # them to turn over before it reloads (see the close flag below).\n")
                .append("    keepalive_timeout ").append(ProxyRenderer.KEEPALIVE_TIMEOUT_SECONDS).append("s;\n");
        if (layout.tempDir() != null) {
            for (String t : new String[] {"client_body", "proxy", "fastcgi", "uwsgi", "scgi"}) {
                o.append("    ").append(t).append("_temp_path ").append(layout.tempDir()).append('/').append(t).append(";\n");
            }
        }
        o.append("""

                    # WebSockets (Meteor's DDP): pass the upgrade through, close otherwise.
                    map $http_upgrade $connection_upgrade {
                        default upgrade;
                        ''      close;
                    }

                """);
        if (kept(o, b, KeptDirective.Context.HTTP, "    ")) {
            o.append('\n');
        }
        if (b.tls() != null && b.tls().managedByAcme()) {
            perHandshakeCertificate(o, b.tls());
        }
        upstream(o, c, features, c.name(), "", true);
        upstream(o, c, features, ddpUpstream(c), DDP_COMMENT, false);
        httpServer(o, c, layout, features);
        if (b.tls() != null) {
            httpsServer(o, c, layout, b.tls());
        }
        o.append("}\n");
        return o.toString();
    }

    /**
     * The upstream's shared memory, in KiB, for {@code servers} servers. Measured with nginx 1.22:
     * a server takes about 840 bytes with a consistent hash over long IPv6 addresses (64k held
     * only 56 of them, and the fixed 64k broke at 65 servers), plus about 16 KiB of the zone's own.
     * Sized at 2 KiB a server — room for a host name that resolves to two addresses — rounded up
     * to 64 KiB: 64k up to 24 servers, 1024k for 500.
     */
    static int zoneKb(int servers) {
        int needed = 16 + 2 * servers;
        return Math.max(64, (needed + 63) / 64 * 64);
    }

    /** What the WebSocket upstream's block says of itself. */
    private static final String DDP_COMMENT = """
                # The app's servers again, for Meteor's DDP only (WebSocket, SockJS), with no failure marks
                # (max_fails=0): a stopping server refuses at once and nginx passes the session on. nginx
                # clears a mark only when a request sent to the server ends; after fail_timeout the first
                # request it gets re-arms the mark until then, and a WebSocket ends only when its server
                # stops. So reconnecting WebSockets kept healthy servers skipped: in the upstream of plain
                # requests nginx then answered 502 "no live upstreams" (issue 21), and with marks here
                # the sessions did. The price: a vanished host costs each new session proxy_connect_timeout
                # until Orrery's probes take it out of rotation.
            """;

    /** The upstream Meteor's DDP sessions go to: the app's servers, never marked failed (see {@link #DDP_COMMENT}). */
    private static String ddpUpstream(Cluster c) {
        return ProxyRenderer.nginxDdpUpstream(c.name());
    }

    /** @param marks whether nginx marks a failed server (passive checks); without, it never skips a server it may send to */
    private static void upstream(StringBuilder o, Cluster c, BalancerFeatures features, String name, String comment, boolean marks) {
        Balancer b = c.balancer();
        HealthCheck h = b.healthCheck();
        o.append(comment);
        o.append("    upstream ").append(name).append(" {\n");
        o.append("        # Shared memory: every worker sees the same failure counts and down marks.\n");
        o.append("        zone ").append(name).append(' ').append(zoneKb(ProxyRenderer.inRotation(c).size())).append("k;\n");
        switch (b.stickiness()) {
            case IP_HASH -> o.append("        # ip_hash hashes only the client's /24: one office or carrier NAT lands on one server.\n")
                    .append("        ip_hash;\n");
            case CONSISTENT_HASH -> o.append("        # Ketama over the whole client address: adding or removing a server moves ~1/N of clients.\n")
                    .append("        hash $remote_addr consistent;\n");
            case COOKIE -> {
                if (features.stickyModule()) {
                    o.append("        # Cookie stickiness by nginx-sticky-module-ng, found in this nginx.\n")
                            .append("        sticky name=orrery_srv httponly").append(b.tls() != null ? " secure" : "").append(";\n");
                } else {
                    o.append("        # Cookie stickiness was asked for, but stock nginx has none (it is an nginx Plus feature,\n")
                            .append("        # or the third-party sticky module, which this nginx lacks). Falling back to a\n")
                            .append("        # consistent hash of the client address; choose HAProxy for real cookie stickiness.\n")
                            .append("        hash $remote_addr consistent;\n");
                }
            }
            case NONE -> o.append("        # No stickiness: round robin.\n");
        }
        o.append(ProxyRenderer.leftOutComment(c, "        "));
        for (Server s : ProxyRenderer.inRotation(c)) {
            String ep = ProxyRenderer.endpoint(s.internalAddress(), c.app().port());
            if (b.isDrained(s.name())) {
                o.append("        server ").append(ep).append(" down;  # ").append(s.name()).append(", drained\n");
            } else if (!marks) {
                o.append("        server ").append(ep).append(" max_fails=0;  # ").append(s.name()).append('\n');
            } else if (features.checkModule()) {
                o.append("        server ").append(ep).append(";  # ").append(s.name()).append('\n');
            } else {
                o.append("        server ").append(ep).append(" max_fails=1 fail_timeout=").append(ProxyRenderer.PASSIVE_FAIL_TIMEOUT_SECONDS).append("s;  # ").append(s.name()).append('\n');
            }
        }
        kept(o, b, KeptDirective.Context.UPSTREAM, "        ");
        if (features.checkModule()) {
            o.append("        # Out-of-band checks (nginx_upstream_check_module): a dead server is marked down within\n")
                    .append("        # fall x interval + timeout = ").append(h.worstCaseDetectionMs()).append(" ms, before a client hits it.\n")
                    .append("        check interval=").append(h.intervalMs()).append(" rise=").append(h.rise())
                    .append(" fall=").append(h.fall()).append(" timeout=").append(h.timeoutMs()).append(" type=http;\n")
                    .append("        check_http_send \"GET ").append(h.path()).append(" HTTP/1.0\\r\\n\\r\\n\";\n")
                    .append("        check_http_expect_alive http_2xx http_3xx;\n");
        } else if (marks) {
            o.append("        # Stock nginx checks passively only: a server that refuses or times out is skipped for\n")
                    .append("        # fail_timeout; Orrery's own probes mark a dead server down out of band.\n");
        }
        o.append("    }\n\n");
    }

    private static void httpServer(StringBuilder o, Cluster c, BalancerLayout layout, BalancerFeatures features) {
        Balancer b = c.balancer();
        o.append("    server {\n");
        // reuseport: another program can listen on the same port beside nginx (HAProxy, during a
        // balancer switch), so the port is never closed while one takes over from the other.
        o.append("        listen ").append(layout.listen(b.httpPort())).append(" default_server reuseport;\n");
        o.append("        server_name ").append(b.tls() != null ? b.tls().serverName() : "_").append(";\n");
        kept(o, b, KeptDirective.Context.HTTP_SERVER, "        ");
        if (b.tls() == null) {
            // Without TLS this one server serves the app: what was kept for the TLS server goes here too.
            kept(o, b, KeptDirective.Context.HTTPS_SERVER, "        ");
        }
        o.append('\n');
        localOnly(o, "= " + ProxyConfig.STATUS_PATH);
        o.append("            default_type text/plain;\n");
        if (layout.closeFlag() != null) {
            // Says whether nginx's workers see the close flag, so a push knows the close window works.
            o.append("            set $orrery_closing \"\";\n");
            o.append("            if (-f ").append(layout.closeFlag()).append(") {\n                set $orrery_closing \" ")
                    .append(CLOSING).append("\";\n            }\n");
            o.append("            return 200 \"orrery ").append(ProxyRenderer.FINGERPRINT).append("$orrery_closing\\n\";\n");
        } else {
            o.append("            return 200 \"orrery ").append(ProxyRenderer.FINGERPRINT).append("\\n\";\n");
        }
        o.append("        }\n\n");
        acmeChallenge(o, layout);
        if (features.checkModule()) {
            localOnly(o, "/check-status");
            o.append("            check_status json;\n");
            o.append("        }\n\n");
        }
        if (b.tls() != null) {
            String port = b.httpsPort() == 443 ? "" : ":" + b.httpsPort();
            String redirect = "            return 301 https://" + b.tls().serverName() + port + "$request_uri;\n";
            String flag = layout.closeFlag();
            o.append("        location / {\n");
            if (flag != null) {
                o.append("            error_page 418 = @orrery_closing_redirect;\n");
                o.append("            if (-f ").append(flag).append(") {\n                return 418;\n            }\n");
            }
            o.append(redirect);
            o.append("        }\n");
            if (flag != null) {
                o.append("\n        # The redirect with keep-alive off while a push closes connections (see below).\n");
                o.append("        location @orrery_closing_redirect {\n");
                o.append("            keepalive_timeout 0;\n");
                o.append(redirect);
                o.append("        }\n");
            }
        } else {
            proxyLocation(o, c, layout);
        }
        o.append("    }\n");
    }

    private static void httpsServer(StringBuilder o, Cluster c, BalancerLayout layout, Tls tls) {
        o.append("\n    server {\n");
        o.append("        listen ").append(layout.listen(c.balancer().httpsPort())).append(" ssl http2 default_server reuseport;\n");
        o.append("        server_name ").append(tls.serverName()).append(";\n");
        if (tls.managedByAcme()) {
            o.append("        ssl_certificate $orrery_tls_certificate;\n");
            o.append("        ssl_certificate_key $orrery_tls_key;\n");
        } else {
            o.append("        ssl_certificate ").append(tls.certificatePath()).append(";\n");
            o.append("        ssl_certificate_key ").append(tls.keyPath()).append(";\n");
        }
        o.append("        ssl_protocols TLSv1.2 TLSv1.3;\n");
        o.append("        ssl_session_cache shared:orrery_tls:10m;\n");
        kept(o, c.balancer(), KeptDirective.Context.HTTPS_SERVER, "        ");
        o.append('\n');
        proxyLocation(o, c, layout);
        o.append("    }\n");
    }

    /**
     * Writes the directives kept from an adopted configuration for one context, verbatim, each
     * line indented to the block; returns whether there were any.
     */
    private static boolean kept(StringBuilder o, Balancer b, KeptDirective.Context context, String indent) {
        List<KeptDirective> kept = b.kept(context);
        if (kept.isEmpty()) {
            return false;
        }
        o.append(indent).append("# Kept as is from the adopted configuration (orrery import balancer).\n");
        for (KeptDirective k : kept) {
            for (String line : k.text().split("\\R")) {
                o.append(line.isBlank() ? "" : indent + line).append('\n');
            }
        }
        return true;
    }

    /**
     * ACME HTTP-01 on port 80, always there: a challenge is one file in the folder, so getting or
     * renewing a certificate needs no configuration change and no reload.
     */
    private static void acmeChallenge(StringBuilder o, BalancerLayout layout) {
        o.append("        # ACME HTTP-01 (Let's Encrypt): a token is a file Orrery writes here; no reload needed.\n");
        o.append("        location ^~ /.well-known/acme-challenge/ {\n");
        o.append("            alias ").append(layout.acmeChallengeDir()).append("/;\n");
        o.append("            default_type text/plain;\n");
        o.append("        }\n\n");
    }

    /**
     * A certificate path with a variable is read at each full handshake (nginx >= 1.15.9), so a
     * renewed certificate is served from the next connection on without a reload, which would
     * drop keep-alive requests. The key stays the same across renewals, so a handshake that
     * reads the certificate just before the swap and the key just after still gets a matching
     * pair. The workers read both files, so the key is readable by their group.
     */
    private static void perHandshakeCertificate(StringBuilder o, Tls tls) {
        o.append("    # Read at each full handshake (a variable in the path): a renewed certificate is served without a reload.\n");
        o.append("    map $server_port $orrery_tls_certificate {\n        default ").append(tls.certificatePath()).append(";\n    }\n");
        o.append("    map $server_port $orrery_tls_key {\n        default ").append(tls.keyPath()).append(";\n    }\n\n");
    }

    private static void localOnly(StringBuilder o, String location) {
        o.append("        location ").append(location).append(" {\n");
        o.append("            allow 127.0.0.1;\n");
        o.append("            allow ::1;\n");
        o.append("            deny all;\n");
        o.append("            access_log off;\n");
    }

    /**
     * Meteor's DDP sessions ({@code /websocket}, SockJS under {@code /sockjs/}) stay open for the
     * whole session, so they get a long read timeout; every other request gets HAProxy's 60 s, so
     * a request to an app server that vanished mid-answer fails in a minute, not an hour.
     */
    private static void proxyLocation(StringBuilder o, Cluster c, BalancerLayout layout) {
        String flag = layout.closeFlag();
        if (flag != null) {
            o.append("        # While ").append(flag).append(" exists (a push is about to reload nginx), every answer\n")
                    .append("        # says \"Connection: close\": clients open a new connection for their next request instead\n")
                    .append("        # of reusing one the reload would drop under them. 418 is only this internal jump.\n");
        }
        o.append("        # Meteor's DDP: WebSocket and SockJS sessions stay open for the whole session.\n");
        proxyLocation(o, c, "~ ^/(websocket|sockjs/)", ddpUpstream(c), "3600s", flag, "@orrery_closing_ddp");
        o.append('\n');
        proxyLocation(o, c, "/", c.name(), "60s", flag, "@orrery_closing");
        if (flag != null) {
            o.append('\n');
            closingLocation(o, c, "@orrery_closing_ddp", ddpUpstream(c), "3600s");
            o.append('\n');
            closingLocation(o, c, "@orrery_closing", c.name(), "60s");
        }
    }

    private static void proxyLocation(StringBuilder o, Cluster c, String location, String upstream, String readTimeout, String flag, String closing) {
        o.append("        location ").append(location).append(" {\n");
        if (flag != null) {
            o.append("            error_page 418 = ").append(closing).append(";\n");
            o.append("            if (-f ").append(flag).append(") {\n                return 418;\n            }\n");
        }
        proxySettings(o, c, upstream, readTimeout);
        o.append("        }\n");
    }

    /** The same proxying with keep-alive off, so nginx answers "Connection: close". */
    private static void closingLocation(StringBuilder o, Cluster c, String name, String upstream, String readTimeout) {
        o.append("        location ").append(name).append(" {\n");
        o.append("            keepalive_timeout 0;\n");
        proxySettings(o, c, upstream, readTimeout);
        o.append("        }\n");
    }

    private static void proxySettings(StringBuilder o, Cluster c, String upstream, String readTimeout) {
        o.append("            proxy_pass http://").append(upstream).append(";\n");
        o.append("            proxy_http_version 1.1;\n");
        o.append("            proxy_set_header Upgrade $http_upgrade;\n");
        o.append("            proxy_set_header Connection $connection_upgrade;\n");
        o.append("            proxy_set_header Host $host;\n");
        o.append("            proxy_set_header X-Real-IP $remote_addr;\n");
        o.append("            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n");
        o.append("            proxy_set_header X-Forwarded-Proto $scheme;\n");
        o.append("            proxy_read_timeout ").append(readTimeout).append(";\n");
        o.append("            proxy_send_timeout ").append(readTimeout).append(";\n");
        o.append("            # A dead host costs this per try instead of nginx's default 60 s.\n");
        o.append("            proxy_connect_timeout ").append(c.balancer().healthCheck().timeoutMs()).append("ms;\n");
        o.append("            # Retry on the next server when one refuses, times out or answers 502/503. nginx never\n");
        o.append("            # resends a POST it already sent (non_idempotent is left off on purpose).\n");
        o.append("            proxy_next_upstream error timeout http_502 http_503;\n");
        kept(o, c.balancer(), KeptDirective.Context.PROXY_LOCATION, "            ");
    }
}
