package dev.orrery.bench;

import dev.orrery.model.AppSpec;
import dev.orrery.model.Balancer;
import dev.orrery.model.Cluster;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.model.ServerState;
import dev.orrery.store.ClusterFile;
import dev.orrery.store.ClusterStore;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Benchmark (not a test): how long {@code orrery validate} takes on a cluster file just under the
 * 10 MB limit, and how much memory. Makes the file (app servers until the next would pass the
 * limit), then prints
 * <ul>
 *   <li>in this JVM: the first read and the median of 5 more (read, strict parse, validation),
 *   the bytes allocated per read and the peak heap;</li>
 *   <li>the real command in a fresh JVM ({@code java … dev.orrery.Launcher validate FILE}): wall
 *   time and peak resident memory (VmHWM, polled from /proc).</li>
 * </ul>
 *
 * <pre>
 * mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) dev.orrery.bench.ValidateBench
 * </pre>
 */
public final class ValidateBench {
    private ValidateBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("orrery-validate-bench");
        Path file = dir.resolve("big.json");
        int servers = write(file);
        long size = Files.size(file);
        System.out.printf("file: %s, %d servers, %.2f MB (limit %.1f MB)%n", file, servers, size / 1048576.0, ClusterFile.MAX_BYTES / 1048576.0);

        long before = heapAfterGc();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long a0 = threads.getCurrentThreadAllocatedBytes();
        long t0 = System.nanoTime();
        Cluster c = ClusterStore.load(file);
        long first = System.nanoTime() - t0;
        long allocated = threads.getCurrentThreadAllocatedBytes() - a0;
        long[] warm = new long[5];
        for (int i = 0; i < warm.length; i++) {
            long s = System.nanoTime();
            ClusterStore.load(file);
            warm[i] = System.nanoTime() - s;
        }
        Arrays.sort(warm);
        long held = heapAfterGc() - before;
        System.out.printf("in this JVM: first read %d ms, then median %d ms; %.0f MB allocated per read; the cluster read holds %.0f MB"
                        + " (%d servers)%n", first / 1_000_000, warm[warm.length / 2] / 1_000_000, allocated / 1048576.0, held / 1048576.0,
                c.servers().size());

        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.orrery.Launcher", "validate", file.toString()));
        long s = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile()).start();
        long hwm = 0;
        Path status = Path.of("/proc", String.valueOf(p.pid()), "status");
        while (p.isAlive()) {
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmHWM:")) {
                        hwm = Math.max(hwm, Long.parseLong(line.replaceAll("\\D", "")));
                    }
                }
            } catch (java.io.IOException gone) {
                break;
            }
            Thread.sleep(5);
        }
        int exit = p.waitFor();
        System.out.printf("orrery validate in a fresh JVM: exit %d in %d ms, peak resident %.0f MB (%s)%n", exit,
                (System.nanoTime() - s) / 1_000_000, hwm / 1024.0, Files.readString(dir.resolve("out.txt")).strip());
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getUsage().getUsed()).sum();
    }

    /** App servers until the file is as close under the limit as they get. */
    private static int write(Path file) throws Exception {
        Server lb = Server.of("lb-1", Role.BALANCER, "10.0.0.1").withState(ServerState.READY);
        int per = ClusterStore.toBytes(cluster(List.of(lb, app(1)))).length - ClusterStore.toBytes(cluster(List.of(lb))).length;
        int n = (int) ((ClusterFile.MAX_BYTES - ClusterStore.toBytes(cluster(List.of(lb))).length) / per);
        List<Server> all = new ArrayList<>(List.of(lb));
        for (int i = 1; i <= n; i++) {
            all.add(app(i));
        }
        byte[] bytes = ClusterStore.toBytes(cluster(all));
        while (bytes.length > ClusterFile.MAX_BYTES) {
            all.remove(all.size() - 1);
            bytes = ClusterStore.toBytes(cluster(all));
        }
        Files.write(file, bytes);
        return all.size();
    }

    private static Server app(int i) {
        String ip = "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255);
        return Server.of("app-" + i, Role.APP, ip).withProvider("digitalocean", String.valueOf(300_000_000 + i), "nyc3", "s-1vcpu-1gb")
                .withState(ServerState.READY);
    }

    private static Cluster cluster(List<Server> servers) {
        return new Cluster("big", new AppSpec("big", 3000, Map.of("ROOT_URL", "https://big.example"), List.of()), Balancer.defaults(), servers);
    }
}
