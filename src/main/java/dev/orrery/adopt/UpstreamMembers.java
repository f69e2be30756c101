package dev.orrery.adopt;

import dev.orrery.adopt.conf.Directive;
import dev.orrery.adopt.conf.NginxConf;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The {@code address:port} of every server the live balancer sends the app's requests to. */
final class UpstreamMembers {
    private UpstreamMembers() {
    }

    static Set<String> of(LiveBalancer live) {
        Set<String> out = new LinkedHashSet<>();
        if (live.nginx() != null) {
            List<Directive> root = NginxConf.effective(live.nginx().root());
            Set<String> used = new LinkedHashSet<>();
            collectProxyPass(root, used);
            for (Directive http : root) {
                for (Directive u : http.children("upstream")) {
                    if (used.contains(u.arg(0))) {
                        u.children("server").stream().filter(s -> !s.args().contains("backup")).forEach(s -> out.add(endpoint(s.arg(0), 80)));
                    }
                }
            }
        } else if (live.haproxy() != null) {
            Set<String> used = new LinkedHashSet<>();
            live.haproxy().sections().forEach(s -> s.children("default_backend").forEach(d -> used.add(d.arg(0))));
            for (Directive b : live.haproxy().sections("backend")) {
                if (used.contains(b.arg(0))) {
                    b.children("server").stream().filter(s -> !s.args().contains("backup") && s.arg(1) != null)
                            .forEach(s -> out.add(endpoint(s.arg(1), -1)));
                }
            }
        }
        return out;
    }

    private static void collectProxyPass(List<Directive> ds, Set<String> out) {
        for (Directive d : ds) {
            if (d.name().equals("proxy_pass")) {
                out.add(NginxDirectives.upstreamOf(d));
            }
            if (d.isBlock()) {
                collectProxyPass(d.block(), out);
            }
        }
    }

    /** {@code address:port} without IPv6 brackets, the port defaulted where the text has none. */
    static String endpoint(String target, int defaultPort) {
        if (target.startsWith("[")) {
            int close = target.indexOf(']');
            String port = close + 2 <= target.length() - 1 && target.charAt(close + 1) == ':' ? target.substring(close + 2) : Integer.toString(defaultPort);
            return target.substring(1, close) + ":" + port;
        }
        int first = target.indexOf(':');
        if (first < 0 || first != target.lastIndexOf(':')) {
            return target + ":" + defaultPort;
        }
        return target;
    }
}
