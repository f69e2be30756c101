package dev.orrery.logs;

import java.util.regex.Pattern;

/**
 * The ASCII characters a match of a regex can begin with, so a search tries the regex only where
 * one of them stands instead of at every position ({@code \b5\d\d } is tried only at a "5"; Java's
 * own {@code find} tries every position, about 10 ns each, which over a million log lines is
 * most of a search's time). A character outside ASCII is always tried.
 *
 * <p>It only ever under-promises: it answers only for a regex whose every match starts with one
 * mandatory atom (a plain character, an escape such as {@code \d}, or a character class), after
 * at most some {@code \b}/{@code \B}, and which has no top-level alternation, no lookaround and no
 * {@code ^}, {@code \A} or {@code \G} anywhere (a search tries the regex mid-line with
 * transparent bounds, where those would see or mean something else). Anything else: null, and the
 * search runs Java's {@code find} as before.
 */
public final class StartChars {
    /** More ASCII characters than this can start a match: trying each position costs more than it saves. */
    static final int MOST_WORTH_IT = 40;

    private StartChars() {
    }

    /** For each ASCII character, whether a match can start with it; null when that cannot be said (or is not worth it). */
    public static boolean[] of(Pattern regex) {
        int flags = regex.flags();
        String p = regex.pattern();
        if ((flags & (Pattern.COMMENTS | Pattern.LITERAL | Pattern.CANON_EQ)) != 0) {
            return null;
        }
        if (p.startsWith("(?i)")) {
            p = p.substring(4);
            flags |= Pattern.CASE_INSENSITIVE;
        }
        if (!plainEnough(p)) {
            return null;
        }
        int i = 0;
        while (p.startsWith("\\b", i) || p.startsWith("\\B", i)) {
            i += 2;
        }
        String atom = firstAtom(p, i);
        if (atom == null) {
            return null;
        }
        int after = i + atom.length();
        if (after < p.length() && (p.charAt(after) == '?' || p.charAt(after) == '*' || p.startsWith("{0", after)
                || p.startsWith("{,", after))) {
            return null; // the atom may be absent: the match starts with whatever follows
        }
        Pattern one;
        try {
            one = Pattern.compile(atom.startsWith("\\Q") ? Pattern.quote(atom.substring(2)) : atom, flags);
        } catch (RuntimeException e) {
            return null;
        }
        boolean[] can = new boolean[128];
        int printable = 0;
        for (char c = 0; c < 128; c++) {
            can[c] = one.matcher(String.valueOf(c)).matches();
            if (can[c] && c >= ' ') {
                printable++;
            }
        }
        return printable > MOST_WORTH_IT ? null : can;
    }

    /**
     * The regex's first atom as written ({@code \d}, {@code [a-f]}, {@code x}, {@code \.}), or null
     * for a group, a dot, a back-reference or anything else whose first character is not plain.
     */
    private static String firstAtom(String p, int i) {
        if (i >= p.length()) {
            return null;
        }
        char c = p.charAt(i);
        if (c == '[') {
            int end = classEnd(p, i);
            return end < 0 ? null : p.substring(i, end);
        }
        if (c == '\\') {
            if (i + 1 >= p.length()) {
                return null;
            }
            char e = p.charAt(i + 1);
            if ("dDwWsShHvV".indexOf(e) >= 0) {
                return p.substring(i, i + 2);
            }
            if ((e == 'p' || e == 'P') && i + 2 < p.length() && p.charAt(i + 2) == '{') {
                int close = p.indexOf('}', i);
                return close < 0 ? null : p.substring(i, close + 1);
            }
            if (e == 'Q') {
                // one quoted character; a quantifier after \Q…\E binds to the last one only
                int end = p.indexOf("\\E", i + 2);
                String quoted = end < 0 ? p.substring(i + 2) : p.substring(i + 2, end);
                return quoted.length() >= 2 ? "\\Q" + quoted.charAt(0) : null;
            }
            return Character.isLetterOrDigit(e) ? null : p.substring(i, i + 2);
        }
        if ("()|.$*+?{}^".indexOf(c) >= 0 || Character.isSurrogate(c)) {
            return null;
        }
        return String.valueOf(c);
    }

    /**
     * False when the regex has a top-level {@code |}, a lookaround, an inline flag group, or
     * {@code ^}, {@code \A}, {@code \G}, {@code \b{…}} outside a character class.
     */
    static boolean plainEnough(String p) {
        int depth = 0;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            switch (c) {
                case '\\' -> {
                    if (i + 1 >= p.length()) {
                        return false;
                    }
                    char e = p.charAt(i + 1);
                    if (e == 'A' || e == 'G' || (e == 'b' && i + 2 < p.length() && p.charAt(i + 2) == '{')) {
                        return false;
                    }
                    if (e == 'Q') {
                        int end = p.indexOf("\\E", i + 2);
                        i = end < 0 ? p.length() : end + 1;
                    } else {
                        i++;
                    }
                }
                case '[' -> {
                    int end = classEnd(p, i);
                    if (end < 0) {
                        return false;
                    }
                    i = end - 1;
                }
                case '(' -> {
                    if (i + 1 < p.length() && p.charAt(i + 1) == '?') {
                        // (?:…) is a plain group; (?=, (?!, (?<=, (?<!, (?<name>, (?i) and the rest are not looked into
                        if (!(i + 2 < p.length() && p.charAt(i + 2) == ':')) {
                            return false;
                        }
                    }
                    depth++;
                }
                case ')' -> depth--;
                case '|' -> {
                    if (depth == 0) {
                        return false;
                    }
                }
                case '^' -> {
                    return false;
                }
                default -> {
                }
            }
        }
        return true;
    }

    /** The index just after the character class opening at {@code i} (nested classes and escapes included), or -1. */
    static int classEnd(String p, int i) {
        int depth = 0;
        for (int j = i; j < p.length(); j++) {
            char c = p.charAt(j);
            if (c == '\\') {
                j++;
            } else if (c == '[') {
                depth++;
                if (j + 1 < p.length() && p.charAt(j + 1) == '^') {
                    j++;
                }
                if (j + 1 < p.length() && p.charAt(j + 1) == ']') {
                    j++; // "[]…]" and "[^]…]": a leading ] is a member
                }
            } else if (c == ']') {
                depth--;
                if (depth == 0) {
                    return j + 1;
                }
            }
        }
        return -1;
    }
}
