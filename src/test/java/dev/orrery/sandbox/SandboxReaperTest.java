package dev.orrery.sandbox;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Real processes: what the reaper stops, and what it must leave alone. */
@EnabledOnOs({OS.LINUX, OS.MAC})
class SandboxReaperTest {
    @TempDir
    Path tmp;
    final List<Process> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    /** A shell script inside the sandbox directory (so its command line names it) with a child sleep. */
    private Process sandboxScript(Path sandbox) throws Exception {
        Path script = sandbox.resolve("servers/app-1/sample/bin/loop.sh");
        Files.createDirectories(script.getParent());
        Files.writeString(script, "sleep 300 &\nwait\n");
        Process p = new ProcessBuilder("/bin/sh", script.toString()).start();
        started.add(p);
        awaitChild(p);
        return p;
    }

    private static void awaitChild(Process p) {
        await("the script's child").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> assertThat(p.descendants().findAny()).as("the script's child").isPresent());
    }

    private static void pidFile(Path file, long pid) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, pid + "\n");
    }

    @Test
    void stopsAProcessWhoseCommandLineNamesTheSandboxWithItsChildren() throws Exception {
        Path sandbox = tmp.resolve("sandbox");
        Process p = sandboxScript(sandbox);
        ProcessHandle child = p.descendants().findFirst().orElseThrow();
        pidFile(sandbox.resolve("servers/app-1/sample/run/supervisor.pid"), p.pid());

        SandboxReaper reaper = new SandboxReaper(sandbox);
        assertThat(reaper.find()).extracting(SandboxReaper.Found::pid).containsExactly(p.pid());
        List<Long> reaped = reaper.reap(Duration.ofSeconds(5));

        assertThat(reaped).contains(p.pid(), child.pid());
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(SandboxReaper.running(child)).as("the child, dead or a zombie awaiting init").isFalse();
        assertThat(reaper.find()).isEmpty();
    }

    @Test
    void killCrashesTheNamedProcessesAtOnceAndLeavesTheOthers() throws Exception {
        Path sandbox = tmp.resolve("sandbox");
        Process supervisor = sandboxScript(sandbox);
        ProcessHandle child = supervisor.descendants().findFirst().orElseThrow();
        pidFile(sandbox.resolve("servers/app-1/sample/run/supervisor.pid"), supervisor.pid());
        Process other = sandboxScript(sandbox); // another server's, also the sandbox's: not named, so not killed
        pidFile(sandbox.resolve("servers/app-2/sample/run/supervisor.pid"), other.pid());

        List<Long> killed = new SandboxReaper(sandbox).kill(sandbox.resolve("servers/app-1/sample/run/supervisor.pid"),
                sandbox.resolve("servers/app-1/sample/run/app.pid"));

        assertThat(killed).containsExactlyInAnyOrder(supervisor.pid(), child.pid());
        assertThat(supervisor.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(SandboxReaper.running(child)).as("the child, dead or a zombie awaiting init").isFalse();
        assertThat(sandbox.resolve("servers/app-1/sample/run/supervisor.pid")).doesNotExist();
        assertThat(other.isAlive()).isTrue();
    }

    @Test
    void leavesAloneAPidThatNowBelongsToAnotherProgram() throws Exception {
        Path sandbox = tmp.resolve("sandbox");
        Files.createDirectories(sandbox);
        // Not started from the sandbox: its command line does not name it, its directory is elsewhere.
        Process stranger = new ProcessBuilder("sleep", "300").directory(tmp.toFile()).start();
        started.add(stranger);
        pidFile(sandbox.resolve("balancer/nginx.pid"), stranger.pid());

        SandboxReaper reaper = new SandboxReaper(sandbox);
        assertThat(reaper.find()).isEmpty();
        assertThat(reaper.reap(Duration.ofSeconds(1))).isEmpty();
        assertThat(stranger.isAlive()).isTrue();
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void findsTheAppByItsWorkingDirectoryInsideTheSandbox() throws Exception {
        Path sandbox = tmp.resolve("sandbox");
        Path release = Files.createDirectories(sandbox.resolve("servers/app-1/sample/releases/r1"));
        // like `java -jar app.jar`: nothing in its command line names the sandbox
        Process app = new ProcessBuilder("sleep", "300").directory(release.toFile()).start();
        started.add(app);
        pidFile(sandbox.resolve("servers/app-1/sample/run/app.pid"), app.pid());

        new SandboxReaper(sandbox).reap(Duration.ofSeconds(5));
        assertThat(app.waitFor(3, TimeUnit.MINUTES)).isTrue();
    }

    @Test
    void ignoresStaleAndGarbledPidFilesAndAMissingDirectory() throws Exception {
        Path sandbox = tmp.resolve("sandbox");
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        pidFile(sandbox.resolve("servers/app-1/sample/run/app.pid"), gone.pid());
        Files.writeString(sandbox.resolve("servers/app-1/sample/run/supervisor.pid"), "12; rm -rf /\n");
        Files.writeString(sandbox.resolve("self.pid"), ProcessHandle.current().pid() + "\n");

        assertThat(new SandboxReaper(sandbox).find()).isEmpty();
        assertThat(new SandboxReaper(tmp.resolve("nothing-here")).reap(Duration.ofSeconds(1))).isEmpty();
    }
}
