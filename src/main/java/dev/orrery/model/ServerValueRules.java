package dev.orrery.model;

import static dev.orrery.model.CharacterChecks.notAscii;
import static dev.orrery.model.CharacterChecks.printable;
import static dev.orrery.model.CharacterChecks.requiredSafe;
import static dev.orrery.model.CharacterChecks.tooLong;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The checks of {@link Rules} for values that reach an app server: the unix user, the SSH key,
 * file and health-check paths, environment keys and values, release ids. Package-private:
 * callers go through {@link Rules}, which documents each.
 */
final class ServerValueRules {

    private static final Pattern UNIX_USER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");
    private static final Pattern ENV_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final Pattern FILE_PATH = Pattern.compile("/[A-Za-z0-9._/+@-]*");
    private static final Pattern KEY_REF = Pattern.compile("(agent|[A-Za-z0-9._/+@~-]+)");
    private static final Pattern HEALTH_PATH = Pattern.compile("/[A-Za-z0-9._~/%-]*(\\?[A-Za-z0-9._~=&%-]*)?");
    private static final Pattern RELEASE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private ServerValueRules() {
    }

    static Optional<String> unixUser(String v) {
        if (v == null || v.isEmpty()) {
            return Optional.of("is required");
        }
        Optional<String> odd = notAscii(v).or(() -> tooLong(v, 32));
        if (odd.isPresent()) {
            return odd;
        }
        return UNIX_USER.matcher(v).matches() ? Optional.empty()
                : Optional.of("must be a unix user name: lower-case letters, digits, '_' or '-' (got \"" + printable(v) + "\")");
    }

    static Optional<String> keyReference(String v) {
        if (v == null || v.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> odd = notAscii(v);
        if (odd.isPresent()) {
            return odd;
        }
        return KEY_REF.matcher(v).matches() ? Optional.empty()
                : Optional.of("must be 'agent' or a key file path without spaces or shell characters (got \"" + printable(v) + "\")");
    }

    static Optional<String> filePath(String v) {
        Optional<String> unsafe = requiredSafe(v).or(() -> notAscii(v));
        if (unsafe.isPresent()) {
            return unsafe;
        }
        if (!FILE_PATH.matcher(v).matches() || v.contains("/../") || v.endsWith("/..")) {
            return Optional.of("must be an absolute path of letters, digits, '.', '_', '-', '+', '@' and '/' (got \"" + printable(v) + "\")");
        }
        return Optional.empty();
    }

    static Optional<String> healthPath(String v) {
        Optional<String> unsafe = requiredSafe(v).or(() -> notAscii(v));
        if (unsafe.isPresent()) {
            return unsafe;
        }
        return HEALTH_PATH.matcher(v).matches() ? Optional.empty()
                : Optional.of("must be a URL path starting with '/' (got \"" + printable(v) + "\")");
    }

    static Optional<String> envKey(String v) {
        if (v == null || v.isEmpty()) {
            return Optional.of("is required");
        }
        // Length first: a 129-character key of good characters is too long, not badly spelt.
        Optional<String> odd = tooLong(v, 128).or(() -> notAscii(v));
        if (odd.isPresent()) {
            return odd;
        }
        return ENV_KEY.matcher(v).matches() ? Optional.empty()
                : Optional.of("must be letters, digits and '_', not starting with a digit (got \"" + printable(v) + "\")");
    }

    static Optional<String> envValue(String v) {
        if (v == null) {
            return Optional.of("is required (use an empty value instead)");
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == 0) {
                return Optional.of("contains a NUL character, which no environment can carry");
            }
            if (c < 0x20 && c != '\t' && c != '\n') {
                return Optional.of("contains the control character U+" + String.format("%04X", (int) c));
            }
        }
        return Optional.empty();
    }

    static Optional<String> releaseId(String v) {
        if (v == null || v.isEmpty()) {
            return Optional.of("is required");
        }
        Optional<String> odd = notAscii(v).or(() -> tooLong(v, 64));
        if (odd.isPresent()) {
            return odd;
        }
        return RELEASE_ID.matcher(v).matches() ? Optional.empty()
                : Optional.of("must be letters, digits, '.', '_' or '-' (got \"" + printable(v) + "\")");
    }
}
