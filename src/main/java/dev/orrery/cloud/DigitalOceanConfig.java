package dev.orrery.cloud;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * How the client talks to the API: where (the base URL), how long any one call may take, how
 * often to try again and how long to wait. The base URL comes from {@code DIGITALOCEAN_API_URL}
 * when set, else the setting, else the public API — so tests and scripts point it at a fake.
 *
 * @param maxAttempts      tries per call, the first included, for 429, 5xx and network faults
 * @param backoffBase      first wait after a 5xx; doubles each time, with jitter, up to backoffMax
 * @param maxRateLimitWait longest wait Orrery accepts from {@code retry-after}; longer fails the call
 * @param pollInterval     between polls of an action or a droplet
 * @param totalTimeout     the longest one call may take, its retries and the waits between them
 *                         included: an API that never answers costs this, not attempts × timeout
 */
public record DigitalOceanConfig(URI baseUrl, Duration connectTimeout, Duration callTimeout, int maxAttempts,
                                 Duration backoffBase, Duration backoffMax, Duration maxRateLimitWait,
                                 Duration pollInterval, int perPage, Duration totalTimeout) {

    /** The default cap on one call with its retries. */
    public static final Duration TOTAL_TIMEOUT = Duration.ofSeconds(40);

    public static final String DEFAULT_URL = "https://api.digitalocean.com/";
    public static final String URL_ENV = "DIGITALOCEAN_API_URL";

    public DigitalOceanConfig {
        baseUrl = normalize(baseUrl);
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (totalTimeout == null || totalTimeout.isNegative() || totalTimeout.isZero()) {
            throw new IllegalArgumentException("totalTimeout must be positive");
        }
        if (perPage < 1 || perPage > 200) {
            throw new IllegalArgumentException("perPage must be 1–200 (the API's limit)");
        }
    }

    public static DigitalOceanConfig defaults(URI baseUrl) {
        return new DigitalOceanConfig(baseUrl, Duration.ofSeconds(10), Duration.ofSeconds(30), 5,
                Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofSeconds(90), Duration.ofSeconds(3), 200, TOTAL_TIMEOUT);
    }

    /** Environment first, then the setting (may be null), then the public API. */
    public static DigitalOceanConfig resolve(Map<String, String> env, String settingUrl) {
        String fromEnv = env.get(URL_ENV);
        String url = fromEnv != null && !fromEnv.isBlank() ? fromEnv
                : settingUrl != null && !settingUrl.isBlank() ? settingUrl : DEFAULT_URL;
        return defaults(parse(url));
    }

    public static URI parse(String url) {
        URI u;
        try {
            u = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the DigitalOcean API URL is not a URL: " + e.getMessage(), e);
        }
        if (!"https".equals(u.getScheme()) && !"http".equals(u.getScheme()) || u.getHost() == null) {
            throw new IllegalArgumentException("the DigitalOcean API URL must be http(s)://host[:port][/path] (got \"" + url + "\")");
        }
        if (u.getRawQuery() != null || u.getRawFragment() != null || u.getRawUserInfo() != null) {
            throw new IllegalArgumentException("the DigitalOcean API URL must not carry a query, fragment or user (got \"" + url + "\")");
        }
        return u;
    }

    private static URI normalize(URI u) {
        URI parsed = parse(u.toString());
        String s = parsed.toString();
        return s.endsWith("/") ? parsed : URI.create(s + "/");
    }

    public DigitalOceanConfig withTimeouts(Duration connect, Duration call) {
        return new DigitalOceanConfig(baseUrl, connect, call, maxAttempts, backoffBase, backoffMax, maxRateLimitWait, pollInterval, perPage,
                totalTimeout);
    }

    public DigitalOceanConfig withRetries(int attempts, Duration base, Duration max, Duration maxRateWait) {
        return new DigitalOceanConfig(baseUrl, connectTimeout, callTimeout, attempts, base, max, maxRateWait, pollInterval, perPage,
                totalTimeout);
    }

    public DigitalOceanConfig withPolling(Duration interval, int pageSize) {
        return new DigitalOceanConfig(baseUrl, connectTimeout, callTimeout, maxAttempts, backoffBase, backoffMax, maxRateLimitWait, interval, pageSize,
                totalTimeout);
    }

    public DigitalOceanConfig withTotalTimeout(Duration total) {
        return new DigitalOceanConfig(baseUrl, connectTimeout, callTimeout, maxAttempts, backoffBase, backoffMax, maxRateLimitWait, pollInterval,
                perPage, total);
    }
}
