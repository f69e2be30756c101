package dev.orrery.cloud;

import java.util.Objects;

/**
 * The DigitalOcean API token. It is only ever read by {@link ApiTransport} (to set the
 * Authorization header) and the {@link TokenStore}s; {@link #toString()} never shows it, and
 * {@link #redact(String)} scrubs it from any text that came back from the network before that
 * text reaches an exception message or a log line.
 */
public final class ApiToken {
    private final String secret;

    public ApiToken(String secret) {
        Objects.requireNonNull(secret, "token");
        String trimmed = secret.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("the DigitalOcean token is empty");
        }
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                // Never echo the value: say where, not what.
                throw new IllegalArgumentException("the DigitalOcean token contains a space or control character at position " + i);
            }
        }
        this.secret = trimmed;
    }

    /** The secret itself, for the Authorization header and the keychain only. */
    String reveal() {
        return secret;
    }

    /** {@code text} with every occurrence of the token replaced by {@code [token]}. */
    public String redact(String text) {
        if (text == null || secret.length() < 4) {
            return text;
        }
        return text.replace(secret, "[token]");
    }

    @Override
    public String toString() {
        return "ApiToken[hidden]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ApiToken t && t.secret.equals(secret);
    }

    @Override
    public int hashCode() {
        return secret.hashCode();
    }
}
