package dev.orrery.deploy;

import dev.orrery.model.Release;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The release commands and the portable supervisor run for real with /bin/sh on this machine, in a
 * temporary base directory, with the unprivileged user {@code nobody} as the app's user. Needs root
 * (chown, setpriv), as on a server.
 */
class ServerCommandsTest {
    @TempDir
    Path tmp;
    AppLayout layout;
    ReleaseCommands c;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root (chown, setpriv), as on a server");
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        layout = new AppLayout(tmp.toString(), "nobody");
        c = new ReleaseCommands(layout);
        LocalShell.ok(c.ensureUser());
        LocalShell.ok(c.prepareDirs());
    }

    void install(String id, String start) throws Exception {
        Path bundle = TestBundles.nodeApp(tmp, id + ".tar.gz", start);
        DetectedRelease d = ReleaseDetector.detect(bundle);
        Files.copy(bundle, Path.of(layout.upload(id)));
        LocalShell.ok(c.unpack(id, d));
        Files.writeString(Path.of(c.startFile(id)), d.startScript());
        LocalShell.ok(c.finish(id));
        Files.write(Path.of(layout.envFile(id)), EnvFile.render(Map.of("ORRERY_RELEASE", id)));
        LocalShell.ok(c.protectEnv(id));
    }

    static void waitFor(String what, BooleanSupplier condition) {
        await(what).atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50)).until(condition::getAsBoolean);
    }

    static String read(Path p) {
        try {
            return Files.readString(p).strip();
        } catch (Exception e) {
            return "";
        }
    }

    @Test
    void releasesAreInstalledBesideEachOtherAndCurrentSwitchesAtomically() throws Exception {
        install("r1", "node server.js");
        install("r2", "node server.js");
        assertThat(LocalShell.ok(c.currentRelease())).isEmpty();
        LocalShell.ok(c.switchTo("r1"));
        assertThat(LocalShell.ok(c.currentRelease())).isEqualTo("r1");
        LocalShell.ok(c.switchTo("r2"));
        assertThat(Files.readSymbolicLink(Path.of(layout.current()))).isEqualTo(Path.of("releases/r2"));
        assertThat(Path.of(layout.root(), "current.orrery-tmp")).doesNotExist();
        assertThat(LocalShell.run(c.switchTo("missing")).exit()).isNotZero();
        assertThat(LocalShell.ok(c.currentRelease())).isEqualTo("r2");
        // Code is root's and read-only to the app; the env file is the app user's alone.
        assertThat(Files.getOwner(Path.of(layout.release("r1"), "server.js")).getName()).isEqualTo("root");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(layout.envFile("r1"))))).isEqualTo("rw-------");
        assertThat(Files.getOwner(Path.of(layout.envFile("r1"))).getName()).isEqualTo("nobody");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(layout.envDir())))).isEqualTo("rwx------");
        assertThat(LocalShell.run(c.isInstalled("r1")).exit()).isZero();
        assertThat(LocalShell.run(c.isInstalled("r9")).exit()).isNotZero();
    }

    @Test
    void pruneKeepsTheNewestAndTheProtectedReleases() throws Exception {
        for (String id : List.of("20260101-000001-a", "20260101-000002-a", "20260101-000003-a", "20260101-000004-a",
                "20260101-000005-a", "20260101-000006-a", "20260101-000007-a")) {
            Files.createDirectories(Path.of(layout.release(id)));
            Files.writeString(Path.of(layout.envFile(id)), "");
        }
        Files.createDirectories(Path.of(layout.release("20260101-000008-a") + ".tmp"));
        LocalShell.ok(c.prune(3, "20260101-000001-a"));
        try (var s = Files.list(Path.of(layout.releases()))) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly(
                    "20260101-000001-a", "20260101-000005-a", "20260101-000006-a", "20260101-000007-a", "20260101-000008-a.tmp");
        }
        assertThat(Path.of(layout.envFile("20260101-000002-a"))).doesNotExist();
    }

    @Test
    void theSupervisorRunsTheAppAsItsUserRestartsItOnCrashAndStopsIt() throws Exception {
        install("r1", "echo \"started $ORRERY_RELEASE\"; exec sleep 600");
        LocalShell.ok(c.switchTo("r1"));
        // A generous stop timeout: `sleep` ends at once on SIGTERM, so "graceful" never depends on machine speed.
        SupervisorService svc = new SupervisorService(layout, 15);
        for (var f : svc.files()) {
            Files.write(Path.of(f.path()), f.content());
            LocalShell.ok(c.chmod(f.mode(), f.path()));
        }
        Path appPid = Path.of(layout.runDir(), "app.pid");
        try {
            assertThat(LocalShell.run(svc.status()).exit()).isEqualTo(3);
            assertThat(LocalShell.ok(svc.start())).startsWith("started");
            assertThat(LocalShell.run(svc.status()).exit()).isZero();
            waitFor("the app to start", () -> read(Path.of(layout.logFile())).contains("started r1"));
            String first = read(appPid);
            // The app runs as nobody, never root.
            waitFor("sleep to run", () -> read(Path.of("/proc", first, "comm")).equals("sleep"));
            assertThat(Files.readAllLines(Path.of("/proc", first, "status")).stream().filter(l -> l.startsWith("Uid:")).findFirst().orElseThrow())
                    .doesNotContain("\t0\t");

            new ProcessBuilder("kill", "-9", first).start().waitFor();
            waitFor("a restart after the crash", () -> !read(appPid).isEmpty() && !read(appPid).equals(first));
            assertThat(read(Path.of(layout.logFile()))).contains("exited with 137; restarting");

            String second = read(appPid);
            // Stop only once the restarted launcher has become `sleep`, as the first one was.
            waitFor("the restarted app to run", () -> read(Path.of("/proc", second, "comm")).equals("sleep"));
            assertThat(LocalShell.ok(svc.stop())).startsWith("stopped: graceful");
            assertThat(LocalShell.run(svc.status()).exit()).isEqualTo(3);
            assertThat(Path.of("/proc", second)).doesNotExist();
        } finally {
            LocalShell.run(svc.stop());
        }
    }

    @Test
    void anAppThatIgnoresSigtermIsKilledAfterTheStopTimeout() throws Exception {
        install("r1", "trap '' TERM; while :; do sleep 0.2; done");
        LocalShell.ok(c.switchTo("r1"));
        SupervisorService svc = new SupervisorService(layout, 1);
        for (var f : svc.files()) {
            Files.write(Path.of(f.path()), f.content());
            LocalShell.ok(c.chmod(f.mode(), f.path()));
        }
        try {
            LocalShell.ok(svc.start());
            waitFor("the app's pid", () -> !read(Path.of(layout.runDir(), "app.pid")).isEmpty());
            String pid = read(Path.of(layout.runDir(), "app.pid"));
            // Stop only once the app ignores TERM (SigIgn has bit 15), or a slow start would take it gracefully.
            waitFor("the app to ignore TERM", () -> read(Path.of("/proc", pid, "status")).lines()
                    .filter(l -> l.startsWith("SigIgn:")).anyMatch(l -> (Long.parseUnsignedLong(l.substring(7).strip(), 16) & (1L << 14)) != 0));
            assertThat(LocalShell.ok(svc.stop())).startsWith("stopped: killed after 1s");
            assertThat(Path.of("/proc", pid)).doesNotExist();
        } finally {
            LocalShell.run(svc.stop());
        }
    }

    @Test
    void theAppGetsOnlyOrrerysEnvironmentNothingFromTheSessionThatStartedIt() throws Exception {
        install("r1", "exec sleep 600");
        LocalShell.ok(c.switchTo("r1"));
        SupervisorService svc = new SupervisorService(layout, 15);
        for (var f : svc.files()) {
            Files.write(Path.of(f.path()), f.content());
            LocalShell.ok(c.chmod(f.mode(), f.path()));
        }
        try {
            // started as over root's SSH session
            ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", svc.start().line()).directory(Path.of("/").toFile()).redirectErrorStream(true);
            pb.environment().putAll(Map.of("USER", "root", "LOGNAME", "root", "SSH_CONNECTION", "198.51.100.7 50000 10.0.1.5 22",
                    "SSH_CLIENT", "198.51.100.7 50000 22", "OLDPWD", "/root", "MAIL", "/var/mail/root", "TERM", "xterm"));
            Process p = pb.start();
            p.getInputStream().readAllBytes();
            assertThat(p.waitFor()).isZero();
            Path appPid = Path.of(layout.runDir(), "app.pid");
            waitFor("sleep to run", () -> read(Path.of("/proc", read(appPid), "comm")).equals("sleep"));
            String environ = Files.readString(Path.of("/proc", read(appPid), "environ"));
            Map<String, String> env = new java.util.TreeMap<>();
            for (String kv : environ.split("\0")) {
                if (!kv.isEmpty()) {
                    env.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
                }
            }
            assertThat(env.keySet()).containsExactlyInAnyOrder("PATH", "HOME", "USER", "LOGNAME", "PWD", "ORRERY_RELEASE");
            assertThat(env).containsEntry("USER", "nobody").containsEntry("LOGNAME", "nobody").containsEntry("HOME", layout.root())
                    .containsEntry("ORRERY_RELEASE", "r1");
            assertThat(env.get("PATH")).endsWith(Scripts.SERVICE_PATH);
        } finally {
            LocalShell.run(svc.stop());
        }
    }

    @Test
    void aReleaseThatExitsAtOnceStopsTheHealthGateWithoutWaitingOutItsDeadline() throws Exception {
        install("r1", "echo 'Error: cannot find module ./missing' >&2; exit 3");
        LocalShell.ok(c.switchTo("r1"));
        SupervisorService svc = new SupervisorService(layout, 15);
        for (var f : svc.files()) {
            Files.write(Path.of(f.path()), f.content());
            LocalShell.ok(c.chmod(f.mode(), f.path()));
        }
        java.util.List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        dev.orrery.task.Progress progress = new dev.orrery.task.Progress() {
            @Override public void step(String name) { }
            @Override public void fraction(double done) { }
            @Override public void log(String line) { logged.add(line); }
            @Override public boolean cancelled() { return false; }
        };
        try {
            LocalShell.ok(svc.start());
            HealthGate gate = new HealthGate(new dev.orrery.model.HealthCheck("/health", 250, 2, 2, 500), Duration.ofSeconds(90),
                    HealthGate.Clock.REAL);
            int port;
            try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
                port = free.getLocalPort();
            }
            HealthGate.Result r = gate.await(new dev.orrery.remote.LocalHost(), c, "127.0.0.1", port, svc.liveness(), progress);

            assertThat(r.passed()).isFalse();
            assertThat(r.exited()).as("stopped because the app exited, not at the deadline").isTrue();
            assertThat(r.lastAnswer()).containsAnyOf("the app exited", "the app restarted");
            assertThat(r.failure(Duration.ofSeconds(90))).contains("ms into its health gate");
        } finally {
            LocalShell.run(svc.stop());
        }
    }

    @Test
    void identicalProbeLinesAreLoggedOnceThenCounted() {
        java.util.List<String> logged = new java.util.ArrayList<>();
        HealthGate.Repeats r = new HealthGate.Repeats(new dev.orrery.task.Progress() {
            @Override public void step(String name) { }
            @Override public void fraction(double done) { }
            @Override public void log(String line) { logged.add(line); }
            @Override public boolean cancelled() { return false; }
        });
        for (int i = 0; i < 37; i++) {
            r.log("  /health → HTTP 500");
        }
        r.log("  /health → HTTP 200 (1/2)");
        r.log("  /health → HTTP 200 (2/2)");
        r.flush();
        assertThat(logged).containsExactly("  /health → HTTP 500", "  /health → HTTP 500 ×37", "  /health → HTTP 200 (1/2)",
                "  /health → HTTP 200 (2/2)");
    }

    @Test
    void detectsTheReleaseKind() throws Exception {
        assertThat(ReleaseDetector.detect(TestBundles.nodeApp(tmp, "n.tar.gz", "node a.js")).kind()).isEqualTo(Release.Kind.NODE);
    }
}
