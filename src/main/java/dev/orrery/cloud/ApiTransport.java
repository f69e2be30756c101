package dev.orrery.cloud;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.annotation.JsonInclude;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * HTTP for the DigitalOcean API: the bearer token, a deadline on every call, retries that are
 * safe ({@link RetryPolicy}), error bodies turned into {@link CloudException}s, and pagination
 * by {@code links.pages.next}. The token is set in one place (here) and scrubbed from every
 * text that leaves this class.
 */
final class ApiTransport {
    private static final Logger LOG = LoggerFactory.getLogger(ApiTransport.class);
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final int MAX_PAGES = 1000;

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private final DigitalOceanConfig config;
    private final ApiToken token;
    private final HttpUrl base;
    private final OkHttpClient http;
    private final RetryPolicy retry;

    ApiTransport(DigitalOceanConfig config, ApiToken token, RetryPolicy retry) {
        this.config = config;
        this.token = token;
        this.base = HttpUrl.get(config.baseUrl().toString());
        this.retry = retry;
        this.http = new OkHttpClient.Builder()
                .connectTimeout(config.connectTimeout())
                .readTimeout(config.callTimeout())
                .writeTimeout(config.callTimeout())
                .callTimeout(config.callTimeout())
                // Retries are decided here, knowing which calls are safe to repeat.
                .retryOnConnectionFailure(false)
                // A redirect would carry the token to wherever it points.
                .followRedirects(false)
                .followSslRedirects(false)
                .socketFactory(new NoDelaySockets())
                .build();
    }

    HttpUrl url(String path) {
        HttpUrl u = base.resolve(path);
        if (u == null) {
            throw new IllegalArgumentException("bad API path " + path);
        }
        return u;
    }

    JsonNode get(HttpUrl url) {
        return send("GET", url, null, true).json();
    }

    /** {@code repeatable}: false for calls that must not run twice (create, snapshot). */
    JsonNode post(HttpUrl url, Object body, boolean repeatable) {
        return send("POST", url, body, repeatable).json();
    }

    /** A PUT replaces the whole resource, so sending it twice leaves the same result: repeatable. */
    JsonNode put(HttpUrl url, Object body) {
        return send("PUT", url, body, true).json();
    }

    /** A DELETE that carries a body (untagging resources); repeatable. */
    void deleteWithBody(HttpUrl url, Object body) {
        send("DELETE", url, body, true);
    }

    /** True when deleted, false when it was already gone (404). */
    boolean delete(HttpUrl url) {
        try {
            send("DELETE", url, null, true);
            return true;
        } catch (CloudException e) {
            if (e.notFound()) {
                return false;
            }
            throw e;
        }
    }

    /** Every item under {@code key} across all pages. */
    List<JsonNode> list(HttpUrl first, String key) {
        List<JsonNode> out = new ArrayList<>();
        Set<HttpUrl> seen = new HashSet<>();
        HttpUrl url = first.newBuilder().setQueryParameter("per_page", String.valueOf(config.perPage())).build();
        while (url != null) {
            if (!seen.add(url) || seen.size() > MAX_PAGES) {
                throw new CloudException("the API's pagination loops or never ends at " + describe("GET", url));
            }
            JsonNode page = get(url);
            JsonNode items = page.get(key);
            if (items == null || !items.isArray()) {
                throw new CloudException("the API's answer to " + describe("GET", url) + " has no \"" + key + "\" list");
            }
            items.forEach(out::add);
            url = nextPage(page, url);
        }
        return out;
    }

    private HttpUrl nextPage(JsonNode page, HttpUrl current) {
        JsonNode next = page.path("links").path("pages").path("next");
        if (!next.isTextual() || next.asText().isBlank()) {
            return null;
        }
        HttpUrl n = current.resolve(next.asText());
        // The token goes with every request: never follow a link to another origin.
        if (n == null || !n.scheme().equals(base.scheme()) || !n.host().equals(base.host()) || n.port() != base.port()) {
            throw new CloudException("refusing to follow a pagination link to another server: " + redact(next.asText()));
        }
        return n;
    }

    private ApiResponse send(String method, HttpUrl url, Object body, boolean repeatable) {
        RequestBody rb = null;
        if (body != null) {
            try {
                rb = RequestBody.create(MAPPER.writeValueAsBytes(body), JSON);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot write request body", e);
            }
        } else if (method.equals("POST")) {
            rb = RequestBody.create(new byte[0], JSON);
        }
        Request request = new Request.Builder().url(url).method(method, rb)
                .header("Authorization", "Bearer " + token.reveal())
                .header("Accept", "application/json")
                .build();
        // The whole call — attempts, and the waits between them — fits in totalTimeout. Time is
        // counted as the attempts' own time plus the waits asked for, so it is the same whether
        // the sleeper really sleeps or (in tests) only records.
        long budgetMs = config.totalTimeout().toMillis();
        long spentMs = 0;
        for (int attempt = 1; ; attempt++) {
            Duration wait;
            long started = System.nanoTime();
            okhttp3.Call call = http.newCall(request);
            call.timeout().timeout(Math.max(1, Math.min(config.callTimeout().toMillis(), budgetMs - spentMs)), java.util.concurrent.TimeUnit.MILLISECONDS);
            try (Response r = call.execute()) {
                String text = r.body().string();
                LOG.debug("{} → {}", describe(method, url), r.code());
                if (r.isSuccessful()) {
                    return new ApiResponse(r.code(), text);
                }
                CloudException error = ApiErrors.fromResponse(describe(method, url), r, text, token);
                wait = retry.waitAfter(r, attempt, repeatable);
                if (wait == null) {
                    throw error;
                }
                spentMs += (System.nanoTime() - started) / 1_000_000;
                if (spentMs + wait.toMillis() >= budgetMs) {
                    throw new CloudException(error.getMessage() + "; " + capped(attempt, spentMs), error.status(), error.errorId(),
                            error.apiMessage(), error.requestId(), error.ambiguous(), error);
                }
                LOG.info("{} answered {} ({}); trying again in {} ms (attempt {} of {})",
                        describe(method, url), r.code(), error.errorId(), wait.toMillis(), attempt + 1, config.maxAttempts());
            } catch (IOException e) {
                boolean timeout = e instanceof InterruptedIOException;
                spentMs += (System.nanoTime() - started) / 1_000_000;
                wait = retry.waitAfterFault(attempt, repeatable);
                boolean outOfTime = wait != null && spentMs + wait.toMillis() >= budgetMs;
                if (wait == null || outOfTime) {
                    String what = describe(method, url) + (timeout ? " timed out" : " failed: " + redact(String.valueOf(e.getMessage())));
                    String msg = "DigitalOcean API: " + what + (outOfTime || spentMs >= budgetMs ? "; " + capped(attempt, spentMs)
                            : attempt > 1 ? " (" + attempt + " attempts)" : timeout ? " after " + config.callTimeout().toSeconds() + " s" : "");
                    throw timeout ? new CloudTimeoutException(msg, true, null)
                            : new CloudException(msg, 0, "network", null, null, true, null);
                }
                LOG.info("{} {}; trying again in {} ms", describe(method, url), timeout ? "timed out" : "failed: " + redact(e.getMessage()), wait.toMillis());
            }
            spentMs += wait.toMillis();
            retry.sleep(wait);
        }
    }

    /** Says the call's total time ran out, and what the cap is. */
    private String capped(int attempts, long spentMs) {
        return "gave up after " + attempts + " attempt" + (attempts == 1 ? "" : "s") + " in " + Math.round(spentMs / 1000.0)
                + " s: one call, its retries included, may take at most " + config.totalTimeout().toSeconds() + " s";
    }

    String redact(String text) {
        return token.redact(text);
    }

    /** Method and path only: queries may carry names, never the token, but keep log lines short. */
    static String describe(String method, HttpUrl url) {
        return method + " " + url.encodedPath();
    }

    record ApiResponse(int status, String body) {
        JsonNode json() {
            if (body == null || body.isBlank()) {
                return MAPPER.createObjectNode();
            }
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new CloudException("the API answered " + status + " with a body that is not JSON");
            }
        }
    }
}
