package dev.orrery.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import okhttp3.Response;

/** Turns an error answer ({@code {"id", "message", "request_id"}}) into a {@link CloudException}. */
final class ApiErrors {
    private ApiErrors() {
    }

    static CloudException fromResponse(String call, Response r, String body, ApiToken token) {
        String id = null;
        String message = null;
        String requestId = r.header("x-request-id");
        try {
            JsonNode n = ApiTransport.MAPPER.readTree(body == null ? "" : body);
            if (n != null && n.isObject()) {
                id = text(n, "id");
                message = text(n, "message");
                if (text(n, "request_id") != null) {
                    requestId = text(n, "request_id");
                }
            }
        } catch (java.io.IOException ignored) {
            // not JSON (a proxy's HTML page): the status says enough
        }
        id = token.redact(id);
        message = token.redact(message);
        requestId = token.redact(requestId);
        StringBuilder sb = new StringBuilder("DigitalOcean API: ").append(call).append(" → ").append(r.code());
        if (id != null) {
            sb.append(' ').append(id);
        }
        if (message != null) {
            sb.append(": ").append(message);
        }
        if (requestId != null) {
            sb.append(" (request ").append(requestId).append(')');
        }
        if (r.code() == 401) {
            sb.append(" — check the DigitalOcean token in Settings or DIGITALOCEAN_TOKEN");
        }
        // A 5xx may have done the work before failing; everything else was refused outright.
        boolean ambiguous = r.code() >= 500;
        return new CloudException(sb.toString(), r.code(), id, message, requestId, ambiguous, null);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isValueNode() && !v.isNull() ? v.asText() : null;
    }
}
