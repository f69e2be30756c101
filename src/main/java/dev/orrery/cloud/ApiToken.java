package dev.orrery.cloud;

import java.util.Objects;

/**
 * The DigitalOcean API token. It is only ever read by {@link ApiTransport} (to set the
 * Authorization header) and the {@link TokenStore}s; {@link #toString()} never shows it, and
 * {@link #redact(String)} scrubs it from any text that came back from the network before that
 * text reaches an exception message or a log line.
 */
public final class ApiToken {
    /** Shorter than any token DigitalOcean issues, long enough that scrubbing it from text never mangles the text. */
    static final int MIN_LENGTH = 8;

    private final String secret;

    public ApiToken(String secret) {
        Objects.requireNonNull(secret, "token");
        String trimmed = secret.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("the DigitalOcean token is empty");
        }
        // Never echo any of it: say where and what kind of character, not which.
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            String what = c == ' ' || c == '\t' ? "a space" : c < 0x20 || c == 0x7f ? "a control character"
                    : c > 0x7e ? "a character that is not plain ASCII (pasted from a formatted document?)" : null;
            if (what != null) {
                throw new IllegalArgumentException("the DigitalOcean token contains " + what + " at position " + (i + 1)
                        + "; a token is ASCII letters, digits and '_'");
            }
        }
        if (trimmed.length() < MIN_LENGTH) {
            // A token this short cannot be real, and one too short to scrub from messages must never be kept.
            throw new IllegalArgumentException("the DigitalOcean token is too short to be one (DigitalOcean's are about 70 characters)");
        }
        this.secret = trimmed;
    }

    /** The secret itself, for the Authorization header and the keychain only. */
    String reveal() {
        return secret;
    }

    /** {@code text} with every occurrence of the token replaced by {@code [token]}. */
    public String redact(String text) {
        if (text == null) {
            return null;
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
