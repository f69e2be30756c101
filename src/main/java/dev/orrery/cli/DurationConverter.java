package dev.orrery.cli;

import picocli.CommandLine;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code 90}, {@code 90s}, {@code 500ms}, {@code 2m}, {@code 1h} or {@code 7d}: a plain number is seconds. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern FORM = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)?");

    @Override
    public Duration convert(String value) {
        Matcher m = FORM.matcher(value.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a duration: use seconds (60) or 500ms, 90s, 2m, 1h, 7d");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofSeconds(n);
        };
    }

    /** Refuses a value outside {@code [min, max]} as a command-line error (exit 2). */
    static Duration inRange(CommandLine cmd, String option, Duration v, Duration min, Duration max) {
        if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
            throw new CommandLine.ParameterException(cmd, "Invalid value for option '" + option + "': must be between "
                    + words(min) + " and " + words(max) + " (got " + words(v) + ")");
        }
        return v;
    }

    static String words(Duration d) {
        if (d.toMillis() % 1000 != 0) {
            return d.toMillis() + " ms";
        }
        long s = d.toSeconds();
        return s % 3600 == 0 && s > 0 ? s / 3600 + " h" : s % 60 == 0 && s > 0 ? s / 60 + " min" : s + " s";
    }

    /** "15m", "1h", "7d": the shortest exact way to write {@code seconds} (as --since takes it). */
    static String shortForm(long seconds) {
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }
}
