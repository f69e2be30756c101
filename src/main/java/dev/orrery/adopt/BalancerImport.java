package dev.orrery.adopt;

import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.Role;
import dev.orrery.model.Rules;
import dev.orrery.model.Server;
import dev.orrery.remote.Command;
import dev.orrery.remote.HostResolver;
import dev.orrery.remote.LineListener;
import dev.orrery.remote.RemoteException;
import dev.orrery.task.Progress;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * {@code orrery import balancer}: reads what the balancer host runs and imports it into the
 * cluster. App servers a mup file knew only by their public address are asked for their
 * addresses first ({@code hostname -I}), so the balancer's private upstream addresses find them.
 */
public final class BalancerImport {

    /**
     * @param kind       nginx or HAProxy, or null to find out on the host
     * @param configFile the main configuration file, or null for what the running balancer uses
     * @param serverName the site's name for HAProxy's TLS (its file does not say it), or null
     */
    public record Options(BalancerKind kind, String configFile, String serverName) {
    }

    private BalancerImport() {
    }

    /** The cluster's balancer server for {@code address}: the one it has, or a new {@code lb-1}. */
    public static Server balancerServer(Cluster base, String address, String sshUser, int sshPort, String sshKey) throws ImportException {
        if (Rules.address(address).isPresent()) {
            throw new ImportException("--host " + Rules.address(address).get());
        }
        if (base != null) {
            for (Server s : base.servers()) {
                if (address.equals(s.publicAddress()) || address.equals(s.privateAddress())) {
                    if (s.role() != Role.BALANCER) {
                        throw new ImportException(address + " is " + s.name() + ", a " + s.role().label().toLowerCase() + " of the cluster, not its balancer");
                    }
                    return s;
                }
            }
            if (base.balancerServer().isPresent()) {
                throw new ImportException("the cluster's balancer is " + base.balancerServer().get().name() + " at "
                        + base.balancerServer().get().publicAddress() + ", not " + address);
            }
        }
        String name = base != null ? base.suggestName(Role.BALANCER) : "lb-1";
        return Server.of(name, Role.BALANCER, address).withAddresses(address, null)
                .withSsh(sshUser != null ? sshUser : "root", sshPort, sshKey);
    }

    public static ImportResult run(Cluster base, Server balancer, HostResolver hosts, Options o, Progress progress)
            throws RemoteException, ImportException {
        LiveBalancer live = new BalancerReader(hosts.hostFor(balancer), progress).read(o.kind(), o.configFile());
        return importLive(base, balancer, live, hosts, o, progress);
    }

    /**
     * Imports a configuration already read (over SSH, or from a saved file). With {@code hosts}
     * null nothing is connected to: app servers are matched by the addresses the file has.
     */
    public static ImportResult importLive(Cluster base, Server balancer, LiveBalancer live, HostResolver hosts, Options o, Progress progress)
            throws ImportException {
        List<String> notes = new ArrayList<>(live.warnings());
        Cluster b = base != null && hosts != null ? discover(base, live, hosts, progress, notes) : base;
        ImportResult r = live.kind() == BalancerKind.NGINX
                ? NginxImport.read(live.nginx(), b, new NginxImport.Options(live.features().checkModule()))
                : HaproxyImport.read(live.haproxy(), b, o.serverName());
        Cluster c = r.cluster();
        if (c.balancerServer().isEmpty()) {
            c = c.withServer(balancer);
        }
        notes.add(0, "read " + live.mainFile() + " via " + live.source() + (hosts != null ? " on " + balancer.name() + " (" + balancer.publicAddress() + ")" : ""));
        notes.addAll(r.notes());
        return new ImportResult(c, r.items(), notes);
    }

    /** Fills in the private address of app servers the balancer knows only by it. */
    private static Cluster discover(Cluster base, LiveBalancer live, HostResolver hosts, Progress progress, List<String> notes) {
        Set<String> upstream = UpstreamMembers.of(live);
        Cluster c = base;
        for (Server s : base.appServers()) {
            if (s.privateAddress() != null && !s.privateAddress().isBlank()) {
                continue;
            }
            if (upstream.stream().anyMatch(ep -> ep.startsWith(s.publicAddress() + ":"))) {
                continue;
            }
            try {
                progress.serverStep(s.name(), "ask for its addresses", false);
                String out = hosts.hostFor(s).exec(Command.of("hostname", "-I"), LineListener.IGNORE).output();
                for (String a : Arrays.asList(out.trim().split("\\s+"))) {
                    if (!a.equals(s.publicAddress()) && upstream.stream().anyMatch(ep -> ep.startsWith(a + ":"))) {
                        c = c.replaceServer(s.name(), s.withAddresses(s.publicAddress(), a));
                        notes.add(s.name() + " answers on " + a + " as well, the address the balancer uses: its private address");
                        break;
                    }
                }
            } catch (RemoteException e) {
                notes.add(s.name() + " was not asked for its addresses (" + e.getMessage() + "); it is matched by its public address only");
            }
        }
        return c;
    }
}
