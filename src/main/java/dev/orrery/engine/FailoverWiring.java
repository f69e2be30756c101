package dev.orrery.engine;

import dev.orrery.cloud.DigitalOceanClient;
import dev.orrery.engine.state.LiveClusterState;
import dev.orrery.ha.BalancerToken;
import dev.orrery.ha.FailoverDrill;
import dev.orrery.ha.FailoverSetup;
import dev.orrery.ha.FailoverStatus;
import dev.orrery.ha.HaLayout;
import dev.orrery.ha.ReservedIpProbe;
import dev.orrery.model.Cluster;
import dev.orrery.remote.HostKeyPrompt;
import dev.orrery.remote.HostResolver;
import dev.orrery.remote.SshHosts;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;

/**
 * Balancer failover as {@link Orrery} offers it: the setup and drill jobs with their wiring, and
 * the live state's failover facts. {@link Orrery} documents the public calls that reach here.
 */
final class FailoverWiring {

    private final Orrery orrery;

    FailoverWiring(Orrery orrery) {
        this.orrery = orrery;
    }

    FailoverSetupJob setupJob(Cluster cluster, FailoverSetup.IpSaver saver, HostResolver hosts) throws IOException {
        String token = orrery.secret(BalancerToken.slot(cluster.name())).load().orElseThrow(() -> new IllegalStateException(
                "no DigitalOcean token for " + cluster.name() + "'s balancers: give one limited to reserved_ip:update with "
                        + "`orrery balancer failover setup " + cluster.name() + " --token-stdin`"));
        DigitalOceanClient client = orrery.digitalOcean().client();
        return new FailoverSetupJob(cluster, new FailoverSetup(hosts, client.reservedIps(), apiBase(client),
                HaLayout.droplet(), new BalancerToken(token), saver), orrery.clusterLock(hosts));
    }

    FailoverDrillJob drillJob(Cluster cluster, HostResolver hosts) throws IOException {
        return new FailoverDrillJob(cluster, new FailoverDrill(hosts, orrery.digitalOcean().client().reservedIps(),
                orrery.balancerLayout(cluster), ReservedIpProbe.HTTP), orrery.clusterLock(hosts));
    }

    AutoCloseable watch(Cluster cluster, Duration every) {
        if (cluster.balancer().failover() == null || cluster.balancer().failover().reservedIp() == null) {
            return () -> { };
        }
        SshHosts hosts = orrery.sshHosts(HostKeyPrompt.REFUSE);
        ScheduledFuture<?> tick = IoPoll.every(orrery.engine(), every.toMillis(), () -> {
            try {
                read(cluster, hosts);
            } catch (Exception e) {
                // no token or API unreachable: the last known state stays shown
            }
        });
        return () -> {
            tick.cancel(false);
            orrery.engine().io().execute(hosts::close);
        };
    }

    FailoverStatus read(Cluster cluster, HostResolver hosts) throws IOException {
        FailoverStatus st = FailoverStatus.read(cluster, hosts, orrery.digitalOcean().client().reservedIps(), HaLayout.droplet());
        LiveClusterState l = orrery.live(cluster.name());
        st.keepalived().forEach((server, k) -> l.setFailover(server, st.reservedIp(), server.equals(st.holder()), k.state()));
        return st;
    }

    /** The API's address as the balancers' notify script calls it: scheme, host and port, no path. */
    static String apiBase(DigitalOceanClient client) {
        String u = client.config().baseUrl().toString();
        return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
    }
}
