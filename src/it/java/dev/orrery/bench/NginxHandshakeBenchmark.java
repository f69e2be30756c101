package dev.orrery.bench;

import dev.orrery.it.Sys;
import dev.orrery.model.Acme;
import dev.orrery.model.AppSpec;
import dev.orrery.model.Balancer;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.HealthCheck;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.model.Stickiness;
import dev.orrery.model.Tls;
import dev.orrery.proxy.BalancerCommands;
import dev.orrery.proxy.BalancerFeatures;
import dev.orrery.proxy.BalancerLayout;
import dev.orrery.proxy.ProxyRenderer;
import dev.orrery.remote.LocalHost;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Not a test: what reading the certificate at each handshake (Orrery's reload-free nginx setup,
 * {@code ssl_certificate $orrery_tls_certificate}) costs against a static certificate loaded once.
 * Two nginx balancers rendered by Orrery for the same cluster (one with a certificate installed
 * by hand, one with ACME) run side by side on loopback with the same P-256 key and certificate;
 * {@code openssl s_time -new} makes full handshakes (no resumption) against each in turn,
 * {@value #ROUNDS} rounds of {@value #SECONDS} s each, alternating. Printed: handshakes per second
 * (wall clock: the client and the rest of a shared machine weigh in), and nginx's own CPU time per
 * handshake (its workers' user + system time from /proc, which other load does not change).
 * Needs nginx and openssl on Linux. Run:
 *
 * <pre>mvn -o -q -Pit test-compile exec:java -Dexec.mainClass=dev.orrery.bench.NginxHandshakeBenchmark -Dexec.classpathScope=test</pre>
 */
public final class NginxHandshakeBenchmark {
    private static final int ROUNDS = 5;
    private static final int SECONDS = 10;
    private static final Pattern CONNECTIONS = Pattern.compile("(\\d+) connections in ([\\d.]+)s");

    private NginxHandshakeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("orrery-handshake-bench");
        // nginx's workers (nobody, when run as root) read the per-handshake files: this bench's folder is readable by all.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path cert = dir.resolve("tls/fullchain.pem");
        Path key = dir.resolve("tls/privkey.pem");
        try (LocalHost host = new LocalHost()) {
            host.run(BalancerCommands.ensureTlsKey(cert.toString(), key.toString(), "crater.test", null));
            Files.setPosixFilePermissions(key.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
            Tls byHand = new Tls("crater.test", cert.toString(), key.toString());
            int staticPort = start(host, dir.resolve("static"), byHand);
            int perHandshakePort = start(host, dir.resolve("per-handshake"), byHand.withAcme(Acme.letsEncrypt(null)));
            Path staticPid = Path.of(layout(dir.resolve("static")).pidFile());
            Path perHandshakePid = Path.of(layout(dir.resolve("per-handshake")).pidFile());
            String nginx = Sys.run("nginx", "-v").output().strip();
            System.out.println(nginx + ", " + Sys.run("openssl", "version").output().strip() + ", "
                    + Runtime.getRuntime().availableProcessors() + " CPUs; openssl s_time -new, " + SECONDS + " s per run");
            List<double[]> a = new ArrayList<>();
            List<double[]> b = new ArrayList<>();
            for (int round = 1; round <= ROUNDS; round++) {
                double[] s = run(staticPort, staticPid);
                double[] p = run(perHandshakePort, perHandshakePid);
                a.add(s);
                b.add(p);
                System.out.printf("round %d: static %.0f handshakes/s, %.0f µs nginx CPU each   per-handshake %.0f handshakes/s, %.0f µs nginx CPU each%n",
                        round, s[0], s[1], p[0], p[1]);
            }
            double sRate = mean(a, 0);
            double pRate = mean(b, 0);
            double sCpu = mean(a, 1);
            double pCpu = mean(b, 1);
            System.out.printf("mean: static certificate %.0f handshakes/s (%.0f µs of nginx CPU per handshake); per-handshake certificate"
                    + " %.0f handshakes/s (%.0f µs): %+.1f%% CPU per handshake%n", sRate, sCpu, pRate, pCpu, 100 * (pCpu - sCpu) / sCpu);
            host.exec(BalancerCommands.stop(BalancerKind.NGINX, layout(dir.resolve("static"))), l -> { });
            host.exec(BalancerCommands.stop(BalancerKind.NGINX, layout(dir.resolve("per-handshake"))), l -> { });
        }
    }

    private static BalancerLayout layout(Path d) {
        return BalancerLayout.under(d.toString(), BalancerKind.NGINX).listeningOn("127.0.0.1");
    }

    /** Orrery's own rendering of the cluster's balancer, started on free loopback ports; returns the https port. */
    private static int start(LocalHost host, Path d, Tls tls) throws Exception {
        Files.createDirectories(d.resolve("temp"));
        int https = freePort();
        Cluster c = new Cluster("bench", new AppSpec("bench", 3000, null, null),
                new Balancer(BalancerKind.NGINX, Stickiness.NONE, HealthCheck.DEFAULT, tls, freePort(), https, List.of()),
                List.of(Server.of("lb-1", Role.BALANCER, "127.0.0.1"), Server.of("app-1", Role.APP, "127.0.0.9")));
        BalancerLayout layout = layout(d);
        host.run(BalancerCommands.acmeFolder(BalancerKind.NGINX, layout));
        Files.writeString(Path.of(layout.configPath()), ProxyRenderer.render(c, layout, BalancerFeatures.STOCK).text());
        host.run(BalancerCommands.validate(BalancerKind.NGINX, layout, layout.configPath()));
        host.run(BalancerCommands.reload(BalancerKind.NGINX, layout, false));
        dev.orrery.it.Wait.until("nginx on " + https, () -> Sys.run("openssl", "s_client", "-connect", "127.0.0.1:" + https,
                "-servername", "crater.test", "-brief").output().contains("CONNECTION ESTABLISHED"));
        return https;
    }

    private static double mean(List<double[]> rows, int column) {
        return rows.stream().mapToDouble(r -> r[column]).average().orElse(0);
    }

    /** {handshakes per second, microseconds of nginx CPU per handshake}. */
    private static double[] run(int port, Path pidFile) throws Exception {
        long before = nginxCpuTicks(pidFile);
        double[] rate = handshakesPerSecond(port);
        long ticks = nginxCpuTicks(pidFile) - before;
        double micros = ticks * 1_000_000.0 / 100 / rate[1]; // USER_HZ is 100 on Linux
        return new double[]{rate[0], micros};
    }

    /** user + system clock ticks of the master and its workers. */
    private static long nginxCpuTicks(Path pidFile) throws Exception {
        String master = Files.readString(pidFile).strip();
        long total = 0;
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs.filter(x -> x.getFileName().toString().matches("\\d+"))::iterator) {
                String stat;
                try {
                    stat = Files.readString(p.resolve("stat"));
                } catch (java.io.IOException gone) {
                    continue;
                }
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                // after the name: [0] state, [1] ppid, ..., [11] utime, [12] stime
                if (p.getFileName().toString().equals(master) || f[1].equals(master)) {
                    total += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                }
            }
        }
        return total;
    }

    /** {handshakes per second, handshakes}. */
    private static double[] handshakesPerSecond(int port) {
        String out = Sys.run(List.of("openssl", "s_time", "-connect", "127.0.0.1:" + port, "-new", "-time", String.valueOf(SECONDS)),
                java.time.Duration.ofSeconds(SECONDS + 60)).output();
        Matcher m = CONNECTIONS.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("openssl s_time said: " + out);
        }
        int n = Integer.parseInt(m.group(1));
        return new double[]{n / Double.parseDouble(m.group(2)), n};
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
