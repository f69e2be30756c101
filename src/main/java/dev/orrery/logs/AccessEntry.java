package dev.orrery.logs;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One request in nginx's access log, in the {@code combined} format or Orrery's {@code orrery}
 * format (combined plus {@code upstream="ADDR" rt=SECONDS ms=EPOCH.MILLIS}, which says which app
 * server answered and when to the millisecond; see {@code NginxRenderer}).
 *
 * @param upstream the app server(s) nginx tried, as nginx writes {@code $upstream_addr}
 *                 ("10.0.1.5:3000", or "10.0.1.5:3000, 10.0.1.6:3000" after a retry); null in combined
 */
public record AccessEntry(long time, String client, String method, String path, int status, long bytes,
                          String referer, String userAgent, String upstream, double requestSeconds) {

    // $remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent"
    private static final Pattern COMBINED = Pattern.compile(
            "^(\\S+) \\S+ (\\S+) \\[([^\\]]+)\\] \"((?:[^\"\\\\]|\\\\.)*)\" (\\d{3}) (\\d+|-) \"((?:[^\"\\\\]|\\\\.)*)\" \"((?:[^\"\\\\]|\\\\.)*)\"(.*)$");
    private static final Pattern UPSTREAM = Pattern.compile("\\bupstream=\"([^\"]*)\"");
    private static final Pattern REQUEST_TIME = Pattern.compile("\\brt=([0-9.]+)");
    private static final Pattern MSEC = Pattern.compile("\\bms=(\\d{9,})\\.(\\d{3})\\b");
    static final DateTimeFormatter TIME_LOCAL = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT);

    public static Optional<AccessEntry> parse(String line) {
        Matcher m = COMBINED.matcher(line);
        if (!m.matches()) {
            return Optional.empty();
        }
        long time;
        try {
            time = OffsetDateTime.parse(m.group(3), TIME_LOCAL).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        String rest = m.group(9);
        Matcher ms = MSEC.matcher(rest);
        if (ms.find()) {
            time = Long.parseLong(ms.group(1)) * 1000 + Integer.parseInt(ms.group(2));
        }
        String request = m.group(4);
        String[] parts = request.split(" ");
        String method = parts.length >= 2 ? parts[0] : "";
        String path = parts.length >= 2 ? parts[1] : request;
        Matcher up = UPSTREAM.matcher(rest);
        String upstream = up.find() && !up.group(1).equals("-") && !up.group(1).isEmpty() ? up.group(1) : null;
        Matcher rt = REQUEST_TIME.matcher(rest);
        double seconds = rt.find() ? parseDouble(rt.group(1)) : -1;
        return Optional.of(new AccessEntry(time, m.group(1), method, path, Integer.parseInt(m.group(5)),
                m.group(6).equals("-") ? 0 : Long.parseLong(m.group(6)), m.group(7), m.group(8), upstream, seconds));
    }

    /** The last address nginx tried (the one that answered), without the port; null when none. */
    public String answeredBy() {
        if (upstream == null) {
            return null;
        }
        String[] tried = upstream.split("\\s*,\\s*|\\s+:\\s+"); // retries: "a, b"; internal redirects: "a : b"
        String last = tried[tried.length - 1].strip();
        int colon = last.lastIndexOf(':');
        return colon > 0 ? last.substring(0, colon) : last;
    }

    private static double parseDouble(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
