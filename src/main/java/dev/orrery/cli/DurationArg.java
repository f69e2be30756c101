package dev.orrery.cli;

import picocli.CommandLine;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A duration on the command line: {@code 90s}, {@code 15m}, {@code 1h}, {@code 7d}, or plain seconds; as seconds. */
final class DurationArg implements CommandLine.ITypeConverter<Long> {
    private static final Pattern P = Pattern.compile("(\\d{1,9})\\s*(s|sec|m|min|h|d)?");

    @Override
    public Long convert(String value) {
        Matcher m = P.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a duration (e.g. 90s, 15m, 1h, 7d)");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "m", "min" -> n * 60;
            case "h" -> n * 3600;
            case "d" -> n * 86_400;
            default -> n;
        };
    }

    /** "15m", "1h", "7d": the shortest exact way to write {@code seconds}. */
    static String format(long seconds) {
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
