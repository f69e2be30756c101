package dev.orrery.deploy;

import dev.orrery.remote.ExecResult;
import dev.orrery.remote.LineListener;
import dev.orrery.remote.LocalHost;
import dev.orrery.testing.RequiresCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Taking a port over from an app Orrery did not start, for real on this machine: a node process
 * started by hand (as Meteor Up's upstart job would run it) is found by the port it holds,
 * stopped with what it needs to start again kept, started again, and told apart from Orrery's own.
 */
@RequiresCommands({"node", "ss", "setsid"})
class TakeoverTest {
    @TempDir
    Path tmp;
    AppLayout layout;
    TakeoverCommands commands;
    final LocalHost host = new LocalHost();
    final List<Long> started = new ArrayList<>();
    int port;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root (as on a server: the old app may be another user's)");
        layout = new AppLayout(tmp.toString(), "crater");
        commands = new TakeoverCommands(layout);
        Files.createDirectories(Path.of(layout.root()));
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
    }

    @AfterEach
    void stopWhatWasStarted() throws Exception {
        // the restored app was started by the script: find it by its port, and stop it by its pid
        for (String line : run(commands.inspect(port, "")).split("\n")) {
            String[] w = line.trim().split(" ");
            if (w.length >= 2 && w[0].equals("process")) {
                started.add(Long.parseLong(w[1]));
            }
        }
        started.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    long startOldApp(Path cwd) throws Exception {
        return startOldApp(cwd, "127.0.0.1");
    }

    long startOldApp(Path cwd, String bind) throws Exception {
        Files.createDirectories(cwd);
        ProcessBuilder pb = new ProcessBuilder("node", "-e",
                "require('http').createServer((q, r) => r.end(process.env.GREETING)).listen(" + port + ", '" + bind + "');"
                        + "process.on('SIGTERM', () => process.exit(0));")
                .directory(cwd.toFile()).redirectErrorStream(true).redirectOutput(tmp.resolve("old.log").toFile());
        pb.environment().put("GREETING", "hello from the app mup started");
        long pid = pb.start().pid();
        started.add(pid);
        await().atMost(Duration.ofMinutes(3)).until(() -> !run(commands.inspect(port, "")).equals("none"));
        return pid;
    }

    String run(dev.orrery.remote.Command c) throws Exception {
        ExecResult r = host.exec(c, LineListener.IGNORE);
        assertThat(r.ok()).as(c + ": " + r.output()).isTrue();
        return r.output().strip();
    }

    @Test
    void aProcessStartedByHandIsStoppedKeptAndStartedAgain() throws Exception {
        assertThat(run(commands.inspect(port, ""))).isEqualTo("none");
        long pid = startOldApp(tmp.resolve("old-app"));
        assertThat(run(commands.inspect(port, ""))).isEqualTo("process " + pid);
        Files.createDirectories(Path.of(layout.current()).resolve("bundle")); // mupx's current is a folder

        Takeover.Found found = new Takeover.Found("process", "-", Long.toString(pid), port);
        assertThat(run(commands.stop(found, 5))).contains("moved " + layout.current() + " aside").endsWith("stopped");
        await().atMost(Duration.ofMinutes(3)).until(() -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
        assertThat(run(commands.inspect(port, ""))).isEqualTo("none");
        Path saved = Path.of(layout.root(), TakeoverCommands.SAVED);
        assertThat(Files.readString(saved.resolve("cwd")).strip()).isEqualTo(tmp.resolve("old-app").toString());
        assertThat(new String(Files.readAllBytes(saved.resolve("environ")), StandardCharsets.UTF_8)).contains("GREETING=hello from the app mup started");
        assertThat(Path.of(layout.current())).doesNotExist();

        assertThat(run(commands.restore(found))).contains("listens on " + port + " again");
        String again = run(commands.inspect(port, ""));
        assertThat(again).startsWith("process ").isNotEqualTo("process " + pid);
        long newPid = Long.parseLong(again.split(" ")[1]);
        started.add(newPid);
        // the same program, in the same folder, with the same environment
        assertThat(Files.readSymbolicLink(Path.of("/proc/" + newPid + "/cwd"))).isEqualTo(tmp.resolve("old-app"));
        assertThat(new String(Files.readAllBytes(Path.of("/proc/" + newPid + "/environ")), StandardCharsets.UTF_8))
                .contains("GREETING=hello from the app mup started");
        assertThat(Path.of(layout.current()).resolve("bundle")).isDirectory();
        assertThat(run(commands.settle(found))).contains("nothing starts the old process at boot");
    }

    @Test
    void orrerysOwnAppIsNotTakenOver() throws Exception {
        long pid = startOldApp(Path.of(layout.releases(), "20261201-000000-abcdef12"));
        assertThat(run(commands.inspect(port, ""))).isEqualTo("orrery " + pid);
    }

    @Test
    void onAMachineSharedByServersOnLoopbackANeighboursAppIsNotTakenOverButAWildcardListenerIs() throws Exception {
        long pid = startOldApp(tmp.resolve("neighbour"));

        assertThat(run(commands.inspect(port, "127.66.9.9"))).as("another server's app on 127.0.0.1 does not hold 127.66.9.9").isEqualTo("none");
        assertThat(run(commands.inspect(port, "127.0.0.1"))).as("the server's own address").isEqualTo("process " + pid);
        assertThat(run(commands.inspect(port, ""))).as("a real server: every listener counts").isEqualTo("process " + pid);
    }

    @Test
    void aWildcardListenerHoldsEveryLoopbackAddress() throws Exception {
        long pid = startOldApp(tmp.resolve("everywhere"), "0.0.0.0");

        assertThat(run(commands.inspect(port, "127.66.9.9"))).isEqualTo("process " + pid);
    }
}
