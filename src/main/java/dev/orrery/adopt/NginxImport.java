package dev.orrery.adopt;

import dev.orrery.adopt.NginxDirectives.Listen;
import dev.orrery.adopt.conf.Directive;
import dev.orrery.adopt.conf.NginxConf;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.KeptDirective.Context;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a live nginx configuration into the cluster model: the app's upstream (servers, their
 * states, stickiness, the check line), the server blocks (listens, server name, certificate
 * paths, the 80→443 redirect), the proxy location (headers, timeouts) and the check-status
 * location. Every directive gets one {@link ImportItem}: mapped, kept as is, replaced by Orrery's
 * own, or refused, each with why. A pure function of the text.
 */
public final class NginxImport {

    /**
     * @param checkModule whether the balancer's nginx has nginx_upstream_check_module ({@code nginx -V});
     *                    without it a push writes no check line, and the report says so
     */
    public record Options(boolean checkModule) {
    }

    private final ImportLog log = new ImportLog();
    private final Options options;
    private final ClusterDraft draft;
    private String upstream;
    private Directive appUpstream;
    private Directive httpsServer;
    private Directive httpServer;
    private NginxIncludes includes;

    private NginxImport(Cluster base, Options options) {
        this.options = options;
        this.draft = new ClusterDraft(base, BalancerKind.NGINX, log);
    }

    /** Imports {@code conf} into {@code base} (its app, servers and name are kept; the balancer comes from the text). */
    public static ImportResult read(NginxConf conf, Cluster base, Options options) throws ImportException {
        NginxImport i = new NginxImport(base, options);
        i.locate(conf);
        i.walk(conf.root());
        return i.draft.finish(i.log);
    }

    /** Finds the app's upstream and the server blocks that serve it, before any directive is judged. */
    private void locate(NginxConf conf) throws ImportException {
        NginxAppBlocks app = NginxAppBlocks.locate(conf);
        appUpstream = app.upstreamBlock();
        upstream = app.upstream();
        httpsServer = app.httpsServer();
        httpServer = app.httpServer();
        includes = new NginxIncludes(app);
    }

    private void walk(List<Directive> root) {
        includes.each(root, Context.MAIN, log, this::main);
        draft.upstreamName(upstream);
    }

    // ---- contexts ----

    private void main(Directive d, ImportLog l) {
        if (d.name().equals("http") && d.isBlock()) {
            l.mapped(d, "the http block (its directives below)");
            includes.each(d.block(), Context.HTTP, l, this::http);
        } else if (d.name().equals("events") && d.isBlock()) {
            l.mapped(d, "the events block (its directives below)");
            includes.each(d.block(), Context.EVENTS, l, (e, el) -> owned(e, el, NginxDirectives.EVENTS, Context.EVENTS));
        } else {
            owned(d, l, NginxDirectives.MAIN, Context.MAIN);
        }
    }

    private void http(Directive d, ImportLog l) {
        switch (d.name()) {
            case "upstream" -> {
                if (NginxAppBlocks.sameBlock(d, appUpstream)) {
                    new NginxUpstream(draft, l, options.checkModule()).read(d);
                } else if (ddpUpstream().equals(d.arg(0))) {
                    l.mapped(d, "Orrery's own: the app's servers again, for Meteor's DDP sessions (WebSocket, SockJS) with their own failure marks");
                } else {
                    l.keep(d, Context.HTTP, "another upstream, not the app's");
                }
            }
            case "server" -> {
                if (d.isBlock() && NginxAppBlocks.sameBlock(d, httpsServer)) {
                    l.mapped(d, "the TLS server of " + upstream + " (its directives below)");
                    httpsServer(d, l);
                } else if (d.isBlock() && NginxAppBlocks.sameBlock(d, httpServer)) {
                    l.mapped(d, httpsServer != null ? "the port-80 server: redirect to https (its directives below)"
                            : "the server of " + upstream + " (its directives below)");
                    httpServer(d, l);
                } else {
                    otherServer(d, l);
                }
            }
            case "log_format" -> {
                if (!d.args().isEmpty() && d.args().get(0).equals(dev.orrery.proxy.ProxyRenderer.NGINX_ACCESS_FORMAT)) {
                    l.mapped(d, "Orrery writes this access log format itself (which app server answered, to the millisecond)");
                } else {
                    l.keep(d, Context.HTTP);
                }
            }
            case "map" -> {
                if (d.args().equals(List.of("$http_upgrade", "$connection_upgrade"))) {
                    l.mapped(d, "Orrery writes this map itself (WebSockets: upgrade, close otherwise)");
                } else if (d.args().size() == 2 && d.args().get(1).startsWith("$orrery_tls_")) {
                    l.mapped(d, "Orrery's own: the certificate read at each handshake (renewed without a reload)");
                } else {
                    l.keep(d, Context.HTTP);
                }
            }
            default -> {
                if (httpsServer != null && NginxDirectives.TLS.containsKey(d.name())) {
                    l.replaced(d, NginxDirectives.TLS.get(d.name()));
                } else if (d.name().equals("proxy_set_header")) {
                    proxyDirective(d, l);
                } else if (NginxDirectives.PROXY.containsKey(d.name())) {
                    l.replaced(d, NginxDirectives.PROXY.get(d.name()));
                } else {
                    owned(d, l, NginxDirectives.HTTP, Context.HTTP);
                }
            }
        }
    }

    private void httpsServer(Directive server, ImportLog target) {
        TlsDraft tls = new TlsDraft();
        includes.each(server.block(), Context.HTTPS_SERVER, target, (d, l) -> {
            switch (d.name()) {
                case "listen" -> listen(d, l, true);
                case "server_name" -> serverName(d, l, tls);
                case "ssl_certificate" -> tls.certificate(d, l);
                case "ssl_certificate_key" -> tls.key(d, l);
                case "location" -> location(d, l, Context.HTTPS_SERVER);
                default -> serverDirective(d, l, Context.HTTPS_SERVER);
            }
        });
        draft.tls(tls.build(server, log));
    }

    private void httpServer(Directive server, ImportLog target) {
        boolean redirects = httpsServer != null;
        includes.each(server.block(), Context.HTTP_SERVER, target, (d, l) -> {
            switch (d.name()) {
                case "listen" -> listen(d, l, false);
                case "server_name" -> {
                    if (redirects) {
                        l.mapped(d, "the redirect's server name (Orrery writes balancer.tls.serverName)");
                    } else {
                        serverName(d, l, null);
                    }
                }
                case "return", "rewrite" -> {
                    if (redirects && NginxDirectives.redirectsToHttps(d)) {
                        l.mapped(d, "the 80→443 redirect: Orrery writes it for a cluster with TLS");
                    } else {
                        l.keep(d, Context.HTTP_SERVER);
                    }
                }
                case "location" -> {
                    if (redirects && "/".equals(d.arg(0)) && d.block().stream().anyMatch(NginxDirectives::redirectsToHttps)
                            && d.block().stream().allMatch(x -> NginxDirectives.redirectsToHttps(x) || NginxDirectives.closeFlagLine(x))) {
                        l.mapped(d, "the 80→443 redirect: Orrery writes it for a cluster with TLS");
                    } else {
                        location(d, l, httpsServer != null ? Context.HTTP_SERVER : Context.HTTPS_SERVER);
                    }
                }
                default -> serverDirective(d, l, redirects ? Context.HTTP_SERVER : Context.HTTPS_SERVER);
            }
        });
    }

    /** The upstream Orrery renders beside the app's for DDP sessions. */
    private String ddpUpstream() {
        return dev.orrery.proxy.ProxyRenderer.nginxDdpUpstream(upstream);
    }

    private void location(Directive d, ImportLog l, Context where) {
        String path = String.join(" ", d.args());
        if (!d.isBlock()) {
            l.refused(d, "a location without a block");
        } else if (path.startsWith("@orrery_closing")) {
            l.mapped(d, "Orrery's own: the same proxying with \"Connection: close\", used only while a push is about to reload nginx");
        } else if (path.replaceFirst("^\\^~\\s*", "").equals("/.well-known/acme-challenge/")) {
            l.replaced(d, "Orrery serves /.well-known/acme-challenge/ itself, from its ACME folder (certificates get and renew "
                    + "without a reload); another location for that path would be a duplicate");
        } else if (NginxDirectives.proxiesTo(d, upstream) || NginxDirectives.proxiesTo(d, ddpUpstream()) && path.equals("~ ^/(websocket|sockjs/)")) {
            if (httpsServer != null && where == Context.HTTP_SERVER) {
                l.refused(d, "with TLS Orrery redirects every plain-HTTP request to https; it does not proxy port 80 to the app");
                return;
            }
            if (!path.equals("/") && !path.equals("~ ^/(websocket|sockjs/)")) {
                l.refused(d, "Orrery proxies every path to the app from 'location /'; a proxy location for '" + path
                        + "' alone has no place in its configuration");
                return;
            }
            l.mapped(d, "the proxy location (its directives below)");
            includes.each(d.block(), Context.PROXY_LOCATION, l, this::proxyDirective);
        } else if (d.block().stream().anyMatch(x -> x.name().equals("check_status"))) {
            l.mapped(d, options.checkModule()
                    ? "the check module's status page: Orrery writes /check-status (check_status json) for requests from the balancer itself"
                    : "the check module's status page: this nginx has no nginx_upstream_check_module (nginx -V), so a push writes none; "
                    + "Orrery's Health view shows its own probes instead");
        } else if (path.equals("= /orrery-balancer")) {
            l.mapped(d, "Orrery's own fingerprint location");
        } else {
            l.keep(d, where);
        }
    }

    private void proxyDirective(Directive d, ImportLog l) {
        if (NginxDirectives.closeFlagLine(d)) {
            l.mapped(d, "Orrery's own close flag: while a push is about to reload nginx, answers say \"Connection: close\"");
        } else if (d.name().equals("proxy_pass")) {
            String target = d.arg(0) == null ? "" : d.arg(0);
            if (target.equals("http://" + upstream)) {
                l.mapped(d, "the app's upstream " + upstream);
            } else if (target.equals("http://" + ddpUpstream())) {
                l.mapped(d, "the app's servers for DDP sessions, " + ddpUpstream());
            } else {
                l.replaced(d, "Orrery passes requests to http://" + upstream + " unchanged (a URI or https here would change what the app sees)");
            }
        } else if (NginxDirectives.isProxyHeader(d)) {
            l.replaced(d, "Orrery passes Upgrade, Connection ($connection_upgrade), Host ($host), X-Real-IP, X-Forwarded-For and "
                    + "X-Forwarded-Proto itself (the app runs with HTTP_FORWARDED_COUNT=1)");
        } else if (NginxDirectives.PROXY.containsKey(d.name())) {
            l.replaced(d, NginxDirectives.PROXY.get(d.name()));
        } else if (d.name().equals("proxy_set_header")) {
            l.keep(d, Context.PROXY_LOCATION, "passed beside Orrery's own headers");
        } else {
            l.keep(d, Context.PROXY_LOCATION);
        }
    }

    private void serverDirective(Directive d, ImportLog l, Context where) {
        if (d.name().equals("proxy_set_header") || NginxDirectives.PROXY.containsKey(d.name())) {
            proxyDirective(d, l); // Orrery's proxy locations set their own: outer values would be shadowed
        } else if (where == Context.HTTPS_SERVER && httpsServer != null && NginxDirectives.TLS.containsKey(d.name())) {
            l.replaced(d, NginxDirectives.TLS.get(d.name()));
        } else {
            owned(d, l, NginxDirectives.SERVER, where);
        }
    }

    private void otherServer(Directive d, ImportLog l) {
        List<Integer> orreryPorts = new ArrayList<>();
        for (Directive s : new Directive[]{httpServer, httpsServer}) {
            if (s != null) {
                s.children("listen").forEach(x -> orreryPorts.add(Listen.of(x).port()));
            }
        }
        boolean takesDefault = d.isBlock() && d.children("listen").stream().anyMatch(x -> x.args().contains("default_server")
                && orreryPorts.contains(Listen.of(x).port()));
        if (takesDefault) {
            l.refused(d, "it claims default_server on a port where Orrery's own server is the default");
        } else {
            l.keep(d, Context.HTTP, "another site on this balancer");
        }
    }

    private void listen(Directive d, ImportLog l, boolean https) {
        Listen listen = Listen.of(d);
        if (listen.port() < 1 || listen.port() > 65535) {
            l.refused(d, "not a port Orrery can listen on");
        } else if (listen.ipv6() || !listen.anyIpv4()) {
            l.keep(d, https ? Context.HTTPS_SERVER : (httpsServer != null ? Context.HTTP_SERVER : Context.HTTPS_SERVER),
                    "Orrery itself listens on every IPv4 address");
        } else {
            List<String> extra = new ArrayList<>(d.args().subList(1, d.args().size()));
            extra.removeAll(List.of("ssl", "http2", "default_server", "default", "reuseport"));
            String spdy = extra.remove("spdy") ? "; spdy becomes http2 (nginx replaced SPDY with HTTP/2 in 1.9.5)" : "";
            String rest = extra.isEmpty() ? "" : "; Orrery does not write " + String.join(" ", extra);
            if (https) {
                draft.httpsPort(listen.port());
                l.mapped(d, "balancer.httpsPort = " + listen.port() + spdy + rest);
            } else {
                draft.httpPort(listen.port());
                l.mapped(d, "balancer.httpPort = " + listen.port() + rest);
            }
        }
    }

    private void serverName(Directive d, ImportLog l, TlsDraft tls) {
        List<String> names = d.args().stream().filter(n -> !n.equals("_") && !n.isEmpty()).toList();
        if (tls != null && !names.isEmpty() && tls.serverName == null) {
            tls.serverName = names.get(0);
            l.mapped(d, "balancer.tls.serverName = " + names.get(0)
                    + (names.size() > 1 ? "; the other names (" + String.join(" ", names.subList(1, names.size()))
                    + ") are not written: add them as a kept server_name line if they still matter" : ""));
        } else if (tls == null) {
            l.replaced(d, "without TLS Orrery's server answers every name (server_name _)");
        } else {
            l.keep(d, Context.HTTPS_SERVER, "a second server_name line");
        }
    }

    /** Orrery's own directive names in a context are replaced (with why); any other directive is kept as is. */
    private static void owned(Directive d, ImportLog l, Map<String, String> owned, Context where) {
        String why = owned.get(d.name());
        if (why != null) {
            l.replaced(d, why);
        } else {
            l.keep(d, where);
        }
    }

    // ---- small readers ----

    static Optional<String> nonEmpty(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s);
    }
}
