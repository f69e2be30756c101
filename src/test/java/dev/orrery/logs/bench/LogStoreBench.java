package dev.orrery.logs.bench;

import dev.orrery.logs.KnownProblems;
import dev.orrery.logs.LogFilter;
import dev.orrery.logs.LogLevel;
import dev.orrery.logs.LogLine;
import dev.orrery.logs.LogQueries;
import dev.orrery.logs.LogSource;
import dev.orrery.logs.LogStore;
import dev.orrery.store.history.HistoryDb;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * Regex search over 1,000,000 stored lines (the goal: under 1 s), and what storing them
 * costs: lines a second into the store, bytes per line on disk. The lines are a realistic mix of
 * nginx access lines (Orrery's format), nginx errors and Meteor app output over 10 servers.
 * Prints the median of 5 runs per search, on the caller's thread alone and with workers. Build
 * the class path once with
 * {@code mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test}.
 * <pre>java -cp target/test-classes:target/classes:$(cat target/cp.txt) dev.orrery.logs.bench.LogStoreBench [LINES [STORE_FILE]]</pre>
 * With STORE_FILE, the lines are stored there once and later runs search them as they are.
 */
public final class LogStoreBench {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        // a store file given and already filled is searched as it is (the storing takes minutes)
        Path given = args.length > 1 ? Path.of(args[1]) : null;
        Path dir = given == null ? Files.createTempDirectory("orrery-logbench") : null;
        Path file = given != null ? given : dir.resolve("history.db");
        System.out.printf("load average %.1f on %d cores%n", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        ExecutorService workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "bench-search");
            t.setDaemon(true);
            return t;
        });
        try (HistoryDb db = HistoryDb.open(file)) {
            LogStore store = LogStore.open(db);
            long start;
            if (store.size()[1] >= n) {
                start = new LogQueries(store).latest("crater", LogFilter.ALL.between(0, Long.MAX_VALUE), 1).get(0).time() - n * 10L;
                System.out.printf("searching the %,d lines already in %s%n", store.size()[1], file);
            } else {
                start = fill(db, store, n);
            }
            long lastHour = start + n * 10L - 3_600_000;
            for (boolean parallel : new boolean[] {false, true}) {
                LogQueries q = parallel ? new LogQueries(store, workers) : new LogQueries(store);
                System.out.println(parallel ? "-- with workers (" + Runtime.getRuntime().availableProcessors() + " chunks at a time)" : "-- on the caller's thread alone");
                search(q, "a rare literal (1 line in 10,000)", "upstream timed out.*10\\.0\\.1\\.7:3000", LogFilter.ALL, 500);
                search(q, "a common literal, newest 500", "POST /api/tasks", LogFilter.ALL, 500);
                search(q, "case-insensitive literal", "(?i)exception IN CALLBACK", LogFilter.ALL, 500);
                search(q, "no literal at all (every row to Java)", "\\b5\\d\\d \\d+ \"", LogFilter.ALL, 500);
                search(q, "no literal, nothing matches (full scan)", "\\bq[xz]{3}\\d", LogFilter.ALL, 500);
                search(q, "no literal, digits start it (full scan)", "\\d+\\.\\d+\\.\\d+\\.\\d+:\\d{5}", LogFilter.ALL, 500);
                search(q, "no literal, any word start (full scan)", "\\w+=\\d{7,}x", LogFilter.ALL, 500);
                search(q, "no literal, last hour only", "\\bq[xz]{3}\\d", LogFilter.ALL.between(lastHour, Long.MAX_VALUE), 500);
                search(q, "a rare literal, with a level filter", "upstream timed out", LogFilter.ALL.withMinLevel(LogLevel.ERROR), 500);
            }
            LogQueries q = new LogQueries(store);
            long p0 = System.nanoTime();
            List<LogLine> page = q.latest("crater", LogFilter.ALL, 2000);
            System.out.printf("newest page of %d lines: %.1f ms%n", page.size(), (System.nanoTime() - p0) / 1e6);
            p0 = System.nanoTime();
            List<LogLine> back = q.around("crater", LogFilter.ALL, start + n * 5L, 1000, 1000);
            System.out.printf("2,000 lines around a moment half-way back: %.1f ms%n", (System.nanoTime() - p0) / 1e6);
            if (back.isEmpty()) {
                throw new IllegalStateException("no lines around the middle");
            }
        } finally {
            workers.shutdownNow();
            if (dir != null) {
                for (String s : new String[] {"", "-wal", "-shm"}) {
                    Files.deleteIfExists(Path.of(file + s));
                }
                Files.deleteIfExists(dir);
            }
        }
    }

    /** Stores {@code n} lines 10 ms apart ending now; returns the first one's time. */
    private static long fill(HistoryDb db, LogStore store, int n) throws Exception {
        store.setCapBytes(4L * 1024 * 1024 * 1024);
        Random r = new Random(7);
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long c0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        long textBytes = 0;
        long start = System.currentTimeMillis() - n * 10L;
        List<LogLine> batch = new ArrayList<>(4000);
        for (int i = 0; i < n; i++) {
            LogLine l = line(r, i, start + i * 10L);
            textBytes += l.text().length();
            batch.add(l);
            if (batch.size() == 4000) {
                store.append("crater", batch, Map.of("lb-1/access", "file 1 " + i + " 0 - none|-"));
                batch.clear();
            }
        }
        store.append("crater", batch, Map.of());
        double insertS = (System.nanoTime() - t0) / 1e9;
        double insertCpu = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
        long disk = db.sizeOnDisk();
        System.out.printf("stored %,d lines in %.1f s wall, %.1f s CPU: %,.0f lines/s (%,.0f per CPU second); %.0f bytes of text a line,"
                        + " %.0f bytes a line on disk (counted for the cap: %.0f)%n",
                n, insertS, insertCpu, n / insertS, n / insertCpu, (double) textBytes / n, (double) disk / n, (double) store.size()[0] / n);
        return start;
    }

    /** Median of 5 runs, wall and the whole process's CPU (the caller's thread, SQLite on it through JNI, and the workers). */
    private static void search(LogQueries q, String what, String regex, LogFilter f, int limit) throws Exception {
        Pattern p = Pattern.compile(regex);
        double[] ms = new double[5];
        double[] cpu = new double[5];
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        LogQueries.Found found = null;
        for (int i = 0; i < ms.length; i++) {
            long c0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            found = q.search("crater", f, p, limit);
            ms[i] = (System.nanoTime() - t0) / 1e6;
            cpu[i] = (os.getProcessCpuTime() - c0) / 1e6;
        }
        Arrays.sort(ms);
        Arrays.sort(cpu);
        System.out.printf("search %-40s /%s/: %,6.0f ms wall median (%,.0f–%,.0f), %,6.0f ms CPU; %d matches%s, regex ran on %,d rows%n",
                what, regex, ms[2], ms[0], ms[4], cpu[2], found.lines().size(), found.more() ? "+" : "", found.scanned());
    }

    private static final String[] PATHS = {"/", "/sockjs/info", "/api/tasks", "/packages/meteor.js", "/websocket", "/health", "/api/users/42"};

    static LogLine line(Random r, int i, long t) {
        int kind = r.nextInt(100);
        String server = "app-" + (1 + r.nextInt(10));
        if (kind < 60) {
            String path = PATHS[r.nextInt(PATHS.length)];
            int status = r.nextInt(1000) < 5 ? 502 : r.nextInt(100) < 10 ? 304 : 200;
            String method = path.startsWith("/api") && r.nextBoolean() ? "POST" : "GET";
            String text = "198.51.100." + r.nextInt(255) + " - - [01/Mar/2024:12:" + String.format("%02d:%02d", (i / 60) % 60, i % 60)
                    + " +0000] \"" + method + " " + path + "?r=" + r.nextInt(100000) + " HTTP/1.1\" " + status + " " + r.nextInt(20000)
                    + " \"https://crater.example/\" \"Mozilla/5.0 (X11; Linux x86_64) Firefox/123.0\" upstream=\"10.0.1." + (1 + r.nextInt(10))
                    + ":3000\" rt=0.0" + r.nextInt(99) + " ms=" + t / 1000 + "." + String.format("%03d", t % 1000);
            return new LogLine(0, t, true, "lb-1", LogSource.ACCESS, LogLevel.ofStatus(status), text, null);
        }
        if (kind < 62 || i % 10_000 == 0) {
            String text = i % 10_000 == 0
                    ? "2024/03/01 12:00:00 [error] 812#812: *" + i + " upstream timed out (110: Connection timed out) while reading response header"
                    + " from upstream, client: 198.51.100.9, server: , request: \"GET / HTTP/1.1\", upstream: \"http://10.0.1." + (1 + (i / 10_000) % 10)
                    + ":3000/\", host: \"crater.example\""
                    : "2024/03/01 12:00:00 [warn] 812#812: *" + i + " an upstream response is buffered to a temporary file";
            return new LogLine(0, t, true, "lb-1", LogSource.ERROR, i % 10_000 == 0 ? LogLevel.ERROR : LogLevel.WARN, text,
                    KnownProblems.find(LogSource.ERROR, text).orElse(null));
        }
        String text = switch (kind % 5) {
            case 0 -> "I20240301-12:00:00.000(0)? tasks.insert by user " + r.nextInt(5000) + " took " + r.nextInt(300) + " ms";
            case 1 -> "Exception in callback of async function: Error: Match failed [400] at check (packages/check.js:" + r.nextInt(200) + ")";
            case 2 -> "    at Object.<anonymous> (/opt/crater/current/bundle/programs/server/app/app.js:" + r.nextInt(5000) + ":12)";
            case 3 -> "publish tasks for " + r.nextInt(5000) + " documents: " + r.nextInt(100);
            default -> "DDP connection " + Long.toHexString(r.nextLong()) + " closed after " + r.nextInt(3600) + " s";
        };
        return new LogLine(0, t, false, server, LogSource.APP, LogLevel.INFO, text, KnownProblems.find(LogSource.APP, text).orElse(null));
    }
}
