package dev.orrery.adopt;

import dev.orrery.adopt.conf.Directive;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which nginx directives Orrery writes itself, per context, and why: an adopted directive with one
 * of these names is replaced by Orrery's own (or found the same), never kept beside it — two of
 * them would make {@code nginx -t} fail ("directive is duplicate") or silently shadow each other.
 */
final class NginxDirectives {
    private NginxDirectives() {
    }

    static final Map<String, String> MAIN = Map.of(
            "user", "Orrery runs the workers as www-data, the Debian package's user",
            "worker_processes", "Orrery writes worker_processes auto (one worker per CPU)",
            "pid", "Orrery writes the distribution's pid file",
            "error_log", "Orrery writes the distribution's error log");

    static final Map<String, String> EVENTS = Map.of(
            "worker_connections", "Orrery writes worker_connections 4096 (WebSockets hold one connection each way per client)");

    static final Map<String, String> HTTP = Map.ofEntries(
            Map.entry("server_tokens", "Orrery writes server_tokens off"),
            Map.entry("default_type", "Orrery writes default_type application/octet-stream"),
            Map.entry("access_log", "Orrery writes the distribution's access log, in its own format (which app server answered)"),
            Map.entry("error_log", "Orrery writes the error log at the main level"),
            Map.entry("client_body_temp_path", "Orrery writes the distribution's temp paths"),
            Map.entry("proxy_temp_path", "Orrery writes the distribution's temp paths"),
            Map.entry("fastcgi_temp_path", "Orrery writes the distribution's temp paths"),
            Map.entry("uwsgi_temp_path", "Orrery writes the distribution's temp paths"),
            Map.entry("scgi_temp_path", "Orrery writes the distribution's temp paths"),
            Map.entry("keepalive_timeout", "Orrery writes keepalive_timeout " + dev.orrery.proxy.ProxyRenderer.KEEPALIVE_TIMEOUT_SECONDS
                    + "s: it also bounds how long a push waits for idle keep-alive connections to turn over before a reload"));

    /** Set by Orrery in its TLS server: an outer value would be shadowed there anyway. */
    static final Map<String, String> TLS = Map.of(
            "ssl_protocols", "Orrery's TLS server writes ssl_protocols TLSv1.2 TLSv1.3 (TLS 1.0 and 1.1 are broken and unsupported by browsers)",
            "ssl_session_cache", "Orrery's TLS server writes ssl_session_cache shared:orrery_tls:10m",
            "ssl_certificate", "balancer.tls.certificatePath",
            "ssl_certificate_key", "balancer.tls.keyPath",
            "ssl", "Orrery writes 'listen … ssl' instead of the old 'ssl on'");

    static final Map<String, String> SERVER = Map.of(
            "access_log", "Orrery writes the access log at the http level",
            "error_log", "Orrery writes the error log at the main level");

    /** What Orrery writes in every location that proxies to the app. */
    static final Map<String, String> PROXY = Map.of(
            "proxy_pass", "the app's upstream",
            "proxy_http_version", "Orrery writes proxy_http_version 1.1 (WebSockets need it)",
            "proxy_read_timeout", "Orrery writes 3600s for Meteor's DDP (/websocket, /sockjs/) and 60s for everything else, so a vanished app server fails a request in a minute",
            "proxy_send_timeout", "Orrery writes the same as proxy_read_timeout",
            "proxy_connect_timeout", "Orrery writes the health check's timeout (a dead host costs that per try, not nginx's 60 s)",
            "proxy_next_upstream", "Orrery writes 'error timeout http_502 http_503': a refused or failed connection is retried on the next server, a POST never twice");

    /** The request headers Orrery passes; other proxy_set_header lines are kept. */
    static final Set<String> PROXY_HEADERS = Set.of("upgrade", "connection", "host", "x-real-ip", "x-forwarded-for", "x-forwarded-proto");

    /** Directives exactly as Orrery writes them on a droplet: found so in a live file, they are the same, not replaced. */
    static final Set<String> ORRERY_WRITES = Set.of("user www-data", "worker_processes auto", "pid /run/nginx.pid",
            "error_log /var/log/nginx/error.log", "server_tokens off", "default_type application/octet-stream",
            "access_log /var/log/nginx/access.log " + dev.orrery.proxy.ProxyRenderer.NGINX_ACCESS_FORMAT, "proxy_http_version 1.1", "proxy_set_header Upgrade $http_upgrade",
            "proxy_set_header Connection $connection_upgrade", "proxy_set_header Host $host", "proxy_set_header X-Real-IP $remote_addr",
            "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for", "proxy_set_header X-Forwarded-Proto $scheme",
            "ssl_protocols TLSv1.2 TLSv1.3", "worker_connections 4096", "proxy_next_upstream error timeout http_502 http_503",
            "keepalive_timeout " + dev.orrery.proxy.ProxyRenderer.KEEPALIVE_TIMEOUT_SECONDS + "s");

    /** Balancing methods and what the model calls them; anything else is refused. */
    static final Set<String> BALANCING = Set.of("ip_hash", "hash", "sticky", "least_conn", "random", "least_time", "ntlm");

    /** nginx_upstream_check_module's directives that the model's health check covers. */
    static final Set<String> CHECK = Set.of("check", "check_http_send", "check_http_expect_alive");

    static boolean isProxyHeader(Directive d) {
        return d.name().equals("proxy_set_header") && d.args().size() >= 1
                && PROXY_HEADERS.contains(d.arg(0).toLowerCase(Locale.ROOT));
    }

    /** {@code http://NAME} or {@code http://NAME/…} → NAME, else null. */
    static String upstreamOf(Directive proxyPass) {
        String target = proxyPass.arg(0);
        if (target == null) {
            return null;
        }
        String t = target.replaceFirst("^https?://", "");
        int slash = t.indexOf('/');
        return slash < 0 ? t : t.substring(0, slash);
    }

    /** Whether a location passes requests on to {@code upstream} (nested locations too). */
    static boolean proxiesTo(Directive location, String upstream) {
        for (Directive d : location.block()) {
            if (d.name().equals("proxy_pass") && upstream.equals(upstreamOf(d))) {
                return true;
            }
        }
        return false;
    }

    /** A server block's listen ports and whether one of them is ssl. */
    record Listen(int port, boolean ssl, boolean ipv6, String address) {
        static Listen of(Directive listen) {
            String a = listen.arg(0) == null ? "80" : listen.arg(0);
            boolean ssl = listen.args().contains("ssl");
            boolean v6 = a.startsWith("[");
            String host = null;
            String port = a;
            int colon = a.lastIndexOf(':');
            if (v6) {
                int close = a.indexOf(']');
                host = a.substring(0, close + 1);
                port = close + 1 < a.length() && a.charAt(close + 1) == ':' ? a.substring(close + 2) : "80";
            } else if (colon >= 0) {
                host = a.substring(0, colon);
                port = a.substring(colon + 1);
            } else if (!a.matches("\\d+")) {
                host = a;
                port = "80";
            }
            int p;
            try {
                p = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                p = -1;
            }
            return new Listen(p, ssl, v6, host);
        }

        /** Listening on every IPv4 address, as Orrery's own {@code listen PORT} does. */
        boolean anyIpv4() {
            return !ipv6 && (address == null || address.equals("*") || address.equals("0.0.0.0"));
        }
    }

    /** {@code error_page 418 = @orrery_closing…;} and {@code if (-f FLAG) { return 418; }}: how Orrery's renderer closes keep-alive before a reload. */
    static boolean closeFlagLine(Directive d) {
        if (d.name().equals("error_page")) {
            return d.args().size() == 3 && d.arg(0).equals("418") && d.arg(1).equals("=") && d.arg(2).startsWith("@orrery_closing");
        }
        return d.name().equals("if") && d.isBlock() && d.args().size() >= 2 && d.arg(0).replace("(", "").equals("-f")
                && d.block().size() == 1 && d.block().get(0).name().equals("return") && d.block().get(0).args().equals(List.of("418"));
    }

    /** A {@code return 30x https://…} or a {@code rewrite} to https: a redirect of plain HTTP to TLS. */
    static boolean redirectsToHttps(Directive d) {
        String all = String.join(" ", d.args()).toLowerCase(Locale.ROOT);
        return (d.name().equals("return") && (all.startsWith("301 https://") || all.startsWith("302 https://") || all.startsWith("308 https://")))
                || (d.name().equals("rewrite") && all.contains("https://"));
    }
}
