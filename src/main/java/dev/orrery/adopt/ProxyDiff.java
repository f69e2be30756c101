package dev.orrery.adopt;

import dev.orrery.adopt.conf.ConfDiff;
import dev.orrery.adopt.conf.ConfSyntaxException;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.InvalidClusterException;
import dev.orrery.proxy.BalancerLayout;
import dev.orrery.proxy.ProxyConfig;
import dev.orrery.proxy.ProxyRenderer;

/**
 * What a push of {@code cluster} would change on its live balancer: the configuration Orrery
 * would render (with the modules the balancer's nginx has) against the one it runs, directive by
 * directive. What {@code orrery diff-proxy} prints and the window's Push dialog shows.
 */
public record ProxyDiff(ConfDiff diff, ProxyConfig rendered, LiveBalancer live) {

    public static ProxyDiff of(Cluster cluster, LiveBalancer live) throws ImportException {
        if (cluster.balancer().kind() != live.kind()) {
            throw new ImportException("the cluster's balancer is " + word(cluster.balancer().kind()) + " but the host runs " + word(live.kind())
                    + ": a push would replace one with the other");
        }
        BalancerLayout layout = BalancerLayout.droplet(live.kind());
        try {
            ProxyConfig rendered = ProxyRenderer.render(cluster, layout, live.features());
            ConfDiff d = live.kind() == BalancerKind.NGINX ? ProxyDiffs.nginx(live.nginx(), rendered, layout.configPath())
                    : ProxyDiffs.haproxy(live.haproxy(), rendered);
            return new ProxyDiff(d, rendered, live);
        } catch (InvalidClusterException e) {
            throw new ImportException("the cluster's balancer configuration cannot be rendered: " + e.getMessage(), e);
        } catch (ConfSyntaxException e) {
            throw new ImportException("Orrery's own rendering does not parse (a bug): " + e.getMessage(), e);
        }
    }

    /** The diff as text, with where the live configuration came from and why some changes happen. */
    public String text() {
        StringBuilder o = new StringBuilder();
        o.append("live: ").append(live.mainFile()).append(" (").append(live.source()).append(")\n");
        live.warnings().forEach(w -> o.append("warning: ").append(w).append('\n'));
        o.append("push: Orrery's ").append(word(live.kind())).append(" configuration, fingerprint ").append(rendered.fingerprint())
                .append(live.kind() == BalancerKind.NGINX ? (live.features().checkModule() ? " (with the check module, as nginx -V shows)"
                        : " (stock nginx: nginx -V shows no check module)") : "").append("\n\n");
        o.append(diff.text(ProxyDiffs.notes(live.features().checkModule())));
        return o.toString();
    }

    private static String word(BalancerKind k) {
        return k == BalancerKind.NGINX ? "nginx" : "HAProxy";
    }
}
