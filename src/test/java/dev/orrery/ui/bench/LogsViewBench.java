package dev.orrery.ui.bench;

import dev.orrery.logs.LogCollector;
import dev.orrery.logs.LogLevel;
import dev.orrery.logs.LogLine;
import dev.orrery.logs.LogSource;
import dev.orrery.logs.LogStore;
import dev.orrery.logs.LogTarget;
import dev.orrery.remote.Host;
import dev.orrery.remote.LocalHost;
import dev.orrery.store.history.HistoryDb;
import dev.orrery.ui.logs.LogsView;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.stage.Stage;

import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;
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
import java.util.concurrent.locks.LockSupport;

/**
 * The Logs tab's figures, headless (Monocle, software rendering), on this machine:
 * <ol>
 * <li>lag from a line appended to a log file to its place in the view's list (the file followed
 * by the real collector over this machine's shell, the sandbox's way, and stored in a real
 * history store; the next FX pulse draws it): p50/p99;</li>
 * <li>the ingest rate the view sustains: lines pushed through the collector's stream at a set
 * rate, with the gaps between FX pulses (an {@link AnimationTimer}) measured: p50/p99 per rate.</li>
 * </ol>
 * Over SSH the lag adds the network's round trip. The heap after following 10 servers is
 * {@link LogsHeapBench}'s. Build the class path once with
 * {@code mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test}.
 * <pre>java -cp target/test-classes:target/classes:$(cat target/cp.txt) dev.orrery.ui.bench.LogsViewBench [RATE,RATE…] [--no-lag]</pre>
 * Per rate it prints the FX pulse as JavaFX's own pulse logger times it ({@link PulseLog}: the FX
 * thread's part of each pulse, including any wait for the renderer to finish the frame before),
 * the frames rendered per second and the painting per frame (the renderer thread), and the gap
 * between pulses an {@link AnimationTimer} sees.
 */
public final class LogsViewBench {

    public static void main(String[] args) throws Exception {
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        PulseLog.install();
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.join();
        Platform.setImplicitExit(false); // each run's window is closed before the next opens
        System.out.printf("load average %.1f on %d cores%n", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        Path dir = Files.createTempDirectory("orrery-logsbench");
        ExecutorService io = Executors.newCachedThreadPool();
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
        try (HistoryDb db = HistoryDb.open(dir.resolve("history.db"))) {
            LogStore store = LogStore.open(db);
            List<String> a = List.of(args);
            if (!a.contains("--no-lag")) {
                lag(dir, store, io, scheduler);
            }
            int[] rates = a.stream().filter(x -> x.matches("[0-9,]+")).findFirst()
                    .map(x -> java.util.Arrays.stream(x.split(",")).mapToInt(Integer::parseInt).toArray())
                    .orElse(new int[] {0, 1_000, 5_000, 10_000, 20_000});
            ingest(5_000, 2, false, store, io, scheduler); // warm-up: the JIT compiles the paths first, not counted
            for (int rate : rates) {
                ingest(rate, Integer.getInteger("bench.seconds", 5), true, store, io, scheduler);
            }
        } finally {
            io.shutdownNow();
            scheduler.shutdownNow();
            Platform.exit();
        }
    }

    private static void lag(Path dir, LogStore store, ExecutorService io, ScheduledExecutorService scheduler) throws Exception {
        Path file = Files.writeString(dir.resolve("app.log"), "");
        Map<String, Host> hosts = new ConcurrentHashMap<>();
        try (LogCollector c = new LogCollector("bench", List.of(new LogTarget("app-1", LogSource.APP, file.toString(), null)),
                n -> hosts.computeIfAbsent(n, LocalHost::new), store, io, scheduler, System::currentTimeMillis)) {
            Stage stage = BenchLogsTab.show(c, store, io);
            LogsView view = (LogsView) stage.getScene().getRoot();
            List<Long> lags = java.util.Collections.synchronizedList(new ArrayList<>());
            java.util.Set<String> seen = new java.util.HashSet<>(); // a reload shows a line again: its first showing counts
            Platform.runLater(() -> BenchLogsTab.list(view).getItems().addListener((ListChangeListener<LogLine>) ch -> {
                long now = System.nanoTime();
                while (ch.next()) {
                    for (LogLine l : ch.getAddedSubList()) {
                        if (l.text().startsWith("lag ") && seen.add(l.text())) {
                            lags.add(now - Long.parseLong(l.text().substring(4)));
                        }
                    }
                }
            }));
            c.start();
            while (!c.status().get("app-1/app").startsWith("following")) {
                Thread.sleep(50); // a harness, not a test: waits for the follower before timing
            }
            int n = 1_000;
            try (FileOutputStream out = new FileOutputStream(file.toFile(), true)) {
                for (int i = 0; i < n; i++) {
                    out.write(("lag " + System.nanoTime() + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    LockSupport.parkNanos(5_000_000); // 200 lines a second
                }
            }
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (lags.size() < n && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            double[] ms = lags.stream().mapToDouble(x -> x / 1e6).sorted().toArray();
            System.out.printf("lag file → view list (local follower, stored): %d of %d lines, p50 %.0f ms, p99 %.0f ms, max %.0f ms%n",
                    ms.length, n, pct(ms, 50), pct(ms, 99), ms.length == 0 ? 0 : ms[ms.length - 1]);
            close(stage);
        }
    }

    private static void ingest(int rate, int seconds, boolean report, LogStore store, ExecutorService io, ScheduledExecutorService scheduler) throws Exception {
        try (LogCollector c = new LogCollector("bench", List.of(), n -> null, null, io, scheduler, System::currentTimeMillis)) {
            Stage stage = BenchLogsTab.show(c, store, io);
            LogsView view = (LogsView) stage.getScene().getRoot();
            List<Long> gaps = java.util.Collections.synchronizedList(new ArrayList<>());
            long[] last = {0};
            AnimationTimer timer = new AnimationTimer() {
                @Override
                public void handle(long now) {
                    long t = System.nanoTime();
                    if (last[0] != 0) {
                        gaps.add(t - last[0]);
                    }
                    last[0] = t;
                }
            };
            c.start();
            Platform.runLater(timer::start);
            Thread.sleep(1_000);
            gaps.clear();
            var threads = java.lang.management.ManagementFactory.getThreadMXBean();
            CompletableFuture<Long> fxThread = new CompletableFuture<>();
            Platform.runLater(() -> fxThread.complete(Thread.currentThread().getId()));
            long cpu0 = threads.getThreadCpuTime(fxThread.get());
            long renderer = rendererThread();
            long rcpu0 = threads.getThreadCpuTime(renderer);
            PulseLog.start();
            long t0 = System.nanoTime();
            long sent = 0;
            String text = "10.0.1.9 - - [01/Dec/2026:12:00:00 +0000] \"GET /api/tasks?page=3 HTTP/1.1\" 200 5120 \"-\" \"Mozilla/5.0\"";
            while (System.nanoTime() - t0 < seconds * 1_000_000_000L) {
                long due = (System.nanoTime() - t0) * rate / 1_000_000_000L;
                for (; sent < due; sent++) {
                    c.marker(new LogLine(0, System.currentTimeMillis(), true, "app-" + (sent % 10), LogSource.APP, LogLevel.INFO, text + " #" + sent, null));
                }
                LockSupport.parkNanos(1_000_000);
            }
            Thread.sleep(500);
            double wall = (System.nanoTime() - t0) / 1e9;
            double fxBusy = (threads.getThreadCpuTime(fxThread.get()) - cpu0) / 1e9 / wall;
            double renderBusy = (threads.getThreadCpuTime(renderer) - rcpu0) / 1e9 / wall;
            List<PulseLog.Pulse> pulses = PulseLog.stop();
            Platform.runLater(timer::stop);
            double[] ms = gaps.stream().mapToDouble(x -> x / 1e6).sorted().toArray();
            CompletableFuture<Integer> shown = new CompletableFuture<>();
            Platform.runLater(() -> shown.complete(BenchLogsTab.list(view).getItems().size()));
            double[] fx = pulses.stream().mapToDouble(PulseLog.Pulse::fxMs).sorted().toArray();
            double[] wait = pulses.stream().mapToDouble(PulseLog.Pulse::waitMs).sorted().toArray();
            double[] paint = pulses.stream().filter(PulseLog.Pulse::rendered).mapToDouble(PulseLog.Pulse::paintMs).sorted().toArray();
            double dirty = pulses.stream().filter(PulseLog.Pulse::rendered).mapToDouble(PulseLog.Pulse::dirtyPx).average().orElse(0);
            if (!report) {
                close(stage);
                return;
            }
            System.out.printf("ingest %,6d lines/s for %d s (load %.1f): %,d sent, list holds %,d (bounded)%n", rate, seconds, load(), sent, shown.get());
            System.out.printf("    FX pulse (pulse logger, FX thread) p50 %.0f ms, p99 %.0f ms, max %.0f ms over %d pulses; waiting for the renderer in it p99 %.0f ms%n",
                    pct(fx, 50), pct(fx, 99), max(fx), fx.length, pct(wait, 99));
            System.out.printf("    frames rendered %.1f/s; painting per frame p50 %.0f ms, p99 %.0f ms, max %.0f ms; dirty area %.0f%% of the scene%n",
                    paint.length / wall, pct(paint, 50), pct(paint, 99), max(paint), dirty / (1200 * 800) * 100);
            System.out.printf("    gap between pulses (AnimationTimer) p50 %.1f ms, p99 %.1f ms, max %.1f ms over %d; CPU: FX thread %.0f%%, renderer %.0f%% (%.1f and %.1f ms CPU a frame)%n",
                    pct(ms, 50), pct(ms, 99), max(ms), ms.length, fxBusy * 100, renderBusy * 100,
                    paint.length == 0 ? 0 : fxBusy * wall * 1000 / paint.length, paint.length == 0 ? 0 : renderBusy * wall * 1000 / paint.length);
            close(stage);
        }
    }

    /** Detaches and hides the stage: a window left open would be painted again with every frame of the next run's. */
    private static void close(Stage stage) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            ((LogsView) stage.getScene().getRoot()).detach();
            stage.hide();
            done.complete(null);
        });
        done.get();
    }

    private static long rendererThread() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("QuantumRenderer")).findFirst().orElseThrow().getId();
    }

    private static double load() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static double max(double[] sorted) {
        return sorted.length == 0 ? 0 : sorted[sorted.length - 1];
    }

    private static double pct(double[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
