package dev.orrery.health;

import dev.orrery.engine.Engine;
import dev.orrery.it.Spawned;
import dev.orrery.it.TestHost;
import dev.orrery.it.TestHosts;
import dev.orrery.model.HealthCheck;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.remote.HostKeyPrompt;
import dev.orrery.remote.OrreryKnownHosts;
import dev.orrery.remote.PassphrasePrompt;
import dev.orrery.remote.SshConnector;
import dev.orrery.remote.SshSettings;
import dev.orrery.remote.SshTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * On the remote helper's test hosts (own network namespaces, real sshd): app processes on two
 * "droplets", a third as the balancer. Probes go directly and through the balancer over SSH port
 * forwarding; a killed app is marked down after at most fall probes and up again after at most
 * rise probes of its restart (counted in probes, so a slow machine cannot fail it; the times are
 * printed).
 */
class HealthTestHostsIT {
    private static final HealthCheck SEED = new HealthCheck("/", 750, 2, 2, 1000);
    private static final int APP_PORT = 3000;

    private static TestHosts hosts;
    private static SshConnector connector;
    private Engine engine;
    private Spawned app1;
    private Spawned app2;

    @BeforeAll
    static void startHosts() throws Exception {
        hosts = TestHosts.start(3);
        Path known = Files.createTempFile(hosts.scratch("health-it"), "known", ".txt");
        Files.writeString(known, hosts.get(0).knownHostsLine() + "\n");
        connector = new SshConnector(SshSettings.defaults(), new OrreryKnownHosts(known, List.of()),
                HostKeyPrompt.REFUSE, PassphrasePrompt.NONE, null);
    }

    @AfterAll
    static void stopHosts() {
        if (hosts != null) {
            hosts.close();
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        engine = new Engine();
        app1 = startApp(hosts.get(1), hosts.get(1).address(), APP_PORT);
        app2 = startApp(hosts.get(2), hosts.get(2).address(), APP_PORT);
    }

    @AfterEach
    void tearDown() {
        engine.close();
        app1.kill();
        app2.kill();
    }

    /** A real app process inside the host, and wait (bounded) until it accepts from where it should. */
    private static Spawned startApp(TestHost h, String bind, int port) throws Exception {
        Spawned s = h.spawn("python3", "-m", "http.server", "--bind", bind, String.valueOf(port), "--directory", "/srv");
        await("app on " + h.name() + " to listen").atMost(java.time.Duration.ofMinutes(2)).pollInterval(java.time.Duration.ofMillis(50))
                .until(() -> {
                    if (!s.isAlive()) {
                        throw new IOException("app on " + h.name() + " exited: " + s.logText());
                    }
                    return bind.startsWith("127.")
                            ? h.sh("python3 -c \"import socket; socket.create_connection(('" + bind + "'," + port + "),1)\"").exit() == 0
                            : accepts(bind, port);
                });
        return s;
    }

    private static boolean accepts(String address, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static SshTarget balancer() {
        TestHost h = hosts.get(0);
        return SshTarget.of("lb-1", h.address(), h.sshPort(), h.user(), h.privateKey());
    }

    private static List<Server> appServers() {
        return List.of(Server.of("app-1", Role.APP, hosts.get(1).address()), Server.of("app-2", Role.APP, hosts.get(2).address()));
    }

    private HealthMonitor monitor(ProbeRoute route, ChangeLog log) {
        HealthMonitor m = new HealthMonitor(SEED, APP_PORT, route, new HttpProber(engine.io(), SEED.timeoutMs()),
                new ExecutorProbeClock(engine.scheduler()), engine.io());
        m.setServers(appServers());
        m.addListener(log);
        m.start();
        return m;
    }

    private void killAndRestart(HealthMonitor m, ChangeLog log, String label) throws Exception {
        log.await("app-1", HealthState.UP, 0);
        log.await("app-2", HealthState.UP, 0);

        long killed = System.nanoTime();
        app2.kill();
        long downMs = log.await("app-2", HealthState.DOWN, killed);
        System.out.printf("[health-it] %s: killed app marked down after %d ms (bound fall*interval+timeout = %d ms)%n",
                label, downMs, SEED.worstCaseDetectionMs());
        assertThat(log.probesUntil("app-2", HealthState.DOWN, killed)).as("probes until down").isLessThanOrEqualTo(SEED.fall() + 1);
        assertThat(m.snapshot().get(0).state()).isEqualTo(HealthState.UP);

        app2 = startApp(hosts.get(2), hosts.get(2).address(), APP_PORT);
        long restarted = System.nanoTime();
        long riseBound = (long) SEED.rise() * SEED.intervalMs();
        long upMs = log.await("app-2", HealthState.UP, restarted);
        System.out.printf("[health-it] %s: restarted app up after %d ms (bound rise*interval = %d ms)%n", label, upMs, riseBound);
        assertThat(log.probesUntil("app-2", HealthState.UP, restarted)).as("probes until up").isLessThanOrEqualTo(SEED.rise() + 1);
    }

    @Test
    void directProbesSeeAKilledAppGoDownAndComeBack() throws Exception {
        ChangeLog log = new ChangeLog();
        try (HealthMonitor m = monitor(new DirectRoute(), log)) {
            assertThat(m.routeDescription()).startsWith("direct");
            killAndRestart(m, log, "direct");
        }
    }

    @Test
    void probesThroughTheBalancersSshForwardSeeItToo() throws Exception {
        ChangeLog log = new ChangeLog();
        try (HealthMonitor m = monitor(new ForwardedRoute(connector, balancer(), engine.io()), log)) {
            assertThat(m.routeDescription()).isEqualTo("through " + balancer().label() + " (SSH port forwarding)");
            killAndRestart(m, log, "forwarded");
        }
    }

    @Test
    void healthOnceThroughTheBalancerExitsZeroWhenAllAreUp(@org.junit.jupiter.api.io.TempDir Path home) throws Exception {
        dev.orrery.store.OrreryHome orreryHome = new dev.orrery.store.OrreryHome(home);
        Files.createDirectories(orreryHome.knownHosts().getParent());
        Files.writeString(orreryHome.knownHosts(), hosts.get(0).knownHostsLine() + "\n");
        TestHost lb = hosts.get(0);
        dev.orrery.model.Cluster cluster = dev.orrery.store.Json.mapper().convertValue(java.util.Map.of(
                "name", "it", "app", java.util.Map.of("name", "it", "port", APP_PORT),
                "balancer", java.util.Map.of("kind", "nginx", "stickiness", "ip_hash", "healthCheck", SEED),
                "servers", List.of(
                        java.util.Map.of("name", "lb-1", "role", "balancer", "publicAddress", lb.address(),
                                "sshUser", lb.user(), "sshKey", lb.privateKey().toString()),
                        java.util.Map.of("name", "app-1", "role", "app", "publicAddress", hosts.get(1).address()),
                        java.util.Map.of("name", "app-2", "role", "app", "publicAddress", hosts.get(2).address()))),
                dev.orrery.model.Cluster.class);
        Path file = home.resolve("it.json");
        dev.orrery.store.ClusterStore.save(file, cluster);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int exit = dev.orrery.cli.OrreryCli.run(new String[]{"health", file.toString(), "--once", "--route", "balancer"},
                new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
                new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
                new java.io.BufferedReader(new java.io.StringReader("")), orreryHome);
        String text = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        System.out.println(text);
        assertThat(text).contains("route: through lb-1").contains("2 of 2 app servers up");
        assertThat(exit).isZero();
    }

    @Test
    void theChooserGoesThroughTheBalancerOnlyWhenServersDoNotAnswerDirectly() throws Exception {
        int hiddenPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            hiddenPort = s.getLocalPort(); // free here, so a direct probe of 127.0.0.1 is refused
        }
        // An app only the balancer can reach: on the balancer host's own loopback.
        Spawned hidden = startApp(hosts.get(0), "127.0.0.1", hiddenPort);
        try {
            HttpProber prober = new HttpProber(engine.io(), SEED.timeoutMs());
            RouteChooser.Choice reachable = RouteChooser.choose(appServers(), APP_PORT, "/", SEED.timeoutMs(), prober,
                    () -> new ForwardedRoute(connector, balancer(), engine.io()));
            assertThat(reachable.route()).isInstanceOf(DirectRoute.class);

            List<Server> privateOnly = List.of(Server.of("app-9", Role.APP, "127.0.0.1"));
            RouteChooser.Choice choice = RouteChooser.choose(privateOnly, hiddenPort, "/", SEED.timeoutMs(), prober,
                    () -> new ForwardedRoute(connector, balancer(), engine.io()));
            System.out.println("[health-it] chooser: " + choice.reason());
            assertThat(choice.route()).isInstanceOf(ForwardedRoute.class);
            assertThat(choice.reason()).contains("through lb-1");

            ChangeLog log = new ChangeLog();
            try (HealthMonitor m = new HealthMonitor(SEED, hiddenPort, choice.route(), prober,
                    new ExecutorProbeClock(engine.scheduler()), engine.io())) {
                m.setServers(privateOnly);
                m.addListener(log);
                m.start();
                log.await("app-9", HealthState.UP, 0);
                long killed = System.nanoTime();
                hidden.kill();
                long downMs = log.await("app-9", HealthState.DOWN, killed);
                System.out.printf("[health-it] forwarded to a private-only app: killed app marked down after %d ms%n", downMs);
            }
        } finally {
            hidden.kill();
        }
    }
}
