package dev.orrery.model;

import static dev.orrery.model.CharacterChecks.printable;

import java.util.Optional;

/**
 * The check of {@link Rules#keptDirective}: one complete directive kept verbatim from an adopted
 * balancer configuration, which must not reach outside the context it is written into.
 */
final class KeptDirectiveRule {

    private KeptDirectiveRule() {
    }

    static Optional<String> keptDirective(String v, BalancerKind kind) {
        if (v == null || v.isBlank()) {
            return Optional.of("is required");
        }
        if (v.length() > Rules.KEPT_MAX) {
            return Optional.of("is longer than " + Rules.KEPT_MAX + " characters");
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            boolean lineBreak = c == '\n' || c == '\r';
            if ((c < 0x20 && c != '\t' && !lineBreak) || c == 0x7f) {
                return Optional.of("contains the control character U+" + String.format("%04X", (int) c));
            }
            if (lineBreak && kind == BalancerKind.HAPROXY) {
                return Optional.of("must be one line (an HAProxy directive)");
            }
        }
        return kind == BalancerKind.NGINX ? oneNginxDirective(v.strip()) : Optional.empty();
    }

    private static Optional<String> oneNginxDirective(String v) {
        int depth = 0;
        char quote = 0;
        int end = -1;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (end >= 0 && !Character.isWhitespace(c) && c != '#') {
                return Optional.of("holds more than one directive (\"" + printable(v.substring(end)) + "\" follows the first)");
            }
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            switch (c) {
                case '\\' -> i++;
                case '"', '\'' -> quote = c;
                case '#' -> {
                    int nl = v.indexOf('\n', i);
                    i = nl < 0 ? v.length() : nl;
                }
                case '{' -> depth++;
                case '}' -> {
                    if (--depth < 0) {
                        return Optional.of("closes a block it did not open");
                    }
                    if (depth == 0 && end < 0) {
                        end = i + 1;
                    }
                }
                case ';' -> {
                    if (depth == 0 && end < 0) {
                        end = i + 1;
                    }
                }
                default -> { }
            }
        }
        if (quote != 0) {
            return Optional.of("has an unclosed quote");
        }
        if (depth != 0) {
            return Optional.of("leaves a block open");
        }
        if (end < 0) {
            return Optional.of("must end with ';' or a block");
        }
        return Optional.empty();
    }
}
