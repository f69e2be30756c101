package dev.orrery.logs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One entry of {@code journalctl -o json}: its cursor (where a reconnect resumes), time, priority
 * and message. journald writes a message that is not valid UTF-8 as an array of byte values,
 * and a field it has not got as null; both are handled.
 *
 * @param timeMicros {@code __REALTIME_TIMESTAMP}: microseconds since the epoch
 * @param priority   syslog priority 0..7, 6 (info) when the entry has none
 */
public record JournalEntry(String cursor, long timeMicros, int priority, String message, String unit, String identifier) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static Optional<JournalEntry> parse(String line) {
        if (line.isEmpty() || line.charAt(0) != '{') {
            return Optional.empty();
        }
        JsonNode n;
        try {
            n = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        String cursor = text(n.get("__CURSOR"));
        String time = text(n.get("__REALTIME_TIMESTAMP"));
        if (cursor == null || time == null) {
            return Optional.empty();
        }
        long micros;
        int priority;
        try {
            micros = Long.parseLong(time);
            String p = text(n.get("PRIORITY"));
            priority = p == null ? 6 : Integer.parseInt(p);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.of(new JournalEntry(cursor, micros, priority, message(n.get("MESSAGE")),
                text(n.get("_SYSTEMD_UNIT")), text(n.get("SYSLOG_IDENTIFIER"))));
    }

    public long timeMillis() {
        return timeMicros / 1000;
    }

    private static String message(JsonNode m) {
        if (m == null || m.isNull()) {
            return "";
        }
        if (m.isArray()) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            m.forEach(b -> bytes.write(b.asInt()));
            // Not UTF-8 as a whole: decode what is, U+FFFD for the rest, like the file sources.
            return bytes.toString(StandardCharsets.UTF_8);
        }
        return m.asText();
    }

    private static String text(JsonNode v) {
        return v == null || v.isNull() ? null : v.asText();
    }
}
