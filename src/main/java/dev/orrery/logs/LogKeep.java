package dev.orrery.logs;

/**
 * How much of the followed logs the store keeps on disk: at most {@code capBytes} (its oldest
 * lines go first beyond that) and nothing older than {@code keepDays}. Checked here, so a bad
 * value is refused before anything is written.
 */
public record LogKeep(long capBytes, int keepDays) {
    public static final long MIN_CAP_BYTES = 1024L * 1024;
    public static final int MAX_DAYS = 3650;
    public static final LogKeep DEFAULTS = new LogKeep(LogStore.DEFAULT_CAP_BYTES, LogStore.DEFAULT_KEEP_DAYS);

    public LogKeep {
        if (capBytes < MIN_CAP_BYTES) {
            throw new IllegalArgumentException("the log store's cap must be at least 1 MB (got " + ByteSize.format(capBytes) + ")");
        }
        if (keepDays < 1 || keepDays > MAX_DAYS) {
            throw new IllegalArgumentException("lines are kept 1 to " + MAX_DAYS + " days (got " + keepDays + ")");
        }
    }

    public LogKeep withCapBytes(long bytes) {
        return new LogKeep(bytes, keepDays);
    }

    public LogKeep withKeepDays(int days) {
        return new LogKeep(capBytes, days);
    }

    @Override
    public String toString() {
        return keepDays + (keepDays == 1 ? " day" : " days") + ", at most " + ByteSize.format(capBytes);
    }
}
