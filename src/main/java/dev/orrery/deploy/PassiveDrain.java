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
 * <p>nginx then skips the server for {@code fail_timeout} (10 s by default). With fewer than three
 * app servers the next server must not go out before that ends, or no server would be left:
 * {@code settle} is that wait.
 */
public final class PassiveDrain implements BalancerControl {
    private final Duration settle;
    private final Sleeper sleeper;

    public PassiveDrain(Duration settle) {
        this(settle, Sleeper.REAL);
    }

    PassiveDrain(Duration settle, Sleeper sleeper) {
        this.settle = settle;
        this.sleeper = sleeper;
    }

    /** nginx's default fail_timeout when fewer than three app servers share the load, else nothing. */
    public static PassiveDrain forAppServers(int count) {
        return new PassiveDrain(count < 3 ? Duration.ofSeconds(10) : Duration.ZERO);
    }

    @Override
    public String describe() {
        return "nginx, no reload: the stopping app refuses new connections and nginx retries them on the next server";
    }

    @Override
    public void drain(Server server, Progress progress) {
        progress.log(server.name() + ": nginx is not reloaded (a reload drops keep-alive requests); "
                + "new connections will be refused by the stopping app and passed on by nginx");
    }

    @Override
    public String awaitIdle(Server server, Duration max, Progress progress) {
        return "the app finishes its in-flight requests as it stops";
    }

    @Override
    public void undrain(Server server, Progress progress) throws InterruptedException {
        if (!settle.isZero()) {
            progress.log(server.name() + ": waiting " + settle.toSeconds() + " s for nginx's fail_timeout before the next server goes out");
            sleeper.sleep(settle);
        }
    }

    /** Waits; replaced in tests. */
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;

        Sleeper REAL = d -> Thread.sleep(d.toMillis());
    }
}
