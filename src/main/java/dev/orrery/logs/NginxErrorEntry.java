package dev.orrery.logs;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of nginx's error log: {@code 2024/03/01 12:00:00 [error] 1234#1234: *56 message}.
 * nginx writes the server's local time with no zone, so the caller gives the server's offset.
 */
public record NginxErrorEntry(long time, LogLevel level, String nginxLevel, String message) {
    private static final Pattern LINE = Pattern.compile(
            "^(\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2}) \\[(debug|info|notice|warn|error|crit|alert|emerg)\\] \\d+#\\d+: (?:\\*\\d+ )?(.*)$");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss");

    public static Optional<NginxErrorEntry> parse(String line, ZoneOffset serverOffset) {
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            long t = LocalDateTime.parse(m.group(1), TIME).toInstant(serverOffset).toEpochMilli();
            return Optional.of(new NginxErrorEntry(t, LogLevel.ofNginx(m.group(2)), m.group(2), m.group(3)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
