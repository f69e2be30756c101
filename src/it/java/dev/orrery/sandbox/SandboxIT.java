package dev.orrery.sandbox;

import dev.orrery.deploy.LoadClient;
import dev.orrery.engine.Engine;
import dev.orrery.health.HealthMonitor;
import dev.orrery.health.HealthState;
import dev.orrery.health.ServerHealth;
import dev.orrery.health.StateChange;
import dev.orrery.it.Wait;
import dev.orrery.model.Cluster;
import dev.orrery.model.Server;
import dev.orrery.store.OrreryHome;
import dev.orrery.task.Progress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The sandbox end to end on this machine: real app processes under the portable supervisor, a
 * real nginx from its own prefix, Orrery's rollout and health monitor. Needs nginx on the PATH
 * (CI installs nginx-light) and Linux (loopback addresses 127.66.2.x, /proc, setsid).
 */
class SandboxIT {
    static final String BLOCK = "127.66.2.";
    @TempDir
    Path tmp;
    Engine engine;
    Sandbox sandbox;

    @AfterEach
    void tearDown() {
        if (sandbox != null) {
            sandbox.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void startAddDeployFailRestartRecoverAfterACrashAndStopLeavingNothing() throws Exception {
        engine = new Engine();
        OrreryHome home = new OrreryHome(tmp.resolve("home"));
        // Its own loopback block, so the test never meets a sandbox the developer has running.
        dev.orrery.testing.SandboxOwners.register(SandboxPaths.of(home).root());
        sandbox = new Sandbox(SandboxPaths.of(home), engine.io(), engine.scheduler(), BLOCK);
        assumeTrue(new SandboxBalancer(sandbox.paths()).installed(), "nginx is not installed (CI installs nginx-light)");

        // Start: a balancer and two app servers, v1 deployed through the rollout, nginx pushed.
        Cluster started = sandbox.start(log("start"));
        assertThat(started.balancerServer()).isPresent();
        assertThat(started.appServers()).extracting(Server::internalAddress).containsExactly(BLOCK + "2", BLOCK + "3");
        assertThat(started.app().currentRelease().bundle()).isEqualTo("sample-v1.jar");
        int port = started.balancer().httpPort();

        HealthMonitor monitor = sandbox.monitor();
        List<StateChange> changes = new CopyOnWriteArrayList<>();
        List<dev.orrery.health.HealthSample> probes = new CopyOnWriteArrayList<>();
        monitor.addListener(e -> {
            if (e instanceof dev.orrery.health.HealthSample p) {
                probes.add(p);
            }
            if (e instanceof StateChange c) {
                changes.add(c);
            }
        });
        awaitAllUp(monitor, 2);

        // Add a server: started on the live release within seconds and put behind the balancer.
        long t0 = System.nanoTime();
        Server added = sandbox.addServer(log("add"));
        long addMs = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("sandbox: " + added.name() + " added and in the balancer after " + addMs + " ms");
        assertThat(added.internalAddress()).isEqualTo(BLOCK + "4");
        assertThat(sandbox.cluster().appServers()).hasSize(3).allMatch(s -> started.app().currentRelease().id().equals(s.release()));
        assertThat(Files.readString(sandbox.paths().balancerDir().resolve("nginx.conf"))).contains(BLOCK + "4:3000");
        awaitAllUp(monitor, 3);

        // Deploy v1 → v2 one server at a time under keep-alive GET/POST load from a client that never retries.
        Cluster deployed;
        LoadClient load = new LoadClient("127.0.0.1", port, 4, 10, 20_000).start();
        try {
            Wait.until("the load to get answers", () -> load.ok.get() > 20);
            deployed = sandbox.deployNext(log("deploy"));
        } finally {
            load.close();
        }
        System.out.println("sandbox deploy v1 → v2: " + load.failed.get() + " failed of " + load.total() + " requests; versions seen " + load.versions);
        assertThat(load.failures).isEmpty();
        assertThat(load.failed.get()).isZero();
        assertThat(load.total()).isGreaterThan(100);
        assertThat(load.versions).containsKeys("v1", "v2");
        assertThat(deployed.app().currentRelease().bundle()).isEqualTo("sample-v2.jar");
        assertThat(deployed.appServers()).hasSize(3).allMatch(s -> deployed.app().currentRelease().id().equals(s.release()));

        // Simulate a failure: the health monitor marks it down after at most fall probes (one more
        // may have been on its way when it died); counted in probes, so a slow machine cannot fail it.
        long worst = deployed.balancer().healthCheck().worstCaseDetectionMs();
        changes.clear();
        long crashedAt = monitor.nowMillis(); // SIGKILL: it is gone a few ms after this
        sandbox.fail("app-2", Progress.NONE);
        Wait.until("app-2 to be marked down", () -> stateOf(monitor, "app-2") == HealthState.DOWN);
        StateChange down = changes.stream().filter(c -> c.server().equals("app-2") && c.to() == HealthState.DOWN).findFirst().orElseThrow();
        long detectMs = down.timeMs() - crashedAt;
        System.out.println("sandbox: app-2 marked down " + detectMs + " ms after it crashed (fall × interval + timeout = " + worst + " ms)");
        long probesUntilDown = probes.stream().filter(p -> p.server().equals("app-2") && p.timeMs() >= crashedAt
                && p.timeMs() <= down.timeMs()).count();
        assertThat(probesUntilDown).as("probes of app-2 until it was marked down")
                .isLessThanOrEqualTo(deployed.balancer().healthCheck().fall() + 1L);
        try (Socket probe = new Socket()) {
            assertThatThrownBy(() -> probe.connect(new InetSocketAddress(BLOCK + "3", 3000), 1000)).isInstanceOf(IOException.class);
        }
        assertThat(sandbox.processState("app-2")).startsWith("stopped");

        sandbox.restart("app-2", Progress.NONE);
        Wait.until("app-2 to be up again", () -> stateOf(monitor, "app-2") == HealthState.UP);

        // A crash: this Orrery goes away without stopping anything; the next start finds and stops what it left.
        List<Long> running = new SandboxReaper(sandbox.paths().root()).find().stream().map(SandboxReaper.Found::pid).toList();
        assertThat(running).isNotEmpty();
        Sandbox next = new Sandbox(SandboxPaths.of(home), engine.io(), engine.scheduler(), BLOCK);
        List<String> lines = new CopyOnWriteArrayList<>();
        next.start(log("restart after crash", lines));
        assertThat(lines).anyMatch(l -> l.contains("left behind by an earlier run"));
        // gone, or a zombie waiting for init to reap it (it has exited)
        assertThat(running).allMatch(pid -> ProcessHandle.of(pid).map(p -> !SandboxReaper.running(p)).orElse(true));
        assertThat(next.cluster().appServers()).hasSize(3);
        HealthMonitor nextMonitor = next.monitor();
        awaitAllUp(nextMonitor, 3);
        sandbox = next;

        // Stop: nothing of the sandbox's is left running.
        List<Long> swept = sandbox.stop(log("stop"));
        assertThat(swept).as("processes the graceful stop left for the sweep").isEmpty();
        assertThat(new SandboxReaper(sandbox.paths().root()).find()).isEmpty();
        String root = sandbox.paths().root().toRealPath().toString();
        List<String> left = ProcessHandle.allProcesses().filter(SandboxReaper::running)
                .filter(p -> SandboxReaper.commandLine(p).contains(root) || cwdUnder(p, root))
                .map(p -> p.pid() + " " + SandboxReaper.commandLine(p)).toList();
        assertThat(left).isEmpty();
    }

    private static boolean cwdUnder(ProcessHandle p, String root) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(p.pid()), "cwd")).toString().startsWith(root);
        } catch (Exception e) {
            return false;
        }
    }

    private static HealthState stateOf(HealthMonitor m, String server) {
        return m.snapshot().stream().filter(h -> h.name().equals(server)).map(ServerHealth::state).findFirst().orElse(null);
    }

    private static void awaitAllUp(HealthMonitor m, int servers) {
        Wait.until(servers + " app servers up", () -> {
            List<ServerHealth> s = m.snapshot();
            return s.size() == servers && s.stream().allMatch(h -> h.state() == HealthState.UP);
        });
    }

    private static Progress log(String what) {
        return log(what, new CopyOnWriteArrayList<>());
    }

    private static Progress log(String what, List<String> lines) {
        return new Progress() {
            @Override
            public void step(String name) {
                System.out.println("[" + what + "] " + name);
            }

            @Override
            public void fraction(double done) {
            }

            @Override
            public void log(String line) {
                lines.add(line);
                System.out.println("[" + what + "]     " + line);
            }

            @Override
            public boolean cancelled() {
                return false;
            }
        };
    }
}
