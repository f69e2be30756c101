package dev.orrery.bench;

import dev.orrery.task.Progress;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where a deploy's time goes: a {@link Progress} that stamps every server step (upload, install,
 * preflight, drain, wait for in-flight requests, stop, switch, restart, health gate, undrain, done)
 * and the waits {@code PassiveDrain} logs for nginx's fail_timeout, then prints per server how long
 * each step took, and the time before the first server step (phase one: uploads and installs
 * counted there only when they run before the switches) and after the last.
 */
final class StepTimes implements Progress {
    private record Mark(long ms, String server, String step) {
    }

    private long t0 = System.nanoTime();
    private final List<Mark> marks = new ArrayList<>();
    /** Per server, the fail_timeout wait PassiveDrain announced (it is part of the drain step). */
    private final Map<String, Long> failTimeoutWait = new LinkedHashMap<>();
    private long endMs = -1;

    private long now() {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    @Override
    public synchronized void serverStep(String server, String step, boolean mayBeDown) {
        marks.add(new Mark(now(), server, step));
    }

    @Override
    public void step(String name) {
    }

    @Override
    public void fraction(double done) {
    }

    /** Per server, phase one's parts a delta install logs: reading earlier releases' hashes, building, verifying (ms). */
    private final Map<String, long[]> deltaParts = new LinkedHashMap<>();
    private static final java.util.regex.Pattern INDEX = java.util.regex.Pattern.compile("^(\\S+): read the file hashes of its earlier releases in (\\d+) ms");
    private static final java.util.regex.Pattern BUILT = java.util.regex.Pattern.compile(
            "^(\\S+): built from the changed files and earlier releases in (\\d+) ms, verified every file by SHA-256 in (\\d+) ms");

    @Override
    public synchronized void log(String line) {
        java.util.regex.Matcher m = INDEX.matcher(line);
        if (m.find()) {
            deltaParts.computeIfAbsent(m.group(1), k -> new long[3])[0] += Long.parseLong(m.group(2));
        }
        m = BUILT.matcher(line);
        if (m.find()) {
            long[] p = deltaParts.computeIfAbsent(m.group(1), k -> new long[3]);
            p[1] += Long.parseLong(m.group(2));
            p[2] += Long.parseLong(m.group(3));
        }
        // "app-2: 2026…-ab12cd34 healthy on spare port 13000 after 1500 ms": its preflight (in phase one) is over
        int h = line.indexOf(" healthy on spare port ");
        if (h > 0 && line.indexOf(": ") > 0) {
            marks.add(new Mark(now(), line.substring(0, line.indexOf(": ")), READY));
        }
        // "app-2: waiting 10953 ms until nginx's fail_timeout for ..."
        int w = line.indexOf(": waiting ");
        if (w > 0 && line.contains("fail_timeout")) {
            String ms = line.substring(w + ": waiting ".length()).split(" ")[0];
            failTimeoutWait.merge(line.substring(0, w), Long.parseLong(ms), Long::sum);
        }
    }

    @Override
    public boolean cancelled() {
        return false;
    }

    /** Starts the clock (call right before deploy()). */
    synchronized StepTimes begin() {
        t0 = System.nanoTime();
        marks.clear();
        failTimeoutWait.clear();
        deltaParts.clear();
        return this;
    }

    /** Marks the deploy's end (call when deploy() returned). */
    synchronized StepTimes end() {
        endMs = now();
        return this;
    }

    /** Milliseconds each server spent in {@code step} (summed over servers). */
    synchronized long total(String step) {
        return perServer().values().stream().mapToLong(m -> m.getOrDefault(step, 0L)).sum();
    }

    synchronized long failTimeoutWaits() {
        return failTimeoutWait.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Per server: step → ms, a step lasting until that server's next step. */
    private Map<String, Map<String, Long>> perServer() {
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        Map<String, Mark> open = new LinkedHashMap<>();
        long firstSwitch = firstSwitchMs();
        for (Mark m : marks) {
            Mark prev = open.put(m.server, m);
            if (prev != null) {
                Map<String, Long> row = out.computeIfAbsent(m.server, k -> new LinkedHashMap<>());
                if (!switching(prev.step) && switching(m.step) && firstSwitch >= prev.ms && m.ms > firstSwitch) {
                    // phase one ended for everyone at the first switch; after it this server waits its turn
                    row.merge(prev.step, firstSwitch - prev.ms, Long::sum);
                    row.merge(TURN, m.ms - firstSwitch, Long::sum);
                } else {
                    row.merge(prev.step, m.ms - prev.ms, Long::sum);
                }
            } else {
                out.computeIfAbsent(m.server, k -> new LinkedHashMap<>());
            }
        }
        return out;
    }

    private static final String TURN = "waits its turn";

    /** Preflights run in phase one now (deploy/Preflights): a server's switch begins with its drain. */
    private static boolean switching(String step) {
        return step.equals("drain");
    }

    /** After its preflight passed: the server waits for the rest of phase one. */
    private static final String READY = "ready";

    /** The first switch step (drain) any server entered, or -1. */
    private long firstSwitchMs() {
        return marks.stream().filter(m -> switching(m.step)).mapToLong(Mark::ms).min().orElse(-1);
    }

    private long lastDoneMs() {
        return marks.stream().filter(m -> m.step.equals("done")).mapToLong(Mark::ms).max().orElse(-1);
    }

    static final List<String> COLUMNS = List.of("upload", "install", "preflight on a spare port", READY, TURN, "drain", "wait for in-flight requests",
            "stop", "switch current", "restart", "health gate", "undrain");
    private static final List<String> SHORT = List.of("upload", "install", "preflight", "ready", "turn", "drain*", "in-flight", "stop", "switch",
            "restart", "health", "undrain");

    /** The table: one row per server (in the order they first appear), seconds per step. */
    synchronized void print(String title) {
        System.out.println("-- where the time goes: " + title + " (s; drain* includes the fail_timeout wait, shown apart) --");
        StringBuilder h = new StringBuilder(String.format(Locale.ROOT, "%-8s", "server"));
        SHORT.forEach(s -> h.append(String.format(Locale.ROOT, " %9s", s)));
        h.append(String.format(Locale.ROOT, " %9s %9s %9s", "ft-wait", "entered", "done at"));
        System.out.println(h);
        Map<String, Map<String, Long>> per = perServer();
        for (var e : per.entrySet()) {
            StringBuilder r = new StringBuilder(String.format(Locale.ROOT, "%-8s", e.getKey()));
            for (String c : COLUMNS) {
                Long ms = e.getValue().get(c);
                r.append(ms == null ? String.format(Locale.ROOT, " %9s", "-") : String.format(Locale.ROOT, " %9.2f", ms / 1e3));
            }
            long entered = marks.stream().filter(m -> m.server.equals(e.getKey()) && switching(m.step)).mapToLong(Mark::ms).min().orElse(-1);
            long done = marks.stream().filter(m -> m.server.equals(e.getKey()) && m.step.equals("done")).mapToLong(Mark::ms).max().orElse(-1);
            r.append(String.format(Locale.ROOT, " %9.2f %9.2f %9.2f", failTimeoutWait.getOrDefault(e.getKey(), 0L) / 1e3, entered / 1e3, done / 1e3));
            System.out.println(r);
        }
        deltaParts.forEach((server, p) -> System.out.printf(Locale.ROOT,
                "%-8s only what changed: earlier releases' hashes read in %.2f s, release built in %.2f s, verified in %.2f s%n",
                server, p[0] / 1e3, p[1] / 1e3, p[2] / 1e3));
        long first = firstSwitchMs();
        long last = lastDoneMs();
        System.out.printf(Locale.ROOT, "before the first switch (phase one) %.2f s (preflights in it, summed over servers: %.2f s); switches %.2f s"
                        + " (fail_timeout waits %.2f s, health gates %.2f s, stop+switch+restart %.2f s); after the last %.2f s; deploy %.2f s%n",
                first / 1e3, total("preflight on a spare port") / 1e3, (last - first) / 1e3, failTimeoutWaits() / 1e3, total("health gate") / 1e3,
                (total("stop") + total("switch current") + total("restart")) / 1e3, (endMs - last) / 1e3, endMs / 1e3);
    }
}
