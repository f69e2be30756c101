package dev.orrery.ops;

import dev.orrery.deploy.LoadClient;
import dev.orrery.it.Spawned;
import dev.orrery.it.TestHost;
import dev.orrery.it.TestHosts;
import dev.orrery.model.AppSpec;
import dev.orrery.model.Balancer;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.HealthCheck;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.model.Stickiness;
import dev.orrery.proxy.BalancerRig;
import dev.orrery.proxy.RawHttp;
import dev.orrery.store.ClusterStore;
import dev.orrery.store.OrreryHome;
import dev.orrery.testing.CliRun;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code orrery balancer switch haproxy} and back to nginx, over real SSH on a balancer test host
 * with two app hosts, each switch under the project's keep-alive GET + POST load (at least
 * {@value #MIN_REQUESTS} requests): the new program serves on the same port, the old one is gone,
 * the cluster file says the new kind, and Orrery's own configuration gives no alert. The failed
 * requests and the port's closed time are printed (the figures).
 */
class BalancerSwitchIT {
    static final long MIN_REQUESTS = 10_000;

    @Test
    void nginxToHaproxyAndBackUnderLoad() throws Exception {
        try (TestHosts hosts = TestHosts.start(3)) {
            TestHost lb = hosts.get(0);
            List<Spawned> apps = new ArrayList<>();
            for (int i = 1; i <= 2; i++) {
                apps.add(hosts.get(i).spawn("env", "PORT=3000", "SERVER=app-" + i, "VERSION=1", "DELAY_MS=5", "node",
                        BalancerRig.testApp().toString()));
            }
            try {
                Path dir = hosts.scratch("switch");
                Path file = dir.resolve("crater.json");
                String key = hosts.clientKey().toString();
                ClusterStore.save(file, new Cluster("crater", new AppSpec("crater", 3000, null, null),
                        new Balancer(BalancerKind.NGINX, Stickiness.NONE, new HealthCheck("/health", 500, 2, 2, 1000), null, 80, 443, List.of()),
                        List.of(Server.of("lb-1", Role.BALANCER, lb.address()).withSsh("root", lb.sshPort(), key),
                                Server.of("app-1", Role.APP, hosts.get(1).address()).withSsh("root", 22, key),
                                Server.of("app-2", Role.APP, hosts.get(2).address()).withSsh("root", 22, key))));
                OrreryHome home = new OrreryHome(Files.createDirectories(dir.resolve("home")));
                Files.writeString(home.knownHosts(), lb.knownHostsLine() + "\n");
                for (int i = 1; i <= 2; i++) {
                    String a = hosts.get(i).address();
                    await().atMost(Duration.ofMinutes(2)).ignoreExceptions().until(() -> RawHttp.once(null, a, 3000, "GET", "/health").status() == 200); // node starts slowly on a loaded machine
                }
                CliRun pushed = CliRun.run(home, "push-proxy", file.toString());
                assertThat(pushed.exit()).as(pushed.out() + pushed.err()).isZero();

                switchUnderLoad(home, file, lb, "haproxy", BalancerKind.HAPROXY, "/run/nginx.pid");
                assertThat(lb.exec("cat", "/etc/haproxy/haproxy.cfg").output()).doesNotContain("pidfile");
                switchUnderLoad(home, file, lb, "nginx", BalancerKind.NGINX, "/run/haproxy.pid");
            } finally {
                lb.exec("nginx", "-s", "quit");
                lb.sh("kill $(cat /run/haproxy.pid) 2>/dev/null");
                apps.forEach(Spawned::stop);
            }
        }
    }

    private static void switchUnderLoad(OrreryHome home, Path file, TestHost lb, String to, BalancerKind kind, String oldPidFile)
            throws Exception {
        String oldPid = lb.exec("cat", oldPidFile).output().strip();
        LoadClient load = new LoadClient(lb.address(), 80, 8, 5, 20_000).start();
        CliRun run;
        long t0 = System.nanoTime();
        try {
            await().atMost(Duration.ofMinutes(3)).until(() -> load.total() >= 500);
            run = CliRun.run(home, "balancer", "switch", to, file.toString());
            await().atMost(Duration.ofMinutes(3)).until(() -> load.total() >= MIN_REQUESTS);
        } finally {
            load.close();
        }
        Matcher closed = Pattern.compile("closed for (\\d+) ms").matcher(run.out());
        System.out.printf("[switch to %s] %d requests, %d failed (%d GET, %d POST) in %.1f s; port closed %s ms; failures: %s%n", to,
                load.total(), load.failed.get(), load.failedGets.get(), load.failedPosts.get(), (System.nanoTime() - t0) / 1e9,
                closed.find() ? closed.group(1) : "?", load.failures);

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("switched: crater's balancer is").doesNotContain("ALERT").doesNotContain("already specified");
        assertThat(ClusterStore.load(file).balancer().kind()).isEqualTo(kind);
        assertThat(RawHttp.once(null, lb.address(), 80, "GET", "/").server()).startsWith("app-");
        assertThat(Path.of("/proc", oldPid)).as("the old balancer's process is gone").doesNotExist();
        assertThat(lb.exec("test", "-e", "/run/orrery/nginx-closing").ok()).as("nginx's keep-alive is on").isFalse();
        assertThat(lb.exec("test", "-d", "/var/lib/orrery/locks/crater").ok()).as("the cluster lock is given back").isFalse();
        assertThat(load.total()).isGreaterThanOrEqualTo(MIN_REQUESTS);
        assertThat(run.out()).as("the new program listened beside the old one").contains("the port(s) were closed for 0 ms");
        assertThat(load.failed.get()).as("failed requests: " + load.failures).isZero();
    }
}
