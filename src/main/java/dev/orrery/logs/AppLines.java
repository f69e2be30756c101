package dev.orrery.logs;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads time and level from an app's output, where the line says them: Orrery's supervisor lines
 * ({@code 2024-03-01T12:00:00Z orrery-supervise: …}), ISO-8601 stamps, Meteor's {@code Log}
 * format ({@code E20240301-12:00:00.123(1)? …}: level letter, local time, UTC offset in hours),
 * level words ({@code ERROR}, {@code [warn]}), pino's JSON {@code "level":50}, Meteor's
 * {@code Exception in …} and Node's {@code TypeError: …}. A stack-trace line ({@code     at f (x.js:1:2)})
 * takes the level of the line it continues, so one per source: it remembers that level.
 */
public final class AppLines {
    /** Time and level as found; {@code time} is -1 when the line has none. */
    public record Found(long time, LogLevel level) {
    }

    private static final Pattern ISO = Pattern.compile(
            "^\\[?(\\d{4}-\\d{2}-\\d{2})[T ](\\d{2}:\\d{2}:\\d{2})([.,]\\d{1,9})?(Z|[+-]\\d{2}:?\\d{2})?\\]?(?:\\s|$)");
    private static final Pattern METEOR = Pattern.compile("^([IWED])(\\d{8})-(\\d{2}:\\d{2}:\\d{2}\\.\\d{3})\\(([+-]?\\d+(?:\\.\\d+)?)\\)\\S*\\s?");
    private static final Pattern WORD = Pattern.compile(
            "^\\[?(trace|debug|info|notice|warn|warning|error|err|fatal|crit|critical|panic)\\]?(?:[:\\s]|$)", Pattern.CASE_INSENSITIVE);
    private static final Pattern PINO = Pattern.compile("\"level\":\\s*(\\d{2})\\b");
    private static final Pattern ERROR_TEXT = Pattern.compile(
            "^(?:Uncaught )?(?:[A-Z]\\w*)?(?:Error|Exception)(?: \\[\\w+\\])?:|Exception (?:in|while|from) |Unhandled(?:PromiseRejection| rejection)|^FATAL ERROR");
    private static final Pattern CONTINUATION = Pattern.compile("^\\s+(?:at |\\.\\.\\. \\d+ more|\\^)|^\\s*\\}\\s*$|^\\s{4,}\\S");
    private static final Pattern SUPERVISOR = Pattern.compile("orrery-supervise: (?:app pid \\d+ (exited with|killed after))");
    private static final DateTimeFormatter METEOR_DAY = DateTimeFormatter.ofPattern("yyyyMMddHH:mm:ss.SSS");

    private final ZoneOffset serverOffset;
    private LogLevel last = LogLevel.INFO;

    /** @param serverOffset the server's UTC offset, for stamps written without a zone */
    public AppLines(ZoneOffset serverOffset) {
        this.serverOffset = serverOffset;
    }

    public Found read(String text) {
        long time = -1;
        LogLevel level = null;
        String rest = text;
        Matcher m = METEOR.matcher(text);
        if (m.find()) {
            time = meteorTime(m);
            level = switch (m.group(1)) {
                case "W" -> LogLevel.WARN;
                case "E" -> LogLevel.ERROR;
                case "D" -> LogLevel.DEBUG;
                default -> LogLevel.INFO;
            };
            rest = text.substring(m.end());
        } else {
            Matcher iso = ISO.matcher(text);
            if (iso.find()) {
                time = isoTime(iso);
                rest = text.substring(iso.end());
            }
        }
        if (level == null) {
            level = levelOf(rest);
        }
        if (level == null) {
            level = CONTINUATION.matcher(text).find() ? last : LogLevel.INFO;
        }
        last = level;
        return new Found(time, level);
    }

    private static LogLevel levelOf(String rest) {
        Matcher s = SUPERVISOR.matcher(rest);
        if (s.find()) {
            return s.group(1).startsWith("exited") ? LogLevel.ERROR : LogLevel.WARN;
        }
        Matcher w = WORD.matcher(rest);
        if (w.find()) {
            return switch (w.group(1).toLowerCase(java.util.Locale.ROOT)) {
                case "trace", "debug" -> LogLevel.DEBUG;
                case "warn", "warning" -> LogLevel.WARN;
                case "error", "err" -> LogLevel.ERROR;
                case "fatal", "crit", "critical", "panic" -> LogLevel.FATAL;
                default -> LogLevel.INFO;
            };
        }
        if (!rest.isEmpty() && rest.charAt(0) == '{') {
            Matcher p = PINO.matcher(rest);
            if (p.find()) {
                int v = Integer.parseInt(p.group(1));
                return v >= 60 ? LogLevel.FATAL : v >= 50 ? LogLevel.ERROR : v >= 40 ? LogLevel.WARN : v >= 30 ? LogLevel.INFO : LogLevel.DEBUG;
            }
        }
        if (ERROR_TEXT.matcher(rest).find()) {
            return LogLevel.ERROR;
        }
        return null;
    }

    private long isoTime(Matcher iso) {
        String frac = iso.group(3) == null ? "" : "." + (iso.group(3).substring(1) + "000").substring(0, 3);
        String zone = iso.group(4);
        String local = iso.group(1) + "T" + iso.group(2) + frac;
        try {
            if (zone == null) {
                return LocalDateTime.parse(local).toInstant(serverOffset).toEpochMilli();
            }
            String z = zone.equals("Z") ? "Z" : zone.length() == 5 ? zone.substring(0, 3) + ":" + zone.substring(3) : zone;
            return OffsetDateTime.parse(local + z).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            return -1;
        }
    }

    private static long meteorTime(Matcher m) {
        try {
            double hours = Double.parseDouble(m.group(4));
            ZoneOffset offset = ZoneOffset.ofTotalSeconds((int) Math.round(hours * 3600));
            return LocalDateTime.parse(m.group(2) + m.group(3), METEOR_DAY).toInstant(offset).toEpochMilli();
        } catch (java.time.DateTimeException | NumberFormatException e) {
            return -1;
        }
    }
}
