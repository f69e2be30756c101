package dev.orrery.ui.logs;

import dev.orrery.logs.CheckedText;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A line's text for marking the search's matches on the FX thread, with the regex's work
 * bounded: past {@link #READS_PER_CHAR} character reads per character (a sane regex reads each
 * a few times; {@code (.*a){8}x} over a long run of a's would read for years) the marking stops
 * and the line is shown unmarked. Which lines are shown is decided off the FX thread
 * ({@link LiveSearch}, the store's search); this only marks them.
 */
final class BoundedText extends CheckedText {
    static final int READS_PER_CHAR = 200;

    private long left;

    private BoundedText(String text, long budget) {
        super(text);
        this.left = budget;
    }

    /** The [start, end) of each non-empty match of {@code p} in {@code text}, or null when that took too long. */
    static List<int[]> matches(Pattern p, String text) {
        Matcher m = p.matcher(new BoundedText(text, 10_000L + (long) READS_PER_CHAR * text.length()));
        List<int[]> found = new ArrayList<>();
        try {
            while (m.find()) {
                if (m.end() > m.start()) {
                    found.add(new int[] {m.start(), m.end()});
                }
            }
        } catch (CancellationException e) {
            return null;
        }
        return found;
    }

    @Override
    protected void beforeRead() {
        if (--left < 0) {
            throw new CancellationException("marking the matches took too long");
        }
    }
}
