package dev.orrery.remote;

import dev.orrery.model.Server;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The pool of SSH hosts: one {@link SshHost} (so one connection) per server, reused by every
 * job, reconnecting when dropped and closed after {@link SshSettings#idleTimeout()} unused.
 * A server whose address, port, user or key changed gets a new host.
 */
public final class SshHosts implements HostResolver, AutoCloseable {
    private final SshConnector connector;
    private final ScheduledExecutorService scheduler;
    private final Map<SshTarget, SshHost> hosts = new ConcurrentHashMap<>();
    private final ScheduledFuture<?> idleSweep;

    /** @param scheduler the Engine's scheduler: command timeouts and idle closing run on it (null: neither) */
    public SshHosts(SshConnector connector, ScheduledExecutorService scheduler) {
        this.connector = connector;
        this.scheduler = scheduler;
        long idle = connector.settings().idleTimeout().toNanos();
        this.idleSweep = scheduler != null && idle > 0
                ? scheduler.scheduleWithFixedDelay(() -> hosts.values().forEach(h -> h.closeIfIdle(idle)), 30, 30, TimeUnit.SECONDS)
                : null;
    }

    @Override
    public SshHost hostFor(Server server) {
        return hostFor(SshTarget.of(server));
    }

    public SshHost hostFor(SshTarget target) {
        return hosts.computeIfAbsent(target, t -> new SshHost(t, connector, scheduler));
    }

    /**
     * A host outside the pool with its own new connection, for proving that a new login still
     * works (after a firewall change, say). The caller closes it.
     */
    public SshHost fresh(Server server) {
        return new SshHost(SshTarget.of(server), connector, scheduler);
    }

    public List<SshHost> all() {
        return List.copyOf(hosts.values());
    }

    @Override
    public void close() {
        if (idleSweep != null) {
            idleSweep.cancel(false);
        }
        hosts.values().forEach(SshHost::close);
        hosts.clear();
    }
}
