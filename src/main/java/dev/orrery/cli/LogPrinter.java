package dev.orrery.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orrery.logs.LogLine;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * How {@code orrery logs} prints a line: {@code 12:00:05.123 app-2   app    ERROR text}, a deploy
 * marker as {@code ── text ──}, and a known problem's explanation on the next line; or with
 * {@code --json} one object a line, {@code {"time","server","source","level","text","problem"}}
 * (problem: null or {@code {"id","title","explanation"}}; time: ISO-8601 UTC).
 */
final class LogPrinter {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss.SSS").withZone(ZoneId.systemDefault());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream out;
    private final boolean json;

    LogPrinter(PrintStream out, boolean json) {
        this.out = out;
        this.json = json;
    }

    synchronized void print(LogLine l) {
        if (json) {
            ObjectNode o = JSON.createObjectNode();
            o.put("time", Instant.ofEpochMilli(l.time()).toString());
            o.put("timeFromLine", l.timeFromLine());
            o.put("server", l.server());
            o.put("source", l.source().word());
            o.put("level", l.level().word());
            o.put("text", l.text());
            if (l.problem() == null) {
                o.putNull("problem");
            } else {
                ObjectNode p = o.putObject("problem");
                p.put("id", l.problem().id());
                p.put("title", l.problem().title());
                p.put("explanation", l.problem().explanation());
            }
            out.println(o);
            return;
        }
        String time = TIME.format(Instant.ofEpochMilli(l.time()));
        if (l.marker()) {
            out.printf("%s %-8s ── %s ──%n", time, l.server(), l.text());
            return;
        }
        out.printf("%s %-8s %-6s %-5s %s%n", time, l.server(), l.source().word(), l.level().word().toUpperCase(java.util.Locale.ROOT), l.text());
        if (l.problem() != null) {
            out.printf("%31s↳ %s: %s%n", "", l.problem().title(), l.problem().explanation());
        }
    }
}
