package dev.orrery.alerts;

import dev.orrery.health.ProbeClock;
import dev.orrery.model.Webhook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Posts a cluster's alert messages to one webhook, in order, off every caller's thread: {@link #send}
 * only queues. A failed post (no connection, a timeout, 5xx, 429) is retried with exponential
 * backoff (1 s, 2 s, 4 s … up to 5 min, or what {@code Retry-After} asks) while the messages
 * behind it wait, so a resolved message never overtakes its firing message; the webhook shows as
 * failing meanwhile ({@link #status()}). A refusal that repeating cannot fix (other 4xx) drops that
 * message and says so. The URL is a secret: no message, log line or status ever contains it.
 */
public final class WebhookSender {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);
    static final long FIRST_BACKOFF_MS = 1_000;
    static final long MAX_BACKOFF_MS = 300_000;
    /** A message older than this is dropped rather than retried further (its news is stale). */
    static final long GIVE_UP_MS = 24 * 3600_000L;
    static final int MAX_QUEUED = 1000;

    /** How posting goes. {@code failing} while the head message keeps failing; {@code lastError} names why. */
    public record Status(String name, Webhook.Format format, boolean failing, String lastError, int attempts,
                         long nextRetryMs, int queued, long delivered, long dropped) {
    }

    /** One post's outcome, for the history. */
    public record Outcome(AlertEvent event, String webhook, boolean ok, int attempt, String detail) {
    }

    /** Sends one body; returns the HTTP status. Throws on a network fault. */
    @FunctionalInterface
    public interface Transport {
        Answer post(URI url, byte[] body) throws IOException, InterruptedException;
    }

    /** The status code and, for a 429 or 503, how long the server asks to wait (ms, or -1). */
    public record Answer(int status, long retryAfterMs) {
    }

    private record Pending(AlertEvent event, long queuedAt) {
    }

    private final Webhook webhook;
    private final UrlSource url;
    private final Transport transport;
    private final ProbeClock clock;
    private final Executor io;
    private final Deque<Pending> queue = new ArrayDeque<>();
    private final java.util.List<Consumer<Outcome>> listeners = new CopyOnWriteArrayList<>();
    private boolean busy;
    private int attempts;
    private long backoff = FIRST_BACKOFF_MS;
    private long nextRetry;
    private String lastError;
    private long delivered;
    private long dropped;
    private boolean closed;

    /** Where the URL comes from (the secret store, read when a message is sent, so a new URL counts at once). */
    @FunctionalInterface
    public interface UrlSource {
        Optional<String> url() throws IOException;
    }

    public WebhookSender(Webhook webhook, UrlSource url, Transport transport, ProbeClock clock, Executor io) {
        this.webhook = webhook;
        this.url = url;
        this.transport = transport;
        this.clock = clock;
        this.io = io;
    }

    public String name() {
        return webhook.name();
    }

    public void addListener(Consumer<Outcome> l) {
        listeners.add(l);
    }

    public void removeListener(Consumer<Outcome> l) {
        listeners.remove(l);
    }

    /** Queues {@code e}; returns at once. */
    public void send(AlertEvent e) {
        synchronized (this) {
            if (closed) {
                return;
            }
            if (queue.size() >= MAX_QUEUED) {
                queue.pollFirst();
                dropped++;
            }
            queue.addLast(new Pending(e, clock.nowMillis()));
            if (busy) {
                return;
            }
            busy = true;
        }
        dispatch();
    }

    public synchronized Status status() {
        return new Status(webhook.name(), webhook.format(), lastError != null, lastError, attempts, nextRetry, queue.size(), delivered, dropped);
    }

    public synchronized void close() {
        closed = true;
        queue.clear();
    }

    private void dispatch() {
        try {
            io.execute(this::attempt);
        } catch (RuntimeException shutDown) {
            synchronized (this) {
                busy = false;
            }
        }
    }

    /** On io: posts the head message once; books the next attempt or the next message. */
    private void attempt() {
        Pending head;
        synchronized (this) {
            head = queue.peekFirst();
            while (head != null && clock.nowMillis() - head.queuedAt() > GIVE_UP_MS) {
                queue.pollFirst();
                dropped++;
                lastError = "gave up on a message after " + attempts + " attempts in 24 h: " + lastError;
                attempts = 0;
                backoff = FIRST_BACKOFF_MS;
                head = queue.peekFirst();
            }
            if (head == null || closed) {
                busy = false;
                return;
            }
        }
        String problem;
        long wait = -1;
        boolean permanent = false;
        int attempt;
        synchronized (this) {
            attempt = ++attempts;
        }
        try {
            Optional<String> target = url.url();
            if (target.isEmpty()) {
                problem = "no URL is stored for webhook " + webhook.name() + " (orrery alerts webhook set … or the window's Alerts tab)";
            } else {
                Answer a = transport.post(URI.create(target.get()), AlertBodies.body(webhook.format(), head.event()));
                if (a.status() >= 200 && a.status() < 300) {
                    problem = null;
                } else {
                    problem = "HTTP " + a.status();
                    wait = a.retryAfterMs();
                    permanent = a.status() >= 400 && a.status() < 500 && a.status() != 408 && a.status() != 429;
                }
            }
        } catch (IOException e) {
            problem = e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + scrub(e.getMessage()) : "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            synchronized (this) {
                busy = false;
            }
            return;
        } catch (RuntimeException e) { // a URL that does not parse, or the client refusing it
            problem = "cannot post: " + e.getClass().getSimpleName();
            permanent = true;
        }
        Outcome outcome = new Outcome(head.event(), webhook.name(), problem == null, attempt,
                problem == null ? "delivered" : permanent ? problem + "; not retried" : problem + "; retrying");
        listeners.forEach(l -> l.accept(outcome));
        synchronized (this) {
            if (problem == null || permanent) {
                queue.pollFirst();
                if (problem == null) {
                    delivered++;
                    lastError = null;
                } else {
                    dropped++;
                    lastError = problem + " (message dropped: check the webhook's URL)";
                    LOG.warn("webhook {}: {}", webhook.name(), lastError);
                }
                attempts = 0;
                backoff = FIRST_BACKOFF_MS;
                nextRetry = 0;
                if (queue.isEmpty()) {
                    busy = false;
                    return;
                }
            } else {
                lastError = problem;
                long delay = wait > 0 ? Math.min(wait, MAX_BACKOFF_MS) : backoff;
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
                nextRetry = clock.nowMillis() + delay;
                LOG.info("webhook {}: {} (attempt {}); next try in {} ms", webhook.name(), problem, attempt, delay);
                clock.schedule(this::dispatch, delay);
                return;
            }
        }
        dispatch();
    }

    /** Text from the network may echo the URL (it holds the secret): keep only the host-free words. */
    private String scrub(String message) {
        try {
            Optional<String> u = url.url();
            if (u.isPresent()) {
                return message.replace(u.get(), "[webhook URL]");
            }
        } catch (IOException ignored) {
            // nothing to scrub with
        }
        return message;
    }

    /** Posts with the JDK's HTTP client: JSON, a 10 s timeout, no redirects (they would carry the body elsewhere). */
    public static Transport http() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        return (uri, body) -> {
            HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json").header("User-Agent", "Orrery")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            HttpResponse<Void> r = client.send(req, HttpResponse.BodyHandlers.discarding());
            long after = r.headers().firstValue("Retry-After").map(WebhookSender::seconds).orElse(-1L);
            return new Answer(r.statusCode(), after);
        };
    }

    private static long seconds(String v) {
        try {
            return Long.parseLong(v.trim()) * 1000;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
