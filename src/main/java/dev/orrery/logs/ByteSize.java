package dev.orrery.logs;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A size as people write it for the log store's cap: "500MB", "2 GB", "1.5G", "750m", "1048576"
 * (bytes). Units are powers of 1024 (MB = MiB, as disks and {@code du -h} count them), case
 * does not matter. {@link #format} writes it back the same way: "500 MB", "1.5 GB".
 */
public final class ByteSize {
    private static final Pattern SIZE = Pattern.compile("(\\d{1,12}(?:\\.\\d{1,3})?)\\s*(b|k|kb|kib|m|mb|mib|g|gb|gib|t|tb|tib)?",
            Pattern.CASE_INSENSITIVE);
    private static final String[] UNITS = {"B", "KB", "MB", "GB", "TB"};

    private ByteSize() {
    }

    /** The size in bytes; {@link IllegalArgumentException} saying what is accepted when {@code text} is no size. */
    public static long parse(String text) {
        Matcher m = SIZE.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size: write e.g. 500MB, 2GB or 1.5G");
        }
        String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
        int power = switch (unit.charAt(0)) {
            case 'k' -> 1;
            case 'm' -> 2;
            case 'g' -> 3;
            case 't' -> 4;
            default -> 0;
        };
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(1024).pow(power));
        if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 2)) > 0) {
            throw new IllegalArgumentException("'" + text + "' is more than any disk holds");
        }
        return bytes.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
    }

    /** "512 MB", "1.5 GB", "900 B": the largest unit that keeps the number at 1 or more, one decimal at most. */
    public static String format(long bytes) {
        double v = bytes;
        int i = 0;
        while (v >= 1024 && i < UNITS.length - 1) {
            v /= 1024;
            i++;
        }
        double tenths = Math.round(v * 10) / 10.0;
        return (tenths == Math.rint(tenths) ? String.format(Locale.ROOT, "%.0f", tenths) : String.format(Locale.ROOT, "%.1f", tenths)) + " " + UNITS[i];
    }
}
