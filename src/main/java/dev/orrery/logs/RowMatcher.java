package dev.orrery.logs;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One thread's regex over log texts held inside a larger string (a chunk of rows packed by the
 * store), answering exactly what {@code regex.matcher(text).find()} would for each text, without
 * copying it out.
 *
 * <p>Where {@link StartChars} knows which characters a match can start with, it tries the regex
 * only at those positions ({@code lookingAt} from there, with transparent bounds so {@code \b}
 * sees the character before; anchoring bounds so {@code $} still means the end of the text).
 * {@link StartChars} only answers for regexes where that is the same as {@code find}. Otherwise
 * {@code find} in the text's region, whose bounds are opaque and anchoring: the same as the text
 * on its own.
 */
final class RowMatcher {
    private final Matcher m;
    private final boolean[] start;

    RowMatcher(Pattern regex, boolean[] start) {
        this.m = regex.matcher("");
        this.start = start;
        if (start != null) {
            m.useTransparentBounds(true);
            m.useAnchoringBounds(true);
        }
    }

    /**
     * Looks at {@code text} from now on (the chunk the next {@link #finds} calls point into): the
     * regex reads it, so a text that checks a cancel flag in {@code charAt} stops it.
     */
    void reset(CharSequence text) {
        m.reset(text);
    }

    /**
     * Whether the regex finds a match in {@code [from, to)} of the text given to {@link #reset}.
     * With start characters, the character just before {@code from} must not be a word character
     * (the store's packing puts a separator there), so {@code \b} at the start reads as it would
     * at the start of the text alone. {@code text} holds the same characters as the text given
     * to {@link #reset}: the scan for start characters reads it directly, at full speed.
     */
    boolean finds(String text, int from, int to) {
        if (start == null) {
            return m.region(from, to).find();
        }
        boolean[] can = start;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if ((c >= 128 || can[c]) && m.region(i, to).lookingAt()) {
                return true;
            }
        }
        return false;
    }
}
