package dev.orrery.deploy;

import dev.orrery.engine.Engine;
import dev.orrery.health.HealthMonitor;
import dev.orrery.health.HealthState;
import dev.orrery.health.StateChange;
import dev.orrery.it.TestHost;
import dev.orrery.it.Wait;
import dev.orrery.logs.JournalEntry;
import dev.orrery.logs.JournalFollower;
import dev.orrery.model.Cluster;
import dev.orrery.model.Server;
import dev.orrery.proxy.ProxyPush;
import dev.orrery.remote.AuthenticationFailedException;
import dev.orrery.remote.Command;
import dev.orrery.remote.SshHost;
import dev.orrery.task.Progress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Orrery on hosts that boot systemd, as droplets do ({@link dev.orrery.it.TestHosts#startSystemd}),
 * logged in as a sudo user with root login off: the app runs as Orrery's rendered systemd unit
 * and the balancer is the host's own {@code nginx.service}. Deploys and a rollback under
 * keep-alive GET+POST load fail no request; systemd restarts a killed app ({@code Restart=}) and
 * the health monitor sees it go and come back; stopping the unit lets the requests in flight
 * finish; the app's output is read from journald (Orrery's journal follower, {@code orrery logs});
 * a balancer push reloads nginx through systemd without a new master and fails no request.
 * One set of four booted hosts serves every test.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SystemdDeployIT {
    static DeployFixture f;
    static final List<String> APPS = List.of("app-1", "app-2", "app-3");
    static final String UNIT = AppLayout.of("crater").unitName();

    @BeforeAll
    static void start() throws Exception {
        long t0 = System.nanoTime();
        f = DeployFixture.onSystemdHosts("deploy");
        System.out.printf("[systemd-it] 4 systemd hosts booted, balancer pushed in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    }

    @AfterAll
    static void stop() {
        if (f != null) {
            f.close();
        }
    }

    static LoadClient load() {
        // 6 keep-alive connections, one request each every ~15 ms (GET and POST in turn), bounded in count.
        return new LoadClient(f.balancerAddress(), 80, 6, 15, 20_000).start();
    }

    /** Deploys (or rolls back) under load; prints the wall time and the requests; returns the load's count of failures. */
    static LoadClient underLoad(String what, ThrowingAction action) throws Exception {
        LoadClient l = load();
        long wallMs;
        try {
            DeployIT.waitForRequests(l, 300);
            long t0 = System.nanoTime();
            action.run();
            wallMs = (System.nanoTime() - t0) / 1_000_000;
            DeployIT.waitForRequests(l, l.total() + 300);
        } finally {
            l.close();
        }
        System.out.printf("[systemd-it] %s: wall %d ms; %d failed of %d requests; versions %s; servers %s%n",
                what, wallMs, l.failed.get(), l.total(), l.versions, l.servers);
        l.failures.forEach(x -> System.out.println("  failure: " + x.lines().findFirst().orElse("")));
        return l;
    }

    interface ThrowingAction {
        void run() throws Exception;
    }

    @Test
    @Order(1)
    void theFirstDeployRunsTheAppAsOrrerysSystemdUnitLoggedInAsTheSudoUser() throws Exception {
        Server app1 = f.cluster.server("app-1").orElseThrow();
        assertThat(app1.sshUser()).isEqualTo("deploy");
        try (SshHost root = f.ssh(app1.withSsh("root", app1.sshPort(), app1.sshKey()))) {
            assertThatThrownBy(() -> root.run(Command.of("true"))).isInstanceOf(AuthenticationFailedException.class);
        }
        // no app runs yet, so nothing to drain: no balancer waits (they would only add CI time)
        f.rollout(BalancerControls.NONE).deploy(f.cluster, f.nodeRelease("v1", "VERSION=v1"), DeployFixture.printing("systemd v1"));
        byte[] rendered = new SystemdService(AppLayout.of("crater"), DeployFixture.options().stopTimeoutSeconds()).unit();
        for (String s : APPS) {
            TestHost h = f.testHost(s);
            assertThat(f.versionOn(s)).as(s).isEqualTo("v1");
            assertThat(h.exec("systemctl", "is-active", UNIT).output().strip()).as(s).isEqualTo("active");
            assertThat(h.exec("systemctl", "is-enabled", UNIT).output().strip()).as(s).isEqualTo("enabled");
            assertThat(Files.readAllBytes(h.path("/etc/systemd/system/" + UNIT))).as(s).isEqualTo(rendered);
            String pid = f.appPid(s);
            assertThat(h.exec("ps", "-o", "user=", "-p", pid).output().strip()).as(s).isEqualTo("crater");
            // systemd, not Orrery's portable supervisor, runs it
            assertThat(h.exec("test", "-e", "/opt/crater/bin/orrery-supervise").exit()).as(s).isNotZero();
        }
    }

    @Test
    @Order(2)
    void v1ToV2UnderLoadFailsNoRequest() throws Exception {
        Path v2 = f.nodeRelease("v2", "VERSION=v2");
        LoadClient l = underLoad("systemd deploy v1 → v2", () -> f.rollout(DeployIT.drain()).deploy(f.cluster, v2, DeployFixture.printing("systemd v2")));
        for (String s : APPS) {
            assertThat(f.versionOn(s)).as(s).isEqualTo("v2");
        }
        assertThat(l.versions).containsKeys("v1", "v2");
        assertThat(l.failed.get()).as("failed requests: %s", l.failures).isZero();
    }

    @Test
    @Order(3)
    void systemdRestartsAKilledAppTheHealthMonitorSeesItComeBackAndTheJournalSaysSo() throws Exception {
        TestHost h = f.testHost("app-2");
        String pid = f.appPid("app-2");
        long restartsBefore = restarts(h);
        List<StateChange> changes = new CopyOnWriteArrayList<>();
        List<JournalEntry> journal = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> stopFollowing = new CompletableFuture<>();
        try (Engine engine = new Engine(); HealthMonitor m = HealthMonitor.create(f.cluster, engine.scheduler(), engine.io());
             SshHost ssh = f.ssh(f.cluster.server("app-2").orElseThrow())) {
            m.addListener(e -> {
                if (e instanceof StateChange c && c.server().equals("app-2")) {
                    changes.add(c);
                }
            });
            m.start();
            Wait.until("app-2 up", () -> changes.stream().anyMatch(c -> c.to() == HealthState.UP));
            // Orrery's journal follower, over SSH as the sudo user, from now on
            JournalFollower follower = new JournalFollower(ssh, UNIT, null, 0, System.currentTimeMillis(), true, journal::add);
            CompletableFuture<Void> following = CompletableFuture.runAsync(() -> {
                try {
                    follower.runOnce(stopFollowing);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            h.exec("kill", "-9", pid).orThrow("kill -9 the app");
            Wait.until("app-2 down, then up again", () -> changes.stream().map(StateChange::to).toList()
                    .containsAll(List.of(HealthState.DOWN, HealthState.UP)) && changes.get(changes.size() - 1).to() == HealthState.UP
                    && changes.stream().anyMatch(c -> c.to() == HealthState.DOWN));
            String newPid = f.appPid("app-2");
            assertThat(newPid).isNotEqualTo(pid).isNotEqualTo("0");
            assertThat(restarts(h)).isEqualTo(restartsBefore + 1);
            assertThat(f.versionOn("app-2")).isEqualTo("v2");
            Wait.until("the crash and the new start in the journal", () -> messages(journal).stream().anyMatch(x -> x.contains("status=9/KILL"))
                    && messages(journal).stream().anyMatch(x -> x.contains("testapp app-2 v2 listening")));
            stopFollowing.complete(null);
            following.get();
            System.out.println("[systemd-it] journal of app-2 after kill -9: " + messages(journal));
        }
    }

    @Test
    @Order(4)
    void stoppingTheUnitLetsTheRequestsInFlightFinish() throws Exception {
        TestHost h = f.testHost("app-3");
        // the same unit, its app made slow (every answer 1.5 s late) by a drop-in, so requests are in flight when it stops
        Path dropIn = h.path("/etc/systemd/system/" + UNIT + ".d/slow.conf");
        Files.createDirectories(dropIn.getParent());
        Files.writeString(dropIn, "[Service]\nEnvironment=DELAY_MS=1500\n");
        h.exec("systemctl", "daemon-reload").orThrow("daemon-reload");
        h.exec("systemctl", "restart", UNIT).orThrow("restart");
        String addr = f.cluster.server("app-3").orElseThrow().publicAddress();
        Wait.until("app-3 to answer", () -> healthy(h));
        List<CompletableFuture<String>> inFlight = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            inFlight.add(slowRequest(addr, "/slow/" + i));
        }
        // every request is sent; the app has read them all (nothing waits in its sockets' queues) and answers none yet
        Wait.until("4 requests read by the app", () -> readRequests(h) >= 4);
        ServiceManager service = new SystemdService(AppLayout.of("crater"), DeployFixture.options().stopTimeoutSeconds());
        try (SshHost ssh = f.ssh(f.cluster.server("app-3").orElseThrow())) {
            ssh.run(service.stop());
            for (CompletableFuture<String> r : inFlight) {
                String answer = r.get(30, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(answer).startsWith("HTTP/1.1 200").contains("app-3 v2 GET /slow/");
            }
            // SIGTERM was enough: systemd did not have to kill it
            assertThat(h.exec("systemctl", "show", "-p", "Result", "--value", UNIT).output().strip()).isEqualTo("success");
            assertThat(h.exec("systemctl", "is-active", UNIT).output().strip()).isEqualTo("inactive");
            Files.delete(dropIn);
            h.exec("systemctl", "daemon-reload").orThrow("daemon-reload");
            ssh.run(service.start());
        }
        Wait.until("app-3 to answer again", () -> healthy(h));
    }

    @Test
    @Order(5)
    void rollbackUnderLoadFailsNoRequest() throws Exception {
        String v2 = f.cluster.app().currentRelease().id();
        LoadClient l = underLoad("systemd rollback v2 → v1", () -> f.rollout(DeployIT.drain()).rollback(f.cluster, DeployFixture.printing("systemd rollback")));
        for (String s : APPS) {
            assertThat(f.versionOn(s)).as(s).isEqualTo("v1");
        }
        assertThat(f.cluster.app().currentRelease().id()).isNotEqualTo(v2);
        assertThat(f.cluster.appServers()).extracting(Server::release).containsOnly(f.cluster.app().currentRelease().id());
        assertThat(l.failed.get()).as("failed requests: %s", l.failures).isZero();
    }

    @Test
    @Order(6)
    void orreryLogsReadsTheAppsOutputFromJournald() throws Exception {
        Path home = f.scratch.resolve("home-logs");
        Files.createDirectories(home);
        Files.copy(f.scratch.resolve("known_hosts"), new dev.orrery.store.OrreryHome(home).knownHosts());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = dev.orrery.cli.OrreryCli.run(new String[]{"logs", f.clusterFile.toString(), "app-1", "--source", "app"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new BufferedReader(new StringReader("")), new dev.orrery.store.OrreryHome(home));
        String text = out.toString(StandardCharsets.UTF_8);
        System.out.println("[systemd-it] orrery logs app-1:\n" + text + err);
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        // the app writes to stdout only: under systemd that is the journal, and there is no log file
        assertThat(text).contains("testapp app-1 v1 listening").contains("testapp app-1 v2 listening");
        assertThat(f.testHost("app-1").exec("test", "-e", "/opt/crater/log/app.log").exit()).isNotZero();
    }

    @Test
    @Order(7)
    void aBalancerPushReloadsNginxThroughSystemdWithoutANewMasterAndFailsNoRequest() throws Exception {
        TestHost lb = f.testHost("lb-1");
        String master = lb.exec("systemctl", "show", "-p", "MainPID", "--value", "nginx.service").output().strip();
        assertThat(master).isNotEqualTo("0");
        assertThat(lb.exec("systemctl", "is-active", "nginx.service").output().strip()).isEqualTo("active");
        Cluster all = f.cluster;
        Cluster withoutApp3 = all.withoutServer("app-3");
        LoadClient l = load();
        try (SshHost h = f.ssh(all.server("lb-1").orElseThrow())) {
            DeployIT.waitForRequests(l, 300);
            long t0 = System.nanoTime();
            new ProxyPush(h, f.balancerLayout).push(withoutApp3, DeployFixture.printing("push without app-3"));
            System.out.printf("[systemd-it] push (systemctl reload nginx) took %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            long app3 = l.servers.getOrDefault("app-3", new java.util.concurrent.atomic.AtomicLong()).get();
            DeployIT.waitForRequests(l, l.total() + 300);
            assertThat(l.servers.getOrDefault("app-3", new java.util.concurrent.atomic.AtomicLong()).get())
                    .as("answers from app-3 after it left the configuration").isEqualTo(app3);
            new ProxyPush(h, f.balancerLayout).push(all, DeployFixture.printing("push with app-3"));
            String app3Address = all.server("app-3").orElseThrow().internalAddress();
            if (app3 > 0) {
                Wait.until("app-3 back in rotation", () -> l.servers.get("app-3").get() > app3);
            } else {
                // ip_hash keys on the client's /24: this load client's requests all hash to one server,
                // and in this slot it is not app-3; the reloaded nginx must still list it again.
                Wait.until("app-3 back in nginx's running configuration",
                        () -> lb.exec("nginx", "-T").output().contains(app3Address + ":"));
            }
        } finally {
            l.close();
        }
        System.out.printf("[systemd-it] two pushes under load: %d failed of %d requests; servers %s%n", l.failed.get(), l.total(), l.servers);
        assertThat(lb.exec("systemctl", "show", "-p", "MainPID", "--value", "nginx.service").output().strip()).isEqualTo(master);
        assertThat(lb.exec("journalctl", "-u", "nginx.service", "-o", "cat", "--no-pager").output()).contains("Reloading");
        assertThat(l.failed.get()).as("failed requests: %s", l.failures).isZero();
    }

    private static long restarts(TestHost h) {
        return Long.parseLong(h.exec("systemctl", "show", "-p", "NRestarts", "--value", UNIT).output().strip());
    }

    private static List<String> messages(List<JournalEntry> journal) {
        return journal.stream().map(JournalEntry::message).toList();
    }

    /** Connections from this machine to the app's port whose request the app has read (an empty receive queue). */
    private static long readRequests(TestHost h) {
        return h.exec("ss", "-Htn", "state", "established", "( sport = :3000 and dst " + f.hosts.bridgeAddress() + " )").output().lines()
                .map(l -> l.trim().split("\\s+")).filter(c -> c.length > 1 && c[0].equals("0")).count();
    }

    /** /health answers 200, asked from inside the host by curl (whose connection is closed, so it never looks in flight). */
    private static boolean healthy(TestHost h) {
        return h.exec("curl", "-fsS", "-o", "/dev/null", "--max-time", "5", "http://127.0.0.1:3000/health").ok();
    }

    /** Sends one GET on its own connection and reads the whole answer (the app closes the connection after it). */
    private static CompletableFuture<String> slowRequest(String addr, String path) throws java.io.IOException {
        java.net.Socket s = new java.net.Socket();
        s.connect(new java.net.InetSocketAddress(addr, DeployFixture.APP_PORT), 5000);
        s.setSoTimeout(30_000);
        s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: crater\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        return CompletableFuture.supplyAsync(() -> {
            try (s) {
                return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                return "failed: " + e;
            }
        });
    }
}
