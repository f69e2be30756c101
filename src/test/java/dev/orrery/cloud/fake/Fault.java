package dev.orrery.cloud.fake;

import java.util.Map;

/** A canned answer for one request on a route; {@code afterWork} answers late but does the work first. */
public record Fault(int status, String errorId, String message, Map<String, String> headers, long stallMillis, boolean afterWork) {
    public static Fault rateLimited(int retryAfterSeconds) {
        return new Fault(429, "too_many_requests", "API rate limit exceeded.", Map.of("retry-after", String.valueOf(retryAfterSeconds)), 0, false);
    }
    public static Fault serverError() {
        return new Fault(500, "server_error", "Unexpected server-side error", Map.of(), 0, false);
    }
    public static Fault error(int status, String id, String message) {
        return new Fault(status, id, message, Map.of(), 0, false);
    }
    /** Does the work, then holds the answer back past any sane client timeout. */
    public static Fault stallAfterWork(long millis) {
        return new Fault(0, null, null, Map.of(), millis, true);
    }
}
