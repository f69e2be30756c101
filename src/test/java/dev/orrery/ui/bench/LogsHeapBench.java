package dev.orrery.ui.bench;

import dev.orrery.logs.LogCollector;
import dev.orrery.logs.LogSource;
import dev.orrery.logs.LogStore;
import dev.orrery.logs.LogTarget;
import dev.orrery.remote.Host;
import dev.orrery.remote.LocalHost;
import dev.orrery.store.history.HistoryDb;
import dev.orrery.ui.logs.LogsView;
import javafx.application.Platform;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The "heap after following 10 servers for 10 minutes": ten real processes on this
 * machine (python3, one per server) each append {@code RATE} lines a second to their own log
 * file, the supervisor's way; the real collector follows them over this machine's shell (as it
 * follows the sandbox), stores every batch in a real history store and hands it to a real
 * {@link LogsView} shown headless (Monocle). Every minute, and at the end, it prints the used heap
 * after a full GC, the lines written, delivered and stored, and the store's size on disk.
 * <pre>
 * mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -Xmx512m -cp target/test-classes:target/classes:$(cat target/cp.txt) dev.orrery.ui.bench.LogsHeapBench 10
 * </pre>
 * The argument is the minutes (default 10); a second one the lines a second per server (default 200).
 */
public final class LogsHeapBench {
    private static final int SERVERS = 10;

    /** Appends {@code rate} lines a second, paced by the clock (not by sleeps adding up), flushing each. */
    private static final String WRITER = String.join("\n",
            "import sys, time",
            "path, rate = sys.argv[1], int(sys.argv[2])",
            "n, t0 = 0, time.monotonic()",
            "with open(path, 'a', buffering=1) as f:",
            "    while True:",
            "        due = int((time.monotonic() - t0) * rate)",
            "        while n < due:",
            "            f.write('I20261201-12:00:00.000(1) Meteor method tasks.insert took 12 ms for user 4f9a2c on connection 7 #%d\\n' % n)",
            "            n += 1",
            "        time.sleep(0.005)",
            "");

    public static void main(String[] args) throws Exception {
        int minutes = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.join();
        Path dir = Files.createTempDirectory("orrery-logsheap");
        Path script = Files.writeString(dir.resolve("writer.py"), WRITER);
        ExecutorService io = Executors.newCachedThreadPool();
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
        List<Process> writers = new ArrayList<>();
        List<LogTarget> targets = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        System.out.printf("following %d servers at %d lines/s each for %d min; max heap %.0f MB; load average %.2f on %d cores%n",
                SERVERS, rate, minutes, Runtime.getRuntime().maxMemory() / 1e6, load(), Runtime.getRuntime().availableProcessors());
        try (HistoryDb db = HistoryDb.open(dir.resolve("history.db"))) {
            LogStore store = LogStore.open(db);
            for (int i = 1; i <= SERVERS; i++) {
                Path f = Files.writeString(dir.resolve("app-" + i + ".log"), "");
                files.add(f);
                targets.add(new LogTarget("app-" + i, LogSource.APP, f.toString(), null));
            }
            Map<String, Host> hosts = new ConcurrentHashMap<>();
            try (LogCollector c = new LogCollector("heap", targets, n -> hosts.computeIfAbsent(n, LocalHost::new), store, io, scheduler,
                    System::currentTimeMillis)) {
                AtomicLong delivered = new AtomicLong();
                c.addListener(batch -> delivered.addAndGet(batch.size()));
                LogsView view = (LogsView) BenchLogsTab.show(c, store, io).getScene().getRoot();
                c.start();
                report("start", 0, files, delivered.get(), store, view);
                for (Path f : files) {
                    writers.add(new ProcessBuilder("python3", script.toString(), f.toString(), Integer.toString(rate))
                            .redirectErrorStream(true).redirectOutput(dir.resolve(f.getFileName() + ".err").toFile()).start());
                }
                long t0 = System.nanoTime();
                for (int m = 1; m <= minutes; m++) {
                    long due = t0 + TimeUnit.MINUTES.toNanos(m);
                    while (System.nanoTime() < due) {
                        Thread.sleep(Math.max(1, TimeUnit.NANOSECONDS.toMillis(due - System.nanoTime())));
                    }
                    report("minute " + m, m, files, delivered.get(), store, view);
                }
                writers.forEach(Process::destroy);
                for (Process p : writers) {
                    p.waitFor(10, TimeUnit.SECONDS);
                }
                c.flush().get(60, TimeUnit.SECONDS);
                Thread.sleep(1_000); // a harness, not a test: lets the last file reads come in before the final count
                c.flush().get(60, TimeUnit.SECONDS);
                report("end", minutes, files, delivered.get(), store, view);
                Platform.runLater(view::detach);
            }
        } finally {
            writers.forEach(Process::destroyForcibly);
            io.shutdownNow();
            scheduler.shutdownNow();
            Platform.exit();
        }
    }

    private static void report(String when, int minute, List<Path> files, long delivered, LogStore store, LogsView view) throws Exception {
        long written = 0;
        for (Path f : files) {
            try (var lines = Files.lines(f)) {
                written += lines.count();
            }
        }
        long used = usedAfterFullGc();
        CompletableFuture<Integer> shown = new CompletableFuture<>();
        Platform.runLater(() -> shown.complete(BenchLogsTab.list(view).getItems().size()));
        long[] size = store.size();
        System.out.printf("%-9s used heap after full GC %s | written %,9d delivered %,9d stored %,9d lines | store %6.1f MB on disk"
                        + " (%,.1f MB counted for the cap) | view holds %,d | load %.2f%n",
                when, used < 0 ? "  (no full GC)" : String.format("%6.1f MB", used / 1e6), written, delivered, size[1], store.db().sizeOnDisk() / 1e6, size[0] / 1e6, shown.get(), load());
    }

    /**
     * The used heap right after a full collection, or -1 when none ran. A {@code System.gc()}
     * can be skipped while a thread holds the GC locker (sqlite-jdbc's native calls do, often):
     * the collector's count shows whether one ran, so it is asked again until one did.
     */
    private static long usedAfterFullGc() throws InterruptedException {
        var full = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .filter(b -> b.getName().contains("Old") || b.getName().contains("MarkSweep")).toList();
        for (int attempt = 0; attempt < 50; attempt++) {
            long before = full.stream().mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionCount).sum();
            System.gc();
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (full.stream().mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionCount).sum() > before) {
                return used;
            }
            Thread.sleep(100);
        }
        return -1;
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
