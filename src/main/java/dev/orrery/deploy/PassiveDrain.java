package dev.orrery.deploy;

import dev.orrery.model.Server;
import dev.orrery.task.Progress;

import java.time.Duration;

/**
 * Drains a server behind stock nginx without reloading nginx. Measured (see the load-balancing
 * reference): every {@code nginx -s reload} under load loses keep-alive requests — old workers
 * close idle client connections and a client's next request on one gets EOF — so marking the
 * server {@code down} and reloading cannot give zero failed requests to a client that does not
 * retry. Instead nothing changes at nginx: stopping the app (SIGTERM) closes its listening socket,
 * so new connections are refused before any byte is sent, and nginx passes those requests, POSTs
 * included, to the next server ({@code proxy_next_upstream error}, its default); the requests the
 * app already has finish before it exits. Client connections to nginx are never touched.
 *
 * <p>nginx then skips the server for {@code fail_timeout} after its first refused connection
 * ({@link dev.orrery.proxy.ProxyRenderer#PASSIVE_FAIL_TIMEOUT_SECONDS} as Orrery renders it; nginx
 * compares whole seconds, so the skip lasts up to one second longer, hence the margin). Measured in DeployIT: without waiting that out, the third server of three
 * went out while nginx still skipped the first two, and nginx answered 502 "no live upstreams".
 * So the next server goes out only once nginx sends to the previous one again: {@code settle}
 * (fail_timeout plus a margin) counted from the previous server's undrain, which comes after its
 * health gate, so after its last refused connection. The first server and the end of the rollout
 * wait for nothing.
 *
 * <p>Knowing how many app servers the upstream has, the wait is shorter: the windows in which
 * nginx may still skip recently switched servers may overlap, as long as the servers nginx is
 * sure to send to stay at least {@link Batches#minServing} (half, rounded up — the same guard as
 * {@code --batch}). On three servers that is the full wait, as before; on ten, up to four windows
 * overlap and the rollout is bound by the servers' own switch time instead of by fail_timeout.
 */
public final class PassiveDrain implements BalancerControl {
    private final Duration settle;
    private final int appServers;
    private final Sleeper sleeper;
    /** The balancers, to read their client connections from (empty: not known). */
    private java.util.List<dev.orrery.remote.Host> balancerHosts = java.util.List.of();
    private int httpPort;
    private int httpsPort;
    /** Servers switched back in, and when nginx may have stopped skipping them (undrain + settle). */
    private java.util.Map<String, Long> skippedUntil = new java.util.concurrent.ConcurrentHashMap<>();
    /** Per balancer, the windows of rollouts that ended: the next rollout on it starts from them. */
    private static final java.util.Map<String, java.util.Map<String, Long>> RECENT = new java.util.concurrent.ConcurrentHashMap<>();
    /** Servers out now (drained, not yet undrained). */
    private final java.util.Set<String> out = new java.util.HashSet<>();

    /** Waits out every earlier server's window before the next leaves (the upstream's size unknown). */
    public PassiveDrain(Duration settle) {
        this(settle, 0, Sleeper.REAL);
    }

    /** Lets windows overlap while at least {@link Batches#minServing}{@code (appServers)} servers are sure to be served. */
    public PassiveDrain(Duration settle, int appServers) {
        this(settle, appServers, Sleeper.REAL);
    }

    PassiveDrain(Duration settle, int appServers, Sleeper sleeper) {
        this.settle = settle;
        this.appServers = appServers;
        this.sleeper = sleeper;
    }

    /** fail_timeout as NginxRenderer writes it ({@code max_fails=1 fail_timeout=}{@link dev.orrery.proxy.ProxyRenderer#PASSIVE_FAIL_TIMEOUT_SECONDS}). */
    public static final Duration NGINX_FAIL_TIMEOUT = Duration.ofSeconds(dev.orrery.proxy.ProxyRenderer.PASSIVE_FAIL_TIMEOUT_SECONDS);

    /** For Orrery's rendered nginx: its fail_timeout plus one second. */
    public static PassiveDrain forOrreryNginx() {
        return new PassiveDrain(NGINX_FAIL_TIMEOUT.plusSeconds(1));
    }

    /** Reads the balancer's client connections over {@code host} for the rollout's order ({@link HashAwareOrder}). */
    public PassiveDrain readingClientsFrom(dev.orrery.remote.Host host, int httpPort, int httpsPort) {
        return readingClientsFrom(java.util.List.of(host), httpPort, httpsPort);
    }

    /**
     * Reads the client connections of every balancer in {@code hosts} (both of a failover pair: the
     * standby has none normally, but after a failover the clients are on the second).
     */
    public PassiveDrain readingClientsFrom(java.util.List<? extends dev.orrery.remote.Host> hosts, int httpPort, int httpsPort) {
        this.balancerHosts = java.util.List.copyOf(hosts);
        this.httpPort = httpPort;
        this.httpsPort = httpsPort;
        return this;
    }

    /**
     * Starts from the windows the last rollout through this balancer left open, and leaves its own
     * for the next: a rollback or a second deploy started seconds after a rollout must still wait
     * until nginx sends to the servers it just switched (in this process; another process's
     * rollout is not known here).
     */
    public PassiveDrain rememberingWindowsOf(String balancerKey) {
        this.skippedUntil = RECENT.computeIfAbsent(balancerKey, k -> new java.util.concurrent.ConcurrentHashMap<>());
        return this;
    }

    @Override
    public java.util.List<String> clientAddresses() throws Exception {
        if (balancerHosts.isEmpty()) {
            return null;
        }
        // A balancer that cannot be read (a failed one of a pair) has no clients to bounce; only
        // when none can be read is the order unknown.
        java.util.List<String> all = new java.util.ArrayList<>();
        Exception first = null;
        int read = 0;
        for (dev.orrery.remote.Host h : balancerHosts) {
            try {
                all.addAll(BalancerClients.read(h, httpPort, httpsPort));
                read++;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                first = first == null ? e : first;
            }
        }
        if (read == 0) {
            throw first;
        }
        return all;
    }

    /** For Orrery's rendered nginx in front of {@code appServers} app servers. */
    public static PassiveDrain forOrreryNginx(int appServers) {
        return new PassiveDrain(NGINX_FAIL_TIMEOUT.plusSeconds(1), appServers);
    }

    @Override
    public String describe() {
        return "nginx, no reload: the stopping app refuses new connections and nginx retries them on the next server";
    }

    @Override
    public synchronized void drain(Server server, Progress progress) throws InterruptedException {
        long waitUntil = mayLeaveAt(server.name());
        long waitMs = (waitUntil - sleeper.nanoTime()) / 1_000_000;
        if (waitMs > 0) {
            progress.log(server.name() + ": waiting " + waitMs + " ms until nginx's fail_timeout for "
                    + (appServers > 0 ? "enough switched servers" : "the previous server") + " has passed");
            sleeper.sleep(Duration.ofMillis(waitMs));
        }
        out.add(server.name());
        progress.log(server.name() + ": nginx is not reloaded (a reload drops keep-alive requests); "
                + "new connections will be refused by the stopping app and passed on by nginx");
    }

    @Override
    public boolean refusesConnectionsToDrain() {
        return true;
    }

    @Override
    public String awaitIdle(Server server, Duration max, Progress progress) {
        return "the app finishes its in-flight requests as it stops";
    }

    @Override
    public synchronized void undrain(Server server, Progress progress) {
        out.remove(server.name());
        skippedUntil.put(server.name(), sleeper.nanoTime() + settle.toNanos());
    }

    /**
     * When {@code leaving} may go out: once the servers nginx may be skipping (out now, or still in
     * their window) leave {@code minServing} others sure to be served; unknown size: once every window
     * has passed. Servers whose window has passed are forgotten.
     */
    private long mayLeaveAt(String leaving) {
        long now = sleeper.nanoTime();
        skippedUntil.values().removeIf(until -> until - now <= 0);
        skippedUntil.remove(leaving);
        java.util.List<Long> windows = skippedUntil.values().stream().sorted().toList();
        if (appServers <= 0) {
            return windows.isEmpty() ? now : windows.get(windows.size() - 1);
        }
        int mayBeSkipped = appServers - Batches.minServing(appServers) - out.size() - 1;
        int tooMany = windows.size() - Math.max(0, mayBeSkipped);
        // the earliest windows must close first: the tooMany-th to close is when enough have
        return tooMany <= 0 ? now : windows.get(tooMany - 1);
    }

    /** Time and waiting; replaced in tests. */
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;

        long nanoTime();

        Sleeper REAL = new Sleeper() {
            @Override
            public void sleep(Duration d) throws InterruptedException {
                Thread.sleep(d.toMillis());
            }

            @Override
            public long nanoTime() {
                return System.nanoTime();
            }
        };
    }
}
