package dev.orrery.logs;

import dev.orrery.deploy.AppLayout;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.proxy.BalancerLayout;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Which logs a cluster has, and where: each app server's app output (its systemd unit's journal,
 * or the supervisor's {@code log/app.log}, decided on the server) and the balancer's nginx access
 * and error logs. HAProxy, as Orrery configures it, writes no log file, so a HAProxy balancer
 * has none to follow.
 */
public final class LogTargets {
    /**
     * Where a cluster's logs live.
     *
     * @param appLayout   each app server's layout (its log file and unit name)
     * @param balancer    the balancer's layout (its log files)
     * @param systemd     whether an app may run under systemd (false for the sandbox: the supervisor only)
     */
    public record Places(Function<Server, AppLayout> appLayout, BalancerLayout balancer, boolean systemd) {
        /** A droplet's: /opt/APP, the distribution's nginx paths, systemd where it runs. */
        public static Places droplets(Cluster c) {
            return new Places(s -> AppLayout.of(c.app().name()), BalancerLayout.droplet(c.balancer().kind()), true);
        }
    }

    private LogTargets() {
    }

    public static List<LogTarget> of(Cluster cluster, Places places) {
        List<LogTarget> out = new ArrayList<>();
        for (Server s : cluster.servers()) {
            if (s.role() == Role.APP) {
                AppLayout layout = places.appLayout().apply(s);
                out.add(new LogTarget(s.name(), LogSource.APP, layout.logFile(), places.systemd() ? layout.unitName() : null));
            } else if (s.role() == Role.BALANCER && cluster.balancer().kind() == BalancerKind.NGINX) {
                BalancerLayout b = places.balancer();
                if (b.accessLog() != null) {
                    out.add(new LogTarget(s.name(), LogSource.ACCESS, b.accessLog(), null));
                }
                if (b.errorLog() != null) {
                    out.add(new LogTarget(s.name(), LogSource.ERROR, b.errorLog(), null));
                }
            }
        }
        return out;
    }
}
