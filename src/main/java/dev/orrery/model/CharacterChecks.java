package dev.orrery.model;

import java.util.Optional;

/**
 * The character-level checks every rule in {@link Rules} builds on, and the way a refused value
 * is shown in a message. Package-private: callers go through {@link Rules}.
 */
final class CharacterChecks {

    private CharacterChecks() {
    }

    /** "is required" for a missing value, else why it is {@link #dangerous}, else empty. */
    static Optional<String> requiredSafe(String v) {
        if (v == null || v.isEmpty()) {
            return Optional.of("is required");
        }
        return dangerous(v);
    }

    /**
     * Names the characters that could break out of an nginx directive or a shell line, so the
     * message says why rather than only that the value does not match.
     */
    static Optional<String> dangerous(String v) {
        if (v.contains("$(")) {
            return Optional.of("contains '$(' (command substitution), which is not allowed here");
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            String why = switch (c) {
                case ';' -> "';' (ends a directive or a command)";
                case '{', '}' -> "'" + c + "' (opens or closes an nginx block)";
                case '\'', '"' -> "a quote";
                case '`' -> "a backtick (command substitution)";
                case '\n', '\r' -> "a line break";
                case '\0' -> "a NUL character";
                case '$' -> "'$' (variable expansion)";
                case '|', '&', '<', '>' -> "'" + c + "' (a shell operator)";
                case '\\' -> "a backslash";
                case ' ', '\t' -> "white space";
                default -> null;
            };
            if (why != null) {
                return Optional.of("contains " + why + ", which is not allowed here");
            }
        }
        return Optional.empty();
    }

    /**
     * A refused value as a message shows it: control characters escaped and every character
     * outside printable ASCII as its code point, so a look-alike cannot pass for the real letter.
     */
    static String printable(String v) {
        return SafeText.quote(v);
    }

    /**
     * Where only ASCII is allowed, names the first character that is not: {@code "аpp-1"} with a
     * Cyrillic а looks right and is refused with "U+0430 CYRILLIC SMALL LETTER A at position 1".
     */
    static Optional<String> notAscii(String v) {
        return SafeText.firstNonAscii(v).map(c -> "contains " + c + ", which is not plain ASCII (it may look like a letter that is)"
                + " (got \"" + printable(v) + "\")");
    }

    static Optional<String> tooLong(String v, int max) {
        return v.length() > max ? Optional.of("is " + v.length() + " characters long; at most " + max + " are allowed here")
                : Optional.empty();
    }
}
