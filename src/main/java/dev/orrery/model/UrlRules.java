package dev.orrery.model;

import static dev.orrery.model.CharacterChecks.dangerous;
import static dev.orrery.model.CharacterChecks.printable;
import static dev.orrery.model.CharacterChecks.requiredSafe;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The URL checks of {@link Rules}: an ACME directory, a webhook and the API base URL a balancer's
 * script calls. Package-private: callers go through {@link Rules}, which documents each.
 */
final class UrlRules {

    private static final Pattern ACME_URL = Pattern.compile("https://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~:/?=&%-]*)?");
    private static final Pattern API_URL = Pattern.compile("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?");

    private UrlRules() {
    }

    static Optional<String> apiBaseUrl(String v) {
        Optional<String> unsafe = requiredSafe(v);
        if (unsafe.isPresent()) {
            return unsafe;
        }
        return API_URL.matcher(v).matches() ? Optional.empty()
                : Optional.of("must be http(s)://host[:port] with no path (got \"" + printable(v) + "\")");
    }

    static Optional<String> acmeDirectory(String v) {
        if (v == null || v.isEmpty() || v.equals("letsencrypt") || v.equals("letsencrypt-staging")) {
            return Optional.empty();
        }
        Optional<String> dangerous = dangerous(v);
        if (dangerous.isPresent()) {
            return dangerous;
        }
        if (!ACME_URL.matcher(v).matches()) {
            return Optional.of("must be letsencrypt, letsencrypt-staging or an https:// directory URL (got \"" + printable(v) + "\")");
        }
        return Optional.empty();
    }

    static Optional<String> webhookUrl(String v) {
        if (v == null || v.isBlank()) {
            return Optional.of("is required");
        }
        if (v.length() > 2048) {
            return Optional.of("is longer than 2048 characters");
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c <= 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f)) {
                return Optional.of("contains a space or control character at position " + i);
            }
        }
        java.net.URI uri;
        try {
            uri = new java.net.URI(v);
        } catch (java.net.URISyntaxException e) {
            return Optional.of("is not a valid URL (" + e.getReason() + " at position " + e.getIndex() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return Optional.of("must start with https:// (or http://), not \"" + printable(scheme) + ":\"");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return Optional.of("has no host name");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not carry a user name or password before the host");
        }
        return Optional.empty();
    }
}
