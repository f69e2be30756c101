package dev.orrery.ui.bench;

import dev.orrery.model.AppSpec;
import dev.orrery.model.Balancer;
import dev.orrery.model.Cluster;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.ui.main.MainWindow;
import dev.orrery.ui.topology.TopologyLayout;
import dev.orrery.ui.topology.TopologyView;
import javafx.application.Platform;
import javafx.scene.Scene;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

/**
 * How long the topology takes to draw a cluster of 3, 30 and 100 app servers on the FX thread:
 * the layout maths alone, and a full redraw (nodes, CSS, layout, one rendered frame), headless
 * under Monocle's software renderer. Prints the median of several runs, as wall time and as
 * FX-thread CPU time (which a loaded machine inflates much less). Build the class path once with
 * {@code mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test}.
 * <pre>java -cp target/test-classes:target/classes:$(cat target/cp.txt) dev.orrery.ui.bench.TopologyBench</pre>
 */
public final class TopologyBench {

    public static void main(String[] args) throws Exception {
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.join();
        System.out.printf("load average %.1f on %d cores (wall times grow with load; CPU times much less)%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        for (int apps : new int[] {3, 30, 100}) {
            double layoutMicros = layoutMicros(apps);
            double[] redraw = onFx(() -> redrawMillis(apps));
            System.out.printf("%3d app servers: layout %.1f µs; first draw (nodes + CSS + layout + frame) %.1f ms wall, %.1f ms FX-thread CPU;"
                    + " redraw after one edit %.1f ms FX-thread CPU%n", apps, layoutMicros, redraw[0], redraw[1], redraw[2]);
        }
        Platform.exit();
    }

    private static double layoutMicros(int apps) {
        List<String> names = IntStream.rangeClosed(1, apps).mapToObj(i -> "app-" + i).toList();
        for (int i = 0; i < 2_000; i++) {
            TopologyLayout.compute(List.of("lb-1"), names, List.of("db-1"), 1000);
        }
        double[] runs = new double[9];
        for (int r = 0; r < runs.length; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 1_000; i++) {
                TopologyLayout.compute(List.of("lb-1"), names, List.of("db-1"), 1000);
            }
            runs[r] = (System.nanoTime() - t0) / 1_000.0 / 1_000;
        }
        return median(runs);
    }

    /** @return median wall ms and median FX-thread CPU ms */
    private static double[] redrawMillis(int apps) {
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        double[] runs = new double[7];
        double[] cpu = new double[7];
        double[] edit = new double[7];
        for (int r = 0; r < runs.length; r++) {
            TopologyView view = new TopologyView();
            Scene scene = new Scene(view, 1000, 760);
            scene.getStylesheets().add(MainWindow.class.getResource(MainWindow.STYLESHEET).toExternalForm());
            Cluster cluster = cluster(apps);
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            view.clusterProperty().set(cluster);
            long t1 = System.nanoTime();
            view.applyCss();
            view.layout();
            long t2 = System.nanoTime();
            scene.snapshot(null); // one rendered frame
            long t3 = System.nanoTime();
            if (System.getProperty("bench.parts") != null) {
                System.out.printf("   nodes %.1f ms, css+layout %.1f ms, frame %.1f ms%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6);
            }
            runs[r] = (System.nanoTime() - t0) / 1e6;
            cpu[r] = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
            // then one edit, as the inspector makes: a new SSH user on one server
            Server first = cluster.appServers().get(0);
            long e0 = threads.getCurrentThreadCpuTime();
            view.clusterProperty().set(cluster.replaceServer(first.name(), first.withSsh("deploy", 22, null)));
            scene.snapshot(null);
            edit[r] = (threads.getCurrentThreadCpuTime() - e0) / 1e6;
        }
        // the first runs warm up the JIT
        return new double[] {median(Arrays.copyOfRange(runs, 2, runs.length)), median(Arrays.copyOfRange(cpu, 2, cpu.length)),
                median(Arrays.copyOfRange(edit, 2, edit.length))};
    }

    private static Cluster cluster(int apps) {
        List<Server> servers = new ArrayList<>();
        servers.add(Server.of("lb-1", Role.BALANCER, "10.0.0.1"));
        for (int i = 1; i <= apps; i++) {
            servers.add(Server.of("app-" + i, Role.APP, "10.0.1." + i));
        }
        servers.add(Server.of("db-1", Role.DATABASE, "10.0.0.2"));
        return new Cluster("bench", new AppSpec("bench", 3000, Map.of(), List.of()), Balancer.defaults(), servers);
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> work) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.call());
            } catch (Exception e) {
                f.completeExceptionally(e);
            }
        });
        return f.get();
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }
}
