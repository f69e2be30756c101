package dev.orrery.model;

import java.util.Locale;
import java.util.Optional;

/**
 * Text from a file, a server or an API made safe to show: the one place control characters are
 * escaped and look-alike characters are named. The command line passes everything it prints
 * through {@link #escapeControls} (so a field named {@code "\u001b]0;PWNED\u0007"} cannot retitle
 * or clear the user's terminal), and {@link Rules} names a non-ASCII character by its code point
 * where only ASCII is allowed (so {@code "аpp-1"} with a Cyrillic а is not a mystery).
 */
public final class SafeText {
    private SafeText() {
    }

    /**
     * Whether {@code c} must not reach a terminal raw: C0 controls but tab and line feed, DEL, C1
     * controls, the bidirectional overrides and isolates (they reorder what is shown), and the
     * Unicode line and paragraph separators. Carriage return is decided by the caller (kept only
     * before a line feed).
     */
    public static boolean isControl(int c) {
        return (c < 0x20 && c != '\t' && c != '\n') || c == 0x7f || (c >= 0x80 && c <= 0x9f)
                || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f
                || c == 0x2028 || c == 0x2029 || c == 0x061c;
    }

    /** {@code \}{@code u001b} for ESC: the JSON spelling, so escaped JSON output stays valid JSON. */
    public static String escape(int c) {
        return String.format(Locale.ROOT, "\\u%04x", c);
    }

    /** {@code text} with every control character (see {@link #isControl}) written as {@code \}{@code uXXXX}; CR kept only before LF. */
    public static String escapeControls(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean bad = c == '\r' ? i + 1 >= text.length() || text.charAt(i + 1) != '\n' : isControl(c);
            if (bad) {
                if (sb == null) {
                    sb = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                sb.append(escape(c));
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? text : sb.toString();
    }

    /**
     * A value quoted for a message: control characters escaped, every character outside printable
     * ASCII written as its code point (so a look-alike shows), cut after 80 characters.
     */
    public static String quote(String v) {
        if (v == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length() && sb.length() < 80; i++) {
            char c = v.charAt(i);
            if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c < 0x20 || c >= 0x7f) {
                sb.append(escape(c));
            } else {
                sb.append(c);
            }
        }
        return sb.length() >= 80 && sb.length() < v.length() ? sb.substring(0, 77) + "..." : sb.toString();
    }

    /**
     * The first character of {@code v} outside printable ASCII, named: {@code U+0430 CYRILLIC
     * SMALL LETTER A at position 1}; empty when there is none.
     */
    public static Optional<String> firstNonAscii(String v) {
        if (v == null) {
            return Optional.empty();
        }
        for (int i = 0; i < v.length(); ) {
            int cp = v.codePointAt(i);
            if (cp < 0x20 || cp >= 0x7f) {
                String name = Character.getName(cp);
                return Optional.of(String.format(Locale.ROOT, "U+%04X", cp) + (name != null ? " " + name : "")
                        + " at position " + (v.codePointCount(0, i) + 1));
            }
            i += Character.charCount(cp);
        }
        return Optional.empty();
    }
}
