package dev.orrery.health;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

/**
 * Probes with {@code java.net.http.HttpClient}, chosen over okhttp on purpose: its
 * {@code sendAsync} is non-blocking NIO (one selector thread for all probes), whereas okhttp's
 * {@code enqueue} parks a dispatcher thread on every call in flight. With 1000 servers at
 * 750 ms and a 1 s timeout, a network where hosts vanish would hold ~1300 okhttp threads; here
 * it holds none. It also needs no per-host dispatcher limits lifted (okhttp allows 5 calls per
 * host by default, which would starve probes through one forwarded address).
 *
 * <p>Like the module's {@code check_http_send "GET / HTTP/1.0"}: a plain GET, redirects not
 * followed (a 3xx counts as alive), HTTP/1.1 only (no h2c upgrade dance). The body is
 * discarded. The connect and the whole exchange each get {@code timeoutMs}.
 */
public final class HttpProber implements Prober {
    private final HttpClient client;

    /**
     * @param executor         where the client completes its futures: the Engine's io pool
     * @param connectTimeoutMs the check's timeout (the client holds one connect timeout for all)
     */
    public HttpProber(Executor executor, int connectTimeoutMs) {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .connectTimeout(Duration.ofMillis(connectTimeoutMs))
                .build();
    }

    @Override
    public CompletableFuture<ProbeResult> probe(URI target, int timeoutMs) {
        long start = System.nanoTime();
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(target).GET()
                    .timeout(Duration.ofMillis(timeoutMs))
                    .header("User-Agent", "orrery-health")
                    .build();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(ProbeResult.failed(Outcome.ERROR, 0, e.getMessage()));
        }
        CompletableFuture<HttpResponse<Void>> sent;
        try {
            sent = client.sendAsync(request, HttpResponse.BodyHandlers.discarding());
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(classify(e, elapsedMs(start)));
        }
        return sent.handle((response, error) -> {
            double ms = elapsedMs(start);
            return error == null ? ProbeResult.ok(ms, response.statusCode()) : classify(error, ms);
        });
    }

    private static double elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000.0;
    }

    /** Maps the client's exceptions to the module's failure kinds. */
    static ProbeResult classify(Throwable error, double ms) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof HttpConnectTimeoutException || c instanceof HttpTimeoutException) {
                return ProbeResult.failed(Outcome.TIMEOUT, ms, "timed out");
            }
            if (c instanceof ConnectException) {
                return ProbeResult.failed(Outcome.REFUSED, ms, "connection refused");
            }
        }
        String msg = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        return ProbeResult.failed(Outcome.ERROR, ms, msg);
    }
}
