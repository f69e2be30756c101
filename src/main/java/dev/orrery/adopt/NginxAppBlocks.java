package dev.orrery.adopt;

import dev.orrery.adopt.NginxDirectives.Listen;
import dev.orrery.adopt.conf.Directive;
import dev.orrery.adopt.conf.NginxConf;

import java.util.ArrayList;
import java.util.List;

/**
 * The app's blocks in an nginx configuration, found before any directive is judged: the upstream
 * a location passes requests to, the server block that does it (the TLS one when there is one),
 * and the port-80 server beside it (the one that redirects to https, or the only one).
 *
 * @param upstreamBlock the app's upstream block
 * @param upstream      its name
 * @param httpsServer   the TLS server of the app, or null without TLS
 * @param httpServer    the plain-HTTP server of the app, or null
 */
record NginxAppBlocks(Directive upstreamBlock, String upstream, Directive httpsServer, Directive httpServer) {

    static NginxAppBlocks locate(NginxConf conf) throws ImportException {
        List<Directive> all = NginxConf.effective(conf.root());
        Directive http = all.stream().filter(d -> d.name().equals("http") && d.isBlock()).findFirst()
                .orElseThrow(() -> new ImportException("the configuration has no http block: nothing to balance"));
        List<Directive> upstreams = http.children("upstream");
        List<Directive> servers = http.children("server");
        Directive best = null;
        Directive bestServer = null;
        for (Directive s : servers) {
            for (Directive loc : s.children("location")) {
                for (Directive u : upstreams) {
                    String name = u.arg(0);
                    if (name != null && NginxDirectives.proxiesTo(loc, name) && !orrerysDdpUpstream(name, upstreams)) {
                        boolean better = best == null || (isSsl(s) && !isSsl(bestServer)) || "/".equals(loc.arg(0)) && !isSsl(bestServer);
                        if (better) {
                            best = u;
                            bestServer = s;
                        }
                    }
                }
            }
        }
        if (best == null) {
            throw new ImportException("no location passes requests to an upstream (proxy_pass http://NAME): "
                    + "this is not a load balancer configuration Orrery can adopt");
        }
        Directive app = bestServer;
        if (isSsl(app)) {
            List<String> names = names(app);
            Directive plain = servers.stream().filter(s -> !sameBlock(s, app) && !isSsl(s) && listensOn80(s)
                    && (names.isEmpty() || names(s).isEmpty() || names(s).stream().anyMatch(names::contains))).findFirst().orElse(null);
            return new NginxAppBlocks(best, best.arg(0), app, plain);
        }
        return new NginxAppBlocks(best, best.arg(0), null, app);
    }

    /** Whether {@code name} is the DDP upstream Orrery renders beside the app's (whose name is then there too). */
    static boolean orrerysDdpUpstream(String name, List<Directive> upstreams) {
        return upstreams.stream().map(u -> u.arg(0)).anyMatch(n -> n != null && name.equals(dev.orrery.proxy.ProxyRenderer.nginxDdpUpstream(n)));
    }

    /** True when {@code include} brings in the app's upstream or one of its servers. */
    boolean anyIn(Directive include) {
        for (Directive d : NginxConf.effective(include.block())) {
            if (sameBlock(d, upstreamBlock) || sameBlock(d, httpsServer) || sameBlock(d, httpServer)) {
                return true;
            }
        }
        return false;
    }

    /** Blocks are matched by file and line: the effective tree and the include tree hold equal copies. */
    static boolean sameBlock(Directive a, Directive b) {
        return a != null && b != null && a.name().equals(b.name()) && a.line() == b.line()
                && java.util.Objects.equals(a.file(), b.file());
    }

    private static boolean isSsl(Directive server) {
        return server != null && server.children("listen").stream().anyMatch(l -> l.args().contains("ssl"))
                || server != null && server.children("ssl").stream().anyMatch(s -> "on".equals(s.arg(0)));
    }

    private static boolean listensOn80(Directive server) {
        List<Directive> listens = server.children("listen");
        return listens.isEmpty() || listens.stream().anyMatch(l -> Listen.of(l).port() == 80);
    }

    private static List<String> names(Directive server) {
        List<String> out = new ArrayList<>();
        server.children("server_name").forEach(n -> out.addAll(n.args()));
        out.removeIf(n -> n.equals("_") || n.isEmpty());
        return out;
    }
}
