package dev.orrery.logs;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The longest piece of plain text every match of a regex must contain, so the store can skip
 * rows without it before Java's regex sees them: {@code upstream timed out.*app-2} gives
 * "upstream timed out"; {@code ^E\d+} gives nothing worth using. It only ever under-promises: a
 * regex it does not understand (alternation at the top, comments mode, most inline flags)
 * gives nothing, and groups are skipped rather than looked into.
 */
public final class RegexLiterals {
    private final String p;
    private final StringBuilder run = new StringBuilder();
    private String best = "";

    private RegexLiterals(String p) {
        this.p = p;
    }

    public static Optional<String> required(Pattern regex) {
        int flags = regex.flags();
        String p = regex.pattern();
        if ((flags & Pattern.LITERAL) != 0) {
            return usable(p, flags);
        }
        if ((flags & Pattern.COMMENTS) != 0) {
            return Optional.empty();
        }
        if (p.startsWith("(?i)")) {
            p = p.substring(4);
            flags |= Pattern.CASE_INSENSITIVE;
        }
        if (p.startsWith("(?")) {
            return Optional.empty();
        }
        RegexLiterals r = new RegexLiterals(p);
        return r.scan() ? usable(r.best, flags) : Optional.empty();
    }

    /** False when nothing can be promised (alternation at the top level). */
    private boolean scan() {
        int depth = 0;
        int i = 0;
        while (i < p.length()) {
            char c = p.charAt(i);
            if (depth > 0) {
                if (c == '\\') {
                    i += 2;
                } else if (c == '[') {
                    i = skipClass(i);
                } else {
                    depth += c == '(' ? 1 : c == ')' ? -1 : 0;
                    i++;
                    if (depth == 0) {
                        i = skipQuantifierIfAny(i);
                    }
                }
                continue;
            }
            switch (c) {
                case '\\' -> {
                    if (i + 1 >= p.length()) {
                        return false;
                    }
                    char e = p.charAt(i + 1);
                    if (e == 'Q') {
                        int end = p.indexOf("\\E", i + 2);
                        String quoted = end < 0 ? p.substring(i + 2) : p.substring(i + 2, end);
                        int next = end < 0 ? p.length() : end + 2;
                        for (int k = 0; k < quoted.length(); k++) {
                            // only the last quoted character is under a quantifier that follows
                            int after = k == quoted.length() - 1 ? next : -1;
                            if (after < 0) {
                                run.append(quoted.charAt(k));
                            } else {
                                i = literal(quoted.charAt(k), after);
                            }
                        }
                        if (quoted.isEmpty()) {
                            i = next;
                        }
                    } else if (Character.isLetterOrDigit(e)) {
                        cut(); // \d \w \s \b \1 …: not plain text
                        i = skipQuantifierIfAny(i + 2);
                    } else {
                        i = literal(e, i + 2);
                    }
                }
                case '[' -> {
                    cut();
                    i = skipClass(i);
                }
                case '(' -> {
                    cut();
                    depth = 1;
                    i++;
                }
                case '|' -> {
                    return false;
                }
                case '.', '^', '$' -> {
                    cut();
                    i = skipQuantifierIfAny(i + 1);
                }
                case '*', '?', '+', '{' -> i = skipQuantifier(i);
                default -> i = literal(c, i + 1);
            }
        }
        cut();
        return true;
    }

    /** Plain character {@code c} whose pattern text ends at {@code next}, minding a quantifier after it. */
    private int literal(char c, int next) {
        if (next < p.length() && "*?{".indexOf(p.charAt(next)) >= 0) {
            cut(); // c may be absent
            return skipQuantifier(next);
        }
        run.append(c);
        if (next < p.length() && p.charAt(next) == '+') {
            cut(); // c may repeat: what follows is not right after the first c
            return skipQuantifier(next);
        }
        return next;
    }

    private void cut() {
        if (run.length() > best.length()) {
            best = run.toString();
        }
        run.setLength(0);
    }

    private int skipQuantifier(int i) {
        if (p.charAt(i) == '{') {
            int end = p.indexOf('}', i);
            i = end < 0 ? p.length() : end + 1;
        } else {
            i++;
        }
        if (i < p.length() && (p.charAt(i) == '?' || p.charAt(i) == '+')) {
            i++;
        }
        return i;
    }

    private int skipQuantifierIfAny(int i) {
        return i < p.length() && "*?+{".indexOf(p.charAt(i)) >= 0 ? skipQuantifier(i) : i;
    }

    /** Skips a character class, nested ones and escapes included, and a quantifier after it. */
    private int skipClass(int i) {
        int end = StartChars.classEnd(p, i);
        return end < 0 ? p.length() : skipQuantifierIfAny(end);
    }

    private static Optional<String> usable(String s, int flags) {
        if (s.length() < 2) {
            return Optional.empty();
        }
        if ((flags & Pattern.CASE_INSENSITIVE) != 0 && !s.chars().allMatch(ch -> ch < 128)) {
            return Optional.empty(); // LIKE folds ASCII case only
        }
        return Optional.of(s);
    }
}
