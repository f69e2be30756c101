package dev.orrery.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Cold start of the window, measured from outside the program, with the breakdown of where the
 * time goes. Self-contained (JDK only), so the installer check runs it on the installed package:
 * <pre>
 *   DISPLAY=:99 java src/it/java/dev/orrery/bench/StartupBenchmark.java [--runs 5] [--] /usr/bin/orrery
 *   DISPLAY=:99 java src/it/java/dev/orrery/bench/StartupBenchmark.java -- java -jar target/orrery-0.1.0.jar
 * </pre>
 * Each start gets an empty data folder (ORRERY_HOME) and no sandbox (ORRERY_SANDBOX=off), so it
 * times the window itself. Printed: start → window mapped (xwininfo sees the "Orrery" window
 * IsViewable), to its first painted frame (ImageMagick's capture of it is not one flat colour,
 * as installer/linux/ci-check.sh judges it), CPU used until mapped (utime+stime of the process), `--version`, each the median of
 * the runs; then, from one more start logged with {@code -Xlog:class+load} (through
 * JAVA_TOOL_OPTIONS, which the jpackage launcher honours too), when the milestones happened in the
 * JVM's own uptime, how many classes were loaded before the window was mapped and from where (CDS
 * archive or not), by library — the libraries the first frame does not need (SSH, HTTP, JSON)
 * should show 0.
 * {@code --runs 0} prints only the breakdown.
 * A figure, never a verdict: it exits 0 whatever the times are, and 1 only if no window appears.
 */
public final class StartupBenchmark {
    private static final long WINDOW_WAIT_MS = 300_000;

    /** Class-name prefixes of the libraries worth telling apart, in the order printed. */
    private static final Map<String, String> GROUPS = new LinkedHashMap<>();

    static {
        GROUPS.put("dev.orrery.", "orrery");
        GROUPS.put("javafx.", "javafx");
        GROUPS.put("com.sun.javafx.", "javafx");
        GROUPS.put("com.sun.glass.", "javafx");
        GROUPS.put("com.sun.prism.", "javafx");
        GROUPS.put("com.sun.scenario.", "javafx");
        GROUPS.put("ch.qos.logback.", "logback");
        GROUPS.put("org.slf4j.", "logback");
        GROUPS.put("picocli.", "picocli");
        GROUPS.put("net.schmizz.", "ssh (sshj)");
        GROUPS.put("com.hierynomus.", "ssh (sshj)");
        GROUPS.put("org.bouncycastle.", "bouncycastle");
        GROUPS.put("okhttp3.", "http (okhttp)");
        GROUPS.put("okio.", "http (okhttp)");
        GROUPS.put("kotlin.", "http (okhttp)");
        GROUPS.put("com.fasterxml.jackson.", "json (jackson)");
        GROUPS.put("org.sqlite.", "sqlite");
    }

    /** Milestones: the first class of each that loads, and what its moment means. */
    private static final String[][] MILESTONES = {
            {"dev.orrery.Launcher", "main() reached (JVM started, jar opened)"},
            {"ch.qos.logback.classic.LoggerContext", "logging initialised"},
            {"com.sun.javafx.application.PlatformImpl", "JavaFX launch begins"},
            {"com.sun.glass.ui.gtk.GtkApplication", "GTK toolkit up"},
            {"dev.orrery.ui.main.StartupMarks$AppStart", "FX toolkit started, app start() runs"},
            {"dev.orrery.ui.main.MainWindow", "window being built"},
            {"dev.orrery.ui.main.StartupMarks$WindowBuilt", "window built (scene graph made)"},
            {"dev.orrery.ui.main.StartupMarks$Shown", "stage shown (CSS + layout for its size)"},
            {"dev.orrery.ui.main.StartupMarks$FirstLayout", "first pulse: CSS + layout done"},
            {"dev.orrery.ui.main.StartupMarks$FirstFrame", "first frame handed to the renderer"},
            {"net.schmizz.", "first SSH (sshj) class"},
            {"org.bouncycastle.", "first BouncyCastle class"},
            {"okhttp3.", "first okhttp class"},
            {"com.fasterxml.jackson.", "first Jackson class"},
    };

    /** Phases between milestones: label, from, to (null from: the JVM's start). */
    private static final String[][] PHASES = {
            {"JVM init (to main)", null, "dev.orrery.Launcher"},
            {"launcher, logging, to FX launch", "dev.orrery.Launcher", "com.sun.javafx.application.PlatformImpl"},
            {"FX toolkit start", "com.sun.javafx.application.PlatformImpl", "dev.orrery.ui.main.StartupMarks$AppStart"},
            {"window built (classes + nodes)", "dev.orrery.ui.main.StartupMarks$AppStart", "dev.orrery.ui.main.StartupMarks$WindowBuilt"},
            {"show: CSS + layout + native window", "dev.orrery.ui.main.StartupMarks$WindowBuilt", "dev.orrery.ui.main.StartupMarks$Shown"},
            {"first pulse (CSS/layout pass)", "dev.orrery.ui.main.StartupMarks$Shown", "dev.orrery.ui.main.StartupMarks$FirstLayout"},
            {"first pulse (sync, to renderer)", "dev.orrery.ui.main.StartupMarks$FirstLayout", "dev.orrery.ui.main.StartupMarks$FirstFrame"},
    };

    private StartupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = 5;
        List<String> command = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--runs")) {
                runs = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--")) {
                command.addAll(Arrays.asList(args).subList(i + 1, args.length));
                break;
            } else {
                command.add(args[i]);
            }
        }
        if (command.isEmpty()) {
            command.add("/usr/bin/orrery");
        }
        if (System.getenv("DISPLAY") == null) {
            System.err.println("StartupBenchmark: DISPLAY is not set (start Xvfb)");
            System.exit(2);
        }
        Path work = Files.createTempDirectory("orrery-startup-bench");
        List<Long> version = new ArrayList<>();
        List<Long> mapped = new ArrayList<>();
        List<Long> cpu = new ArrayList<>();
        List<Long> painted = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            version.add(timeVersion(command));
        }
        for (int i = 0; i < runs; i++) {
            Start s = start(command, work.resolve("run-" + i), null);
            mapped.add(s.mappedMs);
            cpu.add(s.cpuMs);
            painted.add(s.paintedMs);
        }
        System.out.printf("StartupBenchmark: %s (%d runs, load %s on %d cores)%n", String.join(" ", command), runs,
                Files.readString(Path.of("/proc/loadavg")).split(" ")[0], Runtime.getRuntime().availableProcessors());
        if (runs > 0) { // --runs 0: only the breakdown (the installer check times the starts itself)
            System.out.printf("  --version                %s ms (median %d ms)%n", version, median(version));
            System.out.printf("  start -> window mapped   %s ms (median %d ms)%n", mapped, median(mapped));
            System.out.printf("  start -> painted frame   %s ms (median %d ms)%n", painted, median(painted));
            System.out.printf("  CPU until mapped         %s ms (median %d ms)%n", cpu, median(cpu));
        }

        Path log = work.resolve("classes.log");
        Start logged = start(command, work.resolve("logged"), "-Xlog:class+load:file=" + log + ":uptime");
        breakdown(log, logged);
    }

    private record Start(long mappedMs, long cpuMs, long paintedMs) {
    }

    /** The logged start's HotSpot counters when its window was mapped (jcmd PerfCounter.print), or empty. */
    private static Map<String, String> counters = Map.of();

    private static Map<String, String> perfCounters(long pid) {
        String home = System.getProperty("java.home");
        Path jcmd = Path.of(home, "bin", "jcmd");
        Map<String, String> out = new TreeMap<>();
        try {
            Process j = new ProcessBuilder(Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd", Long.toString(pid), "PerfCounter.print")
                    .redirectErrorStream(true).start();
            for (String line : new String(j.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    out.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim().replace("\"", ""));
                }
            }
            j.waitFor(30, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            System.err.println("StartupBenchmark: no HotSpot counters (jcmd): " + e.getMessage());
        }
        return out;
    }

    /** A tick counter in ms (HotSpot counts in sun.os.hrt.frequency ticks per second), or -1. */
    private static long counterMs(String name) {
        try {
            return Math.round(Long.parseLong(counters.get(name)) * 1000.0 / Long.parseLong(counters.get("sun.os.hrt.frequency")));
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static long timeVersion(List<String> command) throws Exception {
        List<String> cmd = new ArrayList<>(command);
        cmd.add("--version");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        p.waitFor();
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }

    private static Start start(List<String> command, Path home, String javaToolOptions) throws Exception {
        Files.createDirectories(home);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(home.resolveSibling(home.getFileName() + ".log").toFile());
        pb.environment().put("ORRERY_HOME", home.toString());
        pb.environment().put("ORRERY_SANDBOX", "off");
        if (javaToolOptions != null) {
            pb.environment().put("JAVA_TOOL_OPTIONS", javaToolOptions);
        }
        long t0 = System.nanoTime();
        Process p = pb.start();
        try {
            long deadline = t0 + TimeUnit.MILLISECONDS.toNanos(WINDOW_WAIT_MS);
            while (!viewable()) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("the program exited before showing a window: "
                            + Files.readString(home.resolveSibling(home.getFileName() + ".log")));
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no Orrery window within " + WINDOW_WAIT_MS + " ms");
                }
                TimeUnit.MILLISECONDS.sleep(20); // polling xwininfo flat out would starve the X server
            }
            long mappedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            long cpu = cpuMs(p.pid());
            if (javaToolOptions != null) {
                counters = perfCounters(p.pid());
            }
            while (!painted()) {
                TimeUnit.MILLISECONDS.sleep(20);
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the window stayed blank until " + WINDOW_WAIT_MS + " ms");
                }
            }
            return new Start(mappedMs, cpu, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        } finally {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
            // the next start must not see this window
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (viewable() && System.nanoTime() < until) {
                TimeUnit.MILLISECONDS.sleep(20); // polling xwininfo flat out would starve the X server
            }
        }
    }

    private static boolean viewable() throws IOException, InterruptedException {
        return xwininfo().contains("Map State: IsViewable");
    }

    private static String xwininfo() throws IOException, InterruptedException {
        Process x = new ProcessBuilder("xwininfo", "-name", "Orrery").redirectErrorStream(true).start();
        String out = new String(x.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        x.waitFor();
        return out;
    }

    /** The window's picture is not one flat colour (ImageMagick's import), as the installer check judges it. */
    private static boolean painted() throws IOException, InterruptedException {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Window id: (0x[0-9a-f]+)").matcher(xwininfo());
        if (!m.find()) {
            return false;
        }
        Process x = new ProcessBuilder("import", "-silent", "-window", m.group(1), "-format", "%[fx:maxima-minima]", "info:")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(x.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        x.waitFor();
        try {
            return Double.parseDouble(out) > 0.05;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** utime + stime of the process (all its threads), from /proc. */
    private static long cpuMs(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15 of stat
        return ticks * 1000 / 100; // USER_HZ is 100 on Linux
    }

    /** Where the logged start spent its time, from the class-load log (uptime-stamped). */
    private static void breakdown(Path log, Start start) throws IOException {
        List<String> lines = Files.readAllLines(log);
        // The log's clock is the JVM's uptime; the JVM starts a few ms after the process, so
        // "mapped" in that clock is at most start.mappedMs.
        double mappedS = start.mappedMs / 1000.0;
        Map<String, int[]> byGroup = new TreeMap<>();
        int total = 0;
        int shared = 0;
        double lastBefore = 0;
        Map<String, Double> milestones = new LinkedHashMap<>();
        for (String line : lines) {
            int close = line.indexOf("s]");
            if (!line.startsWith("[") || close < 0) {
                continue;
            }
            double t = Double.parseDouble(line.substring(1, close));
            String rest = line.substring(close + 3);
            String name = rest.split(" ")[0];
            for (String[] m : MILESTONES) {
                if (!milestones.containsKey(m[0]) && (name.equals(m[0]) || (m[0].endsWith(".") && name.startsWith(m[0])))) {
                    milestones.put(m[0], t);
                }
            }
            if (t > mappedS) {
                continue;
            }
            lastBefore = t;
            total++;
            boolean fromArchive = rest.contains("shared objects file");
            if (fromArchive) {
                shared++;
            }
            String group = "jdk";
            for (Map.Entry<String, String> g : GROUPS.entrySet()) {
                if (name.startsWith(g.getKey())) {
                    group = g.getValue();
                    break;
                }
            }
            int[] c = byGroup.computeIfAbsent(group, k -> new int[2]);
            c[0]++;
            if (fromArchive) {
                c[1]++;
            }
        }
        System.out.printf("  breakdown of one more start, class loading logged (mapped after %d ms, %d ms CPU):%n",
                start.mappedMs, start.cpuMs);
        for (String[] m : MILESTONES) {
            Double t = milestones.get(m[0]);
            System.out.printf("    %-42s %s%n", m[1], t == null ? "never"
                    : String.format("%6d ms%s", Math.round(t * 1000), t > mappedS ? "  (after the window)" : ""));
        }
        System.out.printf("    last class before the window was mapped    %6d ms%n", Math.round(lastBefore * 1000));
        System.out.printf("  phases (JVM uptime between the milestones above):%n");
        for (String[] ph : PHASES) {
            Double from = ph[1] == null ? Double.valueOf(0) : milestones.get(ph[1]);
            Double to = milestones.get(ph[2]);
            System.out.printf("    %-42s %s%n", ph[0], from == null || to == null ? "n/a"
                    : String.format("%6d ms", Math.round((to - from) * 1000)));
        }
        if (!counters.isEmpty()) {
            System.out.printf("  HotSpot's own counters when the window was mapped (all threads; they overlap):%n");
            System.out.printf("    %-42s %6d ms%n", "class loading (sun.cls.time)", counterMs("sun.cls.time"));
            System.out.printf("    %-42s %6d ms%n", "class initialisation (sun.cls.classInitTime)", counterMs("sun.cls.classInitTime.self"));
            System.out.printf("    %-42s %6d ms (%s compiles)%n", "JIT compiling (java.ci.totalTime)", counterMs("java.ci.totalTime"),
                    counters.getOrDefault("sun.ci.totalCompiles", "?"));
            System.out.printf("    %-42s %6d ms%n", "GC (sun.gc.collector.*.time)", counterMs("sun.gc.collector.0.time") + counterMs("sun.gc.collector.1.time"));
        }
        System.out.printf("  classes loaded before the window was mapped: %d, %d of them from a CDS archive (%d%%)%n",
                total, shared, total == 0 ? 0 : shared * 100 / total);
        for (Map.Entry<String, int[]> e : byGroup.entrySet()) {
            System.out.printf("    %-16s %5d  (%d from the archive)%n", e.getKey(), e.getValue()[0], e.getValue()[1]);
        }
    }

    private static long median(List<Long> xs) {
        List<Long> s = new ArrayList<>(xs);
        s.sort(Long::compare);
        return s.get((s.size() - 1) / 2);
    }
}
