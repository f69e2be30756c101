package dev.orrery.proxy;

import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.remote.Host;
import dev.orrery.remote.LineListener;
import dev.orrery.remote.RemoteException;

import java.util.List;
import java.util.Optional;

/**
 * The balancer's own view of the app servers, read on its host: HAProxy's {@code show stat}
 * over the admin socket, or the nginx check module's {@code /check-status?format=json}. Stock
 * nginx checks only passively and keeps no status to read: the view is empty, and Orrery's own
 * probes (the health engine) are the only out-of-band view.
 */
public final class BalancerView {

    private BalancerView() {
    }

    public static Optional<List<PeerStatus>> read(Host host, Cluster cluster, BalancerLayout layout) throws RemoteException {
        if (cluster.balancer().kind() == BalancerKind.HAPROXY) {
            if (layout.statsSocket() == null) {
                return Optional.empty();
            }
            boolean socat = host.exec(BalancerCommands.hasSocat(), LineListener.IGNORE).ok();
            StringBuilder out = new StringBuilder();
            host.run(BalancerCommands.runtimeApi(layout.statsSocket(), "show stat", socat), collect(out));
            return Optional.of(HaproxyStatParser.parse(out.toString(), cluster));
        }
        BalancerFeatures features = BalancerFeatures.fromNginxV(host.exec(BalancerFeatures.detectCommand(), LineListener.IGNORE).output());
        if (!features.checkModule()) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder();
        host.run(BalancerCommands.localGet(layout, cluster.balancer().httpPort(), "/check-status?format=json"), collect(out));
        return Optional.of(CheckStatusParser.parse(out.toString(), cluster));
    }

    /** A host's ExecResult keeps only the last lines; the listener sees every one. */
    private static LineListener collect(StringBuilder out) {
        return line -> out.append(line).append('\n');
    }
}
