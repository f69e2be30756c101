package dev.orrery.health;

import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.Server;
import dev.orrery.proxy.ProxyRenderer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What can be said about the balancer's treatment of each app server when its own view cannot be
 * read: the upstream exactly as Orrery renders it. A stock nginx (the sandbox's, most droplets')
 * has no check-status page, so this is all there is: each server is in rotation with nginx's
 * passive checks ({@code max_fails=1 fail_timeout=}{@link ProxyRenderer#PASSIVE_FAIL_TIMEOUT_SECONDS}), or {@code down} because it is drained.
 * A polled view ({@link BalancerView}) always takes precedence. No JavaFX.
 */
public final class ConfiguredUpstream {

    /**
     * @param state    the word for the balancer column ("in rotation", "drained (down)")
     * @param checks   what the balancer checks with, instead of counters it does not keep
     * @param drained  true when the configuration keeps it out of rotation on purpose
     */
    public record Entry(String server, String state, String checks, boolean drained) {
    }

    private ConfiguredUpstream() {
    }

    /** Each app server's line in the rendered upstream (nginx) or backend (HAProxy), by name. */
    public static Map<String, Entry> of(Cluster c) {
        Map<String, Entry> out = new LinkedHashMap<>();
        boolean nginx = c.balancer().kind() == BalancerKind.NGINX;
        boolean hasBalancer = c.balancerServer().isPresent();
        for (Server s : c.appServers()) {
            boolean drained = c.balancer().isDrained(s.name());
            if (!hasBalancer) {
                out.put(s.name(), new Entry(s.name(), "no balancer", "none", drained));
            } else if (drained) {
                out.put(s.name(), new Entry(s.name(), nginx ? "drained (down)" : "drained (drain)", "out of rotation", true));
            } else if (nginx) {
                out.put(s.name(), new Entry(s.name(), "in rotation", "passive only", false));
            } else {
                out.put(s.name(), new Entry(s.name(), "in rotation", "HAProxy's own (not read)", false));
            }
        }
        return out;
    }

    /** One line saying why the balancer's own view is not shown and what is shown instead. */
    public static String reason(Cluster c) {
        if (c.balancerServer().isEmpty()) {
            return "Balancer's own view: none — this cluster has no load balancer.";
        }
        if (c.balancer().kind() == BalancerKind.NGINX) {
            return "Balancer's own view: none to read — stock nginx has no check-status page. Shown: each server's upstream"
                    + " line as rendered, in rotation with passive checks (max_fails=1 fail_timeout="
                    + ProxyRenderer.PASSIVE_FAIL_TIMEOUT_SECONDS + "s) or down when drained.";
        }
        return "Balancer's own view: HAProxy's stats are not read from the window. Shown: each server's backend line as rendered.";
    }
}
