package dev.orrery.metrics;

import dev.orrery.engine.ClusterWatch;
import dev.orrery.engine.Engine;
import dev.orrery.engine.Orrery;
import dev.orrery.it.Sys;
import dev.orrery.it.TestHost;
import dev.orrery.it.TestHosts;
import dev.orrery.it.Wait;
import dev.orrery.model.AppSpec;
import dev.orrery.model.Balancer;
import dev.orrery.model.Cluster;
import dev.orrery.model.Monitoring;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.model.ServerState;
import dev.orrery.store.OrreryHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sampling loop against a real OpenSSH sshd on a test host: one channel serves every sample;
 * when the loop's shell is killed on the server, and then when the server drops the whole
 * connection (its per-connection sshd process killed), sampling carries on by itself with a new
 * loop, and the server says nothing is failing. And a hardened server (root login off) sampled
 * as its sudo user: the loop runs as root through {@code sudo -n}, still one channel, and what it
 * reads parses into sane values. About 25 s.
 */
class SamplingChannelIT {
    @TempDir
    Path dir;

    @Test
    void theLoopComesBackAfterItsShellAndThenItsConnectionAreKilled() throws Exception {
        try (TestHosts hosts = TestHosts.start(1); Engine engine = new Engine()) {
            TestHost h = hosts.get(0);
            OrreryHome home = new OrreryHome(dir.resolve("home"));
            Files.createDirectories(home.root());
            Files.writeString(home.knownHosts(), h.knownHostsLine() + "\n");
            Cluster c = new Cluster("it", new AppSpec("it", 3000, Map.of(), List.of()), Balancer.defaults(), List.of(
                    Server.of("db-1", Role.DATABASE, h.address()).withSsh("root", h.sshPort(), h.privateKey().toString())
                            .withState(ServerState.READY)), Monitoring.defaults().withSampleSeconds(1));
            try (Orrery orrery = new Orrery(engine, home, Orrery.Prompts.none(), Map.of("ORRERY_SECRETS", "file"));
                 ClusterWatch w = orrery.watch(c, ClusterWatch.Options.defaults())) {
                AtomicLong samples = new AtomicLong();
                w.addSampleListener(s -> samples.incrementAndGet());
                Wait.until("three samples", () -> samples.get() >= 3);
                List<Long> first = loops(h);
                assertThat(first).as("one loop serves every sample").hasSize(1);

                Sys.run("kill", "-9", Long.toString(first.get(0))).orThrow("kill the loop");
                long before = samples.get();
                Wait.until("samples again from a new loop", () -> samples.get() >= before + 3 && loops(h).size() == 1
                        && !loops(h).equals(first) && !w.sampling().get(0).failing());

                List<Long> second = loops(h);
                long sshd = parent(second.get(0)); // sshd's process for this connection (root@notty): it holds the socket
                Sys.run("kill", "-9", Long.toString(sshd)).orThrow("drop the connection");
                long again = samples.get();
                Wait.until("samples again over a new connection", () -> samples.get() >= again + 3 && loops(h).size() == 1
                        && !loops(h).equals(second) && !w.sampling().get(0).failing());
            }
        }
    }

    @Test
    void aSudoUserSamplesThroughOneSudoLoopAndTheValuesAreSane() throws Exception {
        try (TestHosts hosts = TestHosts.start(1); Engine engine = new Engine()) {
            TestHost h = hosts.get(0);
            h.harden("watcher", true); // PermitRootLogin no; watcher has NOPASSWD sudo
            OrreryHome home = new OrreryHome(dir.resolve("home"));
            Files.createDirectories(home.root());
            Files.writeString(home.knownHosts(), h.knownHostsLine() + "\n");
            Cluster c = new Cluster("it", new AppSpec("it", 3000, Map.of(), List.of()), Balancer.defaults(), List.of(
                    Server.of("db-1", Role.DATABASE, h.address()).withSsh(h.user(), h.sshPort(), h.privateKey().toString())
                            .withState(ServerState.READY)), Monitoring.defaults().withSampleSeconds(1));
            try (Orrery orrery = new Orrery(engine, home, Orrery.Prompts.none(), Map.of("ORRERY_SECRETS", "file"));
                 ClusterWatch w = orrery.watch(c, ClusterWatch.Options.defaults())) {
                List<Sample> got = new java.util.concurrent.CopyOnWriteArrayList<>();
                w.addSampleListener(got::add);
                Wait.until("three samples", () -> got.size() >= 3);
                assertThat(w.sampling().get(0).failing()).as("%s", w.sampling().get(0).error()).isFalse();

                List<Long> top = loops(h);
                assertThat(top).as("one loop (one channel) serves every sample").hasSize(1);
                // below the login user's shell: sudo, and under it the loop's shell as root
                List<Long> rootLoops = Sys.run("ip", "netns", "pids", h.name()).output().lines().map(String::strip).filter(p -> p.matches("\\d+"))
                        .map(Long::parseLong).filter(SamplingChannelIT::isLoop).filter(p -> uid(p) == 0)
                        .filter(p -> comm(ProcessHandle.of(p).flatMap(ProcessHandle::parent).map(ProcessHandle::pid).orElse(-1L)).equals("sudo"))
                        .toList();
                assertThat(rootLoops).as("one root shell under sudo runs the loop").hasSize(1);
                assertThat(uid(top.get(0))).as("the loop's top is the login user's, not root's").isNotZero();

                Sample s = got.get(got.size() - 1);
                assertThat(s.source()).isEqualTo(Sample.Source.SSH);
                assertThat(s.get(Metric.MEM_TOTAL)).isPositive();
                assertThat(s.memoryPercent()).isBetween(0.0, 100.0);
                assertThat(s.get(Metric.CPUS)).isGreaterThanOrEqualTo(1);
                assertThat(s.get(Metric.CPU)).isBetween(0.0, 100.0); // a rate: needs the reading before it
                assertThat(s.get(Metric.LOAD1)).isGreaterThanOrEqualTo(0);
                assertThat(s.fileSystems()).as("df through sudo").isNotEmpty();
                assertThat(s.get(Metric.DISK)).isBetween(0.0, 100.0);
            }
        }
    }

    private static long uid(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream().filter(l -> l.startsWith("Uid:"))
                    .map(l -> Long.parseLong(l.split("\\s+")[1])).findFirst().orElse(-1L);
        } catch (java.io.IOException gone) {
            return -1;
        }
    }

    private static String comm(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "comm")).strip();
        } catch (java.io.IOException gone) {
            return "";
        }
    }

    /**
     * The sampling loops running on the host: shells whose command line holds the loop's request
     * variable, leaving out their own short-lived forks (the {@code $(df)} subshell has the same command line).
     */
    private static List<Long> loops(TestHost h) {
        List<Long> all = Sys.run("ip", "netns", "pids", h.name()).output().lines().map(String::strip).filter(p -> p.matches("\\d+"))
                .map(Long::parseLong).filter(SamplingChannelIT::isLoop).toList();
        return all.stream().filter(p -> !all.contains(ProcessHandle.of(p).flatMap(ProcessHandle::parent).map(ProcessHandle::pid).orElse(-1L)))
                .sorted().toList();
    }

    private static boolean isLoop(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"))).contains("orrery_request");
        } catch (java.io.IOException gone) {
            return false;
        }
    }

    private static long parent(long pid) {
        return ProcessHandle.of(pid).flatMap(ProcessHandle::parent).map(ProcessHandle::pid).orElseThrow();
    }
}
