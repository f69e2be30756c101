package dev.orrery.logs;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** nginx's combined and error formats, Orrery's access format, journald's JSON, the supervisor's and apps' lines. */
class ParsersTest {
    static long at(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    @Test
    void nginxCombinedFormat() {
        AccessEntry a = AccessEntry.parse("203.0.113.7 - - [01/Mar/2024:12:00:05 +0100] \"GET /sockjs/info?cb=x HTTP/1.1\" 200 90"
                + " \"https://crater.example/\" \"Mozilla/5.0 (X11; Linux x86_64)\"").orElseThrow();
        assertThat(a.time()).isEqualTo(at("2024-03-01T11:00:05Z"));
        assertThat(a.client()).isEqualTo("203.0.113.7");
        assertThat(a.method()).isEqualTo("GET");
        assertThat(a.path()).isEqualTo("/sockjs/info?cb=x");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.bytes()).isEqualTo(90);
        assertThat(a.referer()).isEqualTo("https://crater.example/");
        assertThat(a.userAgent()).startsWith("Mozilla/5.0");
        assertThat(a.upstream()).isNull();
        assertThat(a.answeredBy()).isNull();
        // a request line with an escaped quote, a user, no bytes
        AccessEntry b = AccessEntry.parse("198.51.100.2 - alice [01/Mar/2024:12:00:05 +0000] \"GET /a\\\"b HTTP/1.1\" 304 - \"-\" \"curl/8\"").orElseThrow();
        assertThat(b.path()).isEqualTo("/a\\\"b");
        assertThat(b.bytes()).isZero();
        assertThat(AccessEntry.parse("not an access line")).isEmpty();
    }

    @Test
    void orrerysAccessFormatSaysWhichServerAnsweredToTheMillisecond() {
        String line = "198.51.100.9 - - [01/Mar/2024:12:00:05 +0000] \"POST /api HTTP/1.1\" 502 157 \"-\" \"load\""
                + " upstream=\"10.0.1.5:3000, 10.0.1.6:3000\" rt=0.012 ms=1709294405.123";
        AccessEntry a = AccessEntry.parse(line).orElseThrow();
        assertThat(a.time()).isEqualTo(at("2024-03-01T12:00:05.123Z"));
        assertThat(a.upstream()).isEqualTo("10.0.1.5:3000, 10.0.1.6:3000");
        assertThat(a.answeredBy()).isEqualTo("10.0.1.6");
        assertThat(a.requestSeconds()).isEqualTo(0.012);
        assertThat(LogLevel.ofStatus(a.status())).isEqualTo(LogLevel.ERROR);
        assertThat(LogLevel.ofStatus(404)).isEqualTo(LogLevel.WARN);
        assertThat(LogLevel.ofStatus(301)).isEqualTo(LogLevel.INFO);
        assertThat(AccessEntry.parse(line.replace("upstream=\"10.0.1.5:3000, 10.0.1.6:3000\"", "upstream=\"-\"")).orElseThrow().upstream()).isNull();
    }

    @Test
    void nginxErrorFormatInTheServersLocalTime() {
        NginxErrorEntry e = NginxErrorEntry.parse("2024/03/01 12:00:05 [error] 812#812: *3105 upstream timed out (110: Connection timed out)"
                + " while reading response header from upstream, client: 198.51.100.9, server: , request: \"GET / HTTP/1.1\","
                + " upstream: \"http://10.0.1.5:3000/\", host: \"crater.example\"", ZoneOffset.ofHours(2)).orElseThrow();
        assertThat(e.time()).isEqualTo(at("2024-03-01T10:00:05Z"));
        assertThat(e.level()).isEqualTo(LogLevel.ERROR);
        assertThat(e.message()).startsWith("upstream timed out");
        assertThat(NginxErrorEntry.parse("2024/03/01 12:00:05 [emerg] 1#1: bind() to 0.0.0.0:80 failed", ZoneOffset.UTC).orElseThrow().level())
                .isEqualTo(LogLevel.FATAL);
        assertThat(NginxErrorEntry.parse("2024/03/01 12:00:05 [notice] 1#1: signal process started", ZoneOffset.UTC).orElseThrow().level())
                .isEqualTo(LogLevel.INFO);
        assertThat(NginxErrorEntry.parse("2024/03/01 12:00:05 [warn] 1#1: *9 an upstream response is buffered", ZoneOffset.UTC).orElseThrow().level())
                .isEqualTo(LogLevel.WARN);
        assertThat(NginxErrorEntry.parse("nginx: [emerg] unexpected end of file", ZoneOffset.UTC)).isEmpty();
    }

    @Test
    void journaldJson() {
        JournalEntry e = JournalEntry.parse("{\"__CURSOR\":\"s=ab;i=1f;b=cd;m=1;t=5f;x=9\",\"__REALTIME_TIMESTAMP\":\"1709294405123456\","
                + "\"PRIORITY\":\"3\",\"_SYSTEMD_UNIT\":\"orrery-crater.service\",\"SYSLOG_IDENTIFIER\":\"orrery-run\","
                + "\"MESSAGE\":\"Exception in callback of async function: TypeError: x is undefined\"}").orElseThrow();
        assertThat(e.cursor()).isEqualTo("s=ab;i=1f;b=cd;m=1;t=5f;x=9");
        assertThat(e.timeMillis()).isEqualTo(at("2024-03-01T12:00:05.123Z"));
        assertThat(e.priority()).isEqualTo(3);
        assertThat(e.unit()).isEqualTo("orrery-crater.service");
        assertThat(e.message()).startsWith("Exception in callback");
        // a message that is not UTF-8 comes as an array of bytes; a missing priority is info
        JournalEntry bytes = JournalEntry.parse("{\"__CURSOR\":\"c\",\"__REALTIME_TIMESTAMP\":\"1\",\"MESSAGE\":[104,105,255]}").orElseThrow();
        assertThat(bytes.message()).isEqualTo("hi\uFFFD");
        assertThat(bytes.priority()).isEqualTo(6);
        assertThat(JournalEntry.parse("{\"__CURSOR\":\"c\",\"__REALTIME_TIMESTAMP\":\"1\",\"MESSAGE\":null}").orElseThrow().message()).isEmpty();
        assertThat(JournalEntry.parse("-- No entries --")).isEmpty();
        assertThat(JournalEntry.parse("{\"MESSAGE\":\"no cursor\"}")).isEmpty();
        assertThat(JournalEntry.parse("{broken")).isEmpty();
        LineReader r = new LineReader("app-1", LogSource.APP, ZoneOffset.UTC, () -> 0);
        assertThat(r.read(e).level()).isEqualTo(LogLevel.ERROR);
        assertThat(r.read(e).time()).isEqualTo(e.timeMillis());
        assertThat(r.read(e).problem().id()).isEqualTo("meteor-callback");
    }

    @Test
    void theSupervisorsOwnLinesAndAnAppsStampsAndLevels() {
        AppLines a = new AppLines(ZoneOffset.ofHours(1));
        AppLines.Found started = a.read("2024-03-01T12:00:05Z orrery-supervise: started app pid 4242");
        assertThat(started.time()).isEqualTo(at("2024-03-01T12:00:05Z"));
        assertThat(started.level()).isEqualTo(LogLevel.INFO);
        assertThat(a.read("2024-03-01T12:00:05Z orrery-supervise: app pid 4242 exited with 1; restarting in 2s").level()).isEqualTo(LogLevel.ERROR);
        assertThat(a.read("2024-03-01T12:00:05Z orrery-supervise: app pid 4242 killed after 20s").level()).isEqualTo(LogLevel.WARN);
        // Meteor's Log: level letter, local time, offset in hours
        AppLines.Found meteor = a.read("W20240301-13:00:05.250(1)? slow query on tasks");
        assertThat(meteor.level()).isEqualTo(LogLevel.WARN);
        assertThat(meteor.time()).isEqualTo(at("2024-03-01T12:00:05.250Z"));
        assertThat(a.read("E20240301-13:00:05.250(1) (server.js:12) it broke").level()).isEqualTo(LogLevel.ERROR);
        // a stamp without zone is the server's local time
        assertThat(a.read("2024-03-01 13:00:05,120 INFO ready").time()).isEqualTo(at("2024-03-01T12:00:05.120Z"));
        assertThat(a.read("[2024-03-01T12:00:05.5+02:00] [warn] disk").time()).isEqualTo(at("2024-03-01T10:00:05.500Z"));
        assertThat(a.read("[2024-03-01T12:00:05.5+02:00] [warn] disk").level()).isEqualTo(LogLevel.WARN);
        assertThat(a.read("ERROR: cannot connect").level()).isEqualTo(LogLevel.ERROR);
        assertThat(a.read("{\"level\":50,\"msg\":\"pino error\"}").level()).isEqualTo(LogLevel.ERROR);
        assertThat(a.read("{\"level\":30,\"msg\":\"pino info\"}").level()).isEqualTo(LogLevel.INFO);
        assertThat(a.read("listening on 3000").time()).isEqualTo(-1);
        // a stack trace takes the level of the line it continues
        assertThat(a.read("TypeError: Cannot read properties of undefined (reading 'x')").level()).isEqualTo(LogLevel.ERROR);
        assertThat(a.read("    at Object.<anonymous> (/opt/crater/current/main.js:10:3)").level()).isEqualTo(LogLevel.ERROR);
        assertThat(a.read("listening again").level()).isEqualTo(LogLevel.INFO);
        assertThat(a.read("    at nothing.js:1:1").level()).isEqualTo(LogLevel.INFO);
    }

    @Test
    void aLineReaderGivesEachLogItsTimeLevelAndProblem() {
        LineReader access = new LineReader("lb-1", LogSource.ACCESS, ZoneOffset.UTC, () -> 42);
        LogLine l = access.read("198.51.100.9 - - [01/Mar/2024:12:00:05 +0000] \"GET / HTTP/1.1\" 504 0 \"-\" \"x\"");
        assertThat(l.level()).isEqualTo(LogLevel.ERROR);
        assertThat(l.timeFromLine()).isTrue();
        assertThat(l.server()).isEqualTo("lb-1");
        LogLine odd = access.read("garbage");
        assertThat(odd.time()).isEqualTo(42);
        assertThat(odd.timeFromLine()).isFalse();
        LineReader error = new LineReader("lb-1", LogSource.ERROR, ZoneOffset.UTC, () -> 42);
        LogLine none = error.read("2024/03/01 12:00:05 [error] 812#812: *1 no live upstreams while connecting to upstream, client: 198.51.100.9");
        assertThat(none.problem().id()).isEqualTo("nginx-no-live-upstreams");
        // a known problem is at least a warning even where the line says info
        LineReader app = new LineReader("app-1", LogSource.APP, ZoneOffset.UTC, () -> 42);
        assertThat(app.read("Oplog fell too far behind, re-polling").level()).isEqualTo(LogLevel.WARN);
    }

    @Test
    void tailPositionsSurviveTheirStoredForm() {
        TailPosition p = new TailPosition(1234, 5678, 3, "42:256", "7,8");
        assertThat(TailPosition.decode(p.encode())).isEqualTo(p);
        assertThat(TailPosition.decode("garbage")).isEqualTo(TailPosition.FRESH);
        assertThat(new TailPosition(1, 2, 3, "bad head", "1;rm -rf /").siblings()).isEqualTo("-");
        String stored = SourcePositions.file(p, null);
        assertThat(SourcePositions.fileCurrent(stored)).isEqualTo(p);
        assertThat(SourcePositions.fileOld(stored)).isNull();
        TailPosition old = new TailPosition(99, 10, 0);
        assertThat(SourcePositions.fileOld(SourcePositions.file(p, old))).isEqualTo(old);
        assertThat(SourcePositions.journalCursor(SourcePositions.journal("s=1;i=2"))).isEqualTo("s=1;i=2");
        assertThat(SourcePositions.journalCursor(stored)).isNull();
        assertThat(SourcePositions.fileCurrent(null)).isEqualTo(TailPosition.FRESH);
    }
}
