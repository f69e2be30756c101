package dev.orrery.proxy;

import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.ClusterValidator;
import dev.orrery.model.InvalidClusterException;
import dev.orrery.model.Problem;
import dev.orrery.model.Role;
import dev.orrery.remote.Host;
import dev.orrery.remote.LineListener;
import dev.orrery.remote.RemoteException;
import dev.orrery.task.Progress;

import java.util.List;

/**
 * Takes one app server out of rotation (drain) or puts it back (undrain), for deploys.
 * nginx: re-render with the server marked {@code down} and push (a graceful reload).
 * HAProxy: the runtime API's {@code set server BACKEND/NAME state drain|ready} — no reload, so
 * no keep-alive connection is cut. Either way the returned cluster records the drain, so the
 * next render keeps it; the caller saves it.
 */
public final class ProxyDrain {

    private final Host host;
    private final BalancerLayout layout;

    public ProxyDrain(Host host, BalancerLayout layout) {
        this.host = host;
        this.layout = layout;
    }

    public Cluster drain(Cluster cluster, String server, Progress progress) throws RemoteException, ProxyPushException {
        return set(cluster, server, true, progress);
    }

    public Cluster undrain(Cluster cluster, String server, Progress progress) throws RemoteException, ProxyPushException {
        return set(cluster, server, false, progress);
    }

    private Cluster set(Cluster cluster, String server, boolean drain, Progress progress) throws RemoteException, ProxyPushException {
        if (cluster.server(server).filter(s -> s.role() == Role.APP).isEmpty()) {
            throw new InvalidClusterException(List.of(new Problem("server", "\"" + server + "\" is not an app server of " + cluster.name())));
        }
        Cluster next = cluster.withBalancer(cluster.balancer().withDrained(server, drain));
        ClusterValidator.requireValid(next);
        progress.step((drain ? "Drain " : "Undrain ") + server);
        if (cluster.balancer().kind() == BalancerKind.HAPROXY && layout.statsSocket() != null) {
            boolean socat = host.exec(BalancerCommands.hasSocat(), LineListener.IGNORE).ok();
            String line = runtimeLine(next, server, drain);
            StringBuilder answer = new StringBuilder();
            host.run(BalancerCommands.runtimeApi(layout.statsSocket(), line, socat), l -> answer.append(l).append('\n'));
            // The runtime API answers an empty line on success and a sentence on refusal ("No such server.").
            if (!answer.toString().isBlank()) {
                throw new ProxyPushException(host.name(), "runtime API", line + ": " + answer.toString().strip(), false, null);
            }
            progress.log(line);
            return next;
        }
        new ProxyPush(host, layout).push(next, progress);
        return next;
    }

    /** {@code set server crater/app-2 state drain}; names passed {@code Rules.name}, so they are plain words. */
    public static String runtimeLine(Cluster cluster, String server, boolean drain) {
        return "set server " + cluster.name() + "/" + server + " state " + (drain ? "drain" : "ready");
    }
}
