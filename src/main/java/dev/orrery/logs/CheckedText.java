package dev.orrery.logs;

/**
 * A text handed to {@link java.util.regex.Matcher} that runs a check before every character the
 * matcher reads. Java's regex cannot be interrupted, and one catastrophic {@code find} can run
 * for years; throwing from the check is the only way to stop it from outside.
 */
public abstract class CheckedText implements CharSequence {
    private final String text;

    protected CheckedText(String text) {
        this.text = text;
    }

    /** Throws (a {@link java.util.concurrent.CancellationException}) to stop the matcher. */
    protected abstract void beforeRead();

    @Override
    public final char charAt(int index) {
        beforeRead();
        return text.charAt(index);
    }

    @Override
    public final int length() {
        return text.length();
    }

    @Override
    public final CharSequence subSequence(int start, int end) {
        return text.subSequence(start, end);
    }

    @Override
    public final String toString() {
        return text;
    }
}
