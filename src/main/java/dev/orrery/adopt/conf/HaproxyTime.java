package dev.orrery.adopt.conf;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** HAProxy's time values: a number of milliseconds, or a number with a unit (us, ms, s, m, h, d). */
public final class HaproxyTime {
    private static final Pattern TIME = Pattern.compile("(\\d+)(us|ms|s|m|h|d)?");

    private HaproxyTime() {
    }

    /** The value in milliseconds, or null when it is not a time HAProxy would read. */
    public static Long millis(String v) {
        Matcher m = v == null ? null : TIME.matcher(v);
        if (m == null || !m.matches()) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        return switch (unit) {
            case "us" -> n / 1000;
            case "s" -> n * 1000;
            case "m" -> n * 60_000;
            case "h" -> n * 3_600_000;
            case "d" -> n * 86_400_000;
            default -> n;
        };
    }
}
