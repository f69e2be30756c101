package dev.orrery.adopt;

import dev.orrery.adopt.conf.Directive;
import dev.orrery.adopt.conf.HaproxyConf;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.KeptDirective.Context;
import dev.orrery.model.Rules;
import dev.orrery.model.Tls;
import dev.orrery.proxy.BalancerLayout;

import java.util.List;
import java.util.Map;

/**
 * Reads a live {@code haproxy.cfg} into the cluster model: the frontend that serves the app
 * (binds, certificate, redirect), the app's backend (balance and cookie stickiness, the check,
 * servers with {@code disabled}/{@code backup}/weights), and the global and defaults lines. Lines
 * Orrery does not model are kept in their section; sections it does not render are refused.
 */
public final class HaproxyImport {

    /** Global and defaults lines Orrery writes itself. */
    private static final Map<String, String> GLOBAL = Map.of(
            "pidfile", "Orrery writes the distribution's pid file",
            "stats socket", "Orrery writes its runtime API socket (/run/haproxy/admin.sock, mode 600, level admin): drain and ready without a reload",
            "stats timeout", "Orrery writes stats timeout 30s",
            "user", "Orrery runs HAProxy as the haproxy user",
            "group", "Orrery runs HAProxy as the haproxy group",
            "ssl-default-bind-options", "Orrery writes ssl-min-ver TLSv1.2 (TLS 1.0 and 1.1 are broken)",
            "hard-stop-after", "Orrery writes hard-stop-after 10m: a reload leaves the old process its connections for at most that long");
    private static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("mode", "Orrery writes mode http"),
            Map.entry("option idle-close-on-response", "Orrery writes it: on a reload an idle keep-alive connection is answered with "
                    + "\"Connection: close\" instead of being closed under a client about to send"),
            Map.entry("option forwardfor", "Orrery writes option forwardfor (the app runs with HTTP_FORWARDED_COUNT=1)"),
            Map.entry("option redispatch", "Orrery writes option redispatch: a refused connection goes to another server"),
            Map.entry("retries", "Orrery writes retries 2"),
            Map.entry("timeout connect", "Orrery writes the health check's timeout"),
            Map.entry("timeout client", "Orrery writes 60s"),
            Map.entry("timeout server", "Orrery writes 60s"),
            Map.entry("timeout http-request", "Orrery writes 10s"),
            Map.entry("timeout tunnel", "Orrery writes 1h for Meteor's WebSockets"),
            Map.entry("timeout client-fin", "Orrery writes 30s"));
    private static final List<String> SAME = List.of("stats timeout 30s", "user haproxy", "group haproxy", "mode http",
            "option forwardfor", "option redispatch", "retries 2", "timeout client 60s", "timeout server 60s",
            "timeout http-request 10s", "timeout tunnel 1h", "timeout client-fin 30s", "ssl-default-bind-options ssl-min-ver TLSv1.2",
            "pidfile /run/haproxy.pid", "hard-stop-after 10m" /* HaproxyRenderer.HARD_STOP_AFTER */, "option idle-close-on-response");

    private final ImportLog log = new ImportLog();
    private final ClusterDraft draft;
    private final String serverName;
    private final Cluster base;
    private final HaproxyBackend backend;
    private String certificate;

    private HaproxyImport(Cluster base, String serverName) {
        this.draft = new ClusterDraft(base, BalancerKind.HAPROXY, log);
        this.serverName = serverName;
        this.base = base;
        this.backend = new HaproxyBackend(draft, log);
    }

    /**
     * @param serverName the public name for TLS and the redirect (HAProxy's file does not say it);
     *                   null: taken from the cluster's ROOT_URL, if any
     */
    public static ImportResult read(HaproxyConf conf, Cluster base, String serverName) throws ImportException {
        String name = serverName != null ? serverName : rootUrlHost(base);
        HaproxyImport i = new HaproxyImport(base, name);
        i.walk(conf);
        return i.draft.finish(i.log);
    }

    private void walk(HaproxyConf conf) throws ImportException {
        Directive app = appFrontend(conf);
        String backendName = app.children("default_backend").get(0).arg(0);
        draft.upstreamName(backendName);
        for (Directive s : conf.sections()) {
            switch (s.name()) {
                case "global" -> section(s, Context.GLOBAL, GLOBAL);
                case "defaults" -> section(s, Context.DEFAULTS, DEFAULTS);
                case "frontend" -> {
                    if (s == app) {
                        frontend(s, backendName);
                    } else {
                        log.refused(s, "Orrery renders one frontend; this one is not imported");
                    }
                }
                case "backend" -> {
                    if (backendName.equals(s.arg(0))) {
                        backend.read(s);
                    } else {
                        log.refused(s, "Orrery renders one backend, the app's (" + backendName + ")");
                    }
                }
                default -> log.refused(s, "Orrery renders global, defaults, one frontend and one backend; a " + s.name()
                        + " section is not modelled" + (s.name().equals("listen") ? " (HAProxy's stats: Orrery reads them over the runtime API socket)" : ""));
            }
        }
        String bundle = BalancerLayout.droplet(BalancerKind.HAPROXY).tlsBundle();
        if (certificate != null && certificate.equals(bundle) && base != null && base.balancer().tls() != null) {
            // Orrery's own bundle, written on each push from the cluster's certificate and key: keep those.
            draft.tls(base.balancer().tls());
        } else if (certificate != null) {
            if (serverName == null || Rules.hostname(serverName).isPresent()) {
                log.note("TLS was not imported: haproxy.cfg does not name the site; pass --server-name (or set ROOT_URL) and import again");
            } else {
                draft.tls(new Tls(serverName, certificate, certificate));
                log.note("TLS: HAProxy's " + certificate + " holds certificate and key, so both paths name it; the site's name "
                        + serverName + " comes from --server-name or the app's ROOT_URL");
            }
        }
    }

    private static Directive appFrontend(HaproxyConf conf) throws ImportException {
        for (String kind : List.of("frontend", "listen")) {
            for (Directive s : conf.sections(kind)) {
                if (!s.children("default_backend").isEmpty() && !s.children("bind").isEmpty()) {
                    return s;
                }
            }
        }
        throw new ImportException("no frontend with a bind and a default_backend: this is not a load balancer configuration Orrery can adopt");
    }

    private void section(Directive s, Context context, Map<String, String> owned) {
        log.mapped(s, "the " + s.name() + " section (its lines below)");
        for (Directive d : s.block()) {
            String key2 = d.name() + (d.args().isEmpty() ? "" : " " + d.arg(0));
            String why = owned.containsKey(key2) ? owned.get(key2) : owned.get(d.name());
            if (why == null) {
                log.keep(d, context);
            } else if (SAME.contains(d.head())) {
                log.mapped(d, "Orrery writes the same");
            } else {
                log.replaced(d, why);
            }
        }
    }

    private void frontend(Directive s, String backendName) {
        log.mapped(s, "the frontend of " + backendName + " (its lines below)");
        for (Directive d : s.block()) {
            String line = String.join(" ", d.args());
            switch (d.name()) {
                case "bind" -> bind(d);
                case "default_backend" -> log.mapped(d, "the app's backend");
                case "mode" -> log.mapped(d, d.head().equals("mode http") ? "Orrery writes the same (in defaults)" : "replaced: Orrery writes mode http");
                case "redirect" -> {
                    if (line.startsWith("scheme https") || line.startsWith("prefix https://")) {
                        log.mapped(d, "the 80→443 redirect: Orrery writes it for a cluster with TLS");
                    } else {
                        log.keep(d, Context.FRONTEND);
                    }
                }
                case "http-request" -> {
                    if (line.startsWith("redirect scheme https") || line.startsWith("redirect prefix https://")) {
                        log.mapped(d, "the 80→443 redirect: Orrery writes it for a cluster with TLS");
                    } else if (line.startsWith("return ") && line.contains("/orrery-balancer")) {
                        log.mapped(d, "Orrery's own fingerprint answer");
                    } else if (line.contains("/.well-known/acme-challenge/")) {
                        log.replaced(d, "Orrery answers ACME HTTP-01 challenges itself, from its tokens map (certificates get and renew "
                                + "without a reload); another rule for that path would shadow it");
                    } else if (line.startsWith("set-header X-Forwarded-Proto")) {
                        log.mapped(d, "Orrery sets X-Forwarded-Proto itself (https or http)");
                    } else {
                        log.keep(d, Context.FRONTEND);
                    }
                }
                case "option" -> {
                    if (line.equals("forwardfor")) {
                        log.mapped(d, "Orrery writes option forwardfor (in defaults)");
                    } else {
                        log.keep(d, Context.FRONTEND);
                    }
                }
                case "use_backend" -> log.refused(d, "Orrery renders only the app's backend; rules sending requests elsewhere are not imported");
                default -> log.keep(d, Context.FRONTEND);
            }
        }
    }

    private void bind(Directive d) {
        String addr = d.arg(0) == null ? "" : d.arg(0);
        int colon = addr.lastIndexOf(':');
        int port;
        try {
            port = Integer.parseInt(addr.substring(colon + 1));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            log.refused(d, "not an address:port Orrery can bind");
            return;
        }
        String host = colon > 0 ? addr.substring(0, colon) : "";
        if (!(host.isEmpty() || host.equals("*") || host.equals("0.0.0.0"))) {
            log.keep(d, Context.FRONTEND, "Orrery itself binds every IPv4 address");
            return;
        }
        int crt = d.args().indexOf("crt");
        if (d.args().contains("ssl") && crt > 0 && crt + 1 < d.args().size()) {
            String path = d.arg(crt + 1);
            if (Rules.filePath(path).isPresent()) {
                log.refused(d, "the certificate path " + Rules.filePath(path).get());
                return;
            }
            certificate = path;
            draft.httpsPort(port);
            log.mapped(d, "balancer.httpsPort = " + port + ", balancer.tls certificate and key = " + path);
        } else {
            draft.httpPort(port);
            log.mapped(d, "balancer.httpPort = " + port);
        }
    }

    private static String rootUrlHost(Cluster base) {
        if (base == null || base.app() == null) {
            return null;
        }
        String url = base.app().environment().get("ROOT_URL");
        if (url == null) {
            return null;
        }
        try {
            return java.net.URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
