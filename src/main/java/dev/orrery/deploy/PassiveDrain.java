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
 * <p>nginx then skips the server for {@code fail_timeout} after its first refused connection (10 s
 * as Orrery renders it). Measured in DeployIT: without waiting that out, the third server of three
 * went out while nginx still skipped the first two, and nginx answered 502 "no live upstreams".
 * So the next server goes out only once nginx sends to the previous one again: {@code settle}
 * (fail_timeout plus a margin) counted from the previous server's undrain, which comes after its
 * health gate, so after its last refused connection. The first server and the end of the rollout
 * wait for nothing.
 */
public final class PassiveDrain implements BalancerControl {
    private final Duration settle;
    private final Sleeper sleeper;
    private long lastUndrain = Long.MIN_VALUE;
    /** The balancer, to read its client connections from (null: not known). */
    private dev.orrery.remote.Host balancerHost;
    private int httpPort;
    private int httpsPort;

    public PassiveDrain(Duration settle) {
        this(settle, Sleeper.REAL);
    }

    PassiveDrain(Duration settle, Sleeper sleeper) {
        this.settle = settle;
        this.sleeper = sleeper;
    }

    /** fail_timeout as NginxRenderer writes it ({@code max_fails=1 fail_timeout=10s}). */
    public static final Duration NGINX_FAIL_TIMEOUT = Duration.ofSeconds(dev.orrery.proxy.ProxyRenderer.PASSIVE_FAIL_TIMEOUT_SECONDS);

    /** For Orrery's rendered nginx: its fail_timeout plus one second. */
    public static PassiveDrain forOrreryNginx() {
        return new PassiveDrain(NGINX_FAIL_TIMEOUT.plusSeconds(1));
    }

    /** Reads the balancer's client connections over {@code host} for the rollout's order ({@link HashAwareOrder}). */
    public PassiveDrain readingClientsFrom(dev.orrery.remote.Host host, int httpPort, int httpsPort) {
        this.balancerHost = host;
        this.httpPort = httpPort;
        this.httpsPort = httpsPort;
        return this;
    }

    @Override
    public java.util.List<String> clientAddresses() throws Exception {
        return balancerHost == null ? null : BalancerClients.read(balancerHost, httpPort, httpsPort);
    }

    @Override
    public String describe() {
        return "nginx, no reload: the stopping app refuses new connections and nginx retries them on the next server";
    }

    @Override
    public synchronized void drain(Server server, Progress progress) throws InterruptedException {
        if (lastUndrain != Long.MIN_VALUE) {
            long waitMs = (lastUndrain + settle.toNanos() - sleeper.nanoTime()) / 1_000_000;
            if (waitMs > 0) {
                progress.log(server.name() + ": waiting " + waitMs + " ms until nginx's fail_timeout for the previous server has passed");
                sleeper.sleep(Duration.ofMillis(waitMs));
            }
        }
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
        lastUndrain = sleeper.nanoTime();
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
