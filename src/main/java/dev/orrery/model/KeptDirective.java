package dev.orrery.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Objects;

/**
 * A directive of an adopted balancer configuration that Orrery does not model but keeps: it is
 * written back verbatim, in the same context, on every push (for example {@code gzip on;} in
 * nginx's {@code http} block, or a {@code location /static/ {…}} of the HTTPS server). The text
 * must be one complete directive ({@link Rules#keptDirective}).
 */
public record KeptDirective(Context context, String text) {

    public KeptDirective {
        Objects.requireNonNull(context, "context");
        text = text == null ? null : tidy(text);
    }

    /**
     * The text without surrounding blank space, its continuation lines shifted left together
     * (a block cut from an indented file keeps its own shape, not the file's depth), so the same
     * directive reads the same wherever it was cut from and renders at any depth.
     */
    static String tidy(String text) {
        String[] lines = text.strip().split("\\R", -1);
        int min = Integer.MAX_VALUE;
        for (int i = 1; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                int n = 0;
                while (n < lines[i].length() && (lines[i].charAt(n) == ' ' || lines[i].charAt(n) == '\t')) {
                    n++;
                }
                min = Math.min(min, n);
            }
        }
        StringBuilder b = new StringBuilder(lines[0]);
        for (int i = 1; i < lines.length; i++) {
            String l = lines[i].isBlank() ? "" : lines[i].substring(min).stripTrailing();
            b.append('\n').append(l);
        }
        return b.toString();
    }

    @JsonCreator
    static KeptDirective fromJson(@JsonProperty("context") Context context, @JsonProperty("text") String text) {
        return new KeptDirective(context, text);
    }

    /** Where in the rendered configuration the directive goes. */
    public enum Context {
        /** nginx: the main (top) level, e.g. {@code worker_rlimit_nofile}. */
        @JsonProperty("main") MAIN(BalancerKind.NGINX),
        @JsonProperty("events") EVENTS(BalancerKind.NGINX),
        @JsonProperty("http") HTTP(BalancerKind.NGINX),
        /** nginx: inside the app's upstream block, e.g. {@code keepalive 16;}. */
        @JsonProperty("upstream") UPSTREAM(BalancerKind.NGINX),
        /** nginx: the plain-HTTP server (port 80). */
        @JsonProperty("http-server") HTTP_SERVER(BalancerKind.NGINX),
        /** nginx: the TLS server (port 443). */
        @JsonProperty("https-server") HTTPS_SERVER(BalancerKind.NGINX),
        /** nginx: every location that proxies to the app. */
        @JsonProperty("proxy-location") PROXY_LOCATION(BalancerKind.NGINX),
        @JsonProperty("global") GLOBAL(BalancerKind.HAPROXY),
        @JsonProperty("defaults") DEFAULTS(BalancerKind.HAPROXY),
        @JsonProperty("frontend") FRONTEND(BalancerKind.HAPROXY),
        @JsonProperty("backend") BACKEND(BalancerKind.HAPROXY);

        private final BalancerKind kind;

        Context(BalancerKind kind) {
            this.kind = kind;
        }

        /** The balancer this context belongs to. */
        public BalancerKind kind() {
            return kind;
        }

        /** The word used in the file and in reports. */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
