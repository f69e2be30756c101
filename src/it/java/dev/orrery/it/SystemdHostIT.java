package dev.orrery.it;

import dev.orrery.remote.Command;
import dev.orrery.remote.HostKeyPrompt;
import dev.orrery.remote.OrreryKnownHosts;
import dev.orrery.remote.PassphrasePrompt;
import dev.orrery.remote.SshConnector;
import dev.orrery.remote.SshHost;
import dev.orrery.remote.SshSettings;
import dev.orrery.remote.SshTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The systemd-booted test hosts themselves: systemd is PID 1 with journald, dbus and sshd as a
 * service; each host is its own system on an overlay of the cached root filesystem (which no
 * host changes); Orrery reaches it over SSH. Stopping one through its init (SIGRTMIN+4), or
 * killing its PID 1, or the kill -9 fallback for a host that does not power off, leaves no
 * process, mount or cgroup behind.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SystemdHostIT {
    static TestHosts hosts;

    @BeforeAll
    static void boot() {
        long t0 = System.nanoTime();
        hosts = TestHosts.startSystemd(3);
        System.out.printf("3 systemd hosts booted in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    }

    @AfterAll
    static void close() {
        if (hosts != null) {
            hosts.close();
        }
    }

    @Test
    @Order(1)
    void systemdIsPid1WithJournaldDbusAndSshdAsServices() throws Exception {
        TestHost h = hosts.get(0);
        assertThat(h.isSystemd()).isTrue();
        assertThat(h.exec("cat", "/proc/1/comm").output().strip()).isEqualTo("systemd");
        assertThat(TestHost.comm(h.systemdPid())).isEqualTo("systemd");
        for (String unit : List.of("systemd-journald.service", "dbus.service", "ssh.service")) {
            assertThat(h.exec("systemctl", "is-active", unit).output().strip()).as(unit).isEqualTo("active");
        }
        assertThat(h.exec("hostname").output().strip()).isEqualTo(h.name());
        // Orrery, over SSH, sees a systemd host (the deploy's own test) and its journal
        Path known = Files.writeString(hosts.scratch("ssh").resolve("known_hosts"), h.knownHostsLine() + "\n");
        SshConnector c = new SshConnector(SshSettings.defaults(), new OrreryKnownHosts(known, List.of()), HostKeyPrompt.REFUSE, PassphrasePrompt.NONE, null);
        try (SshHost ssh = new SshHost(SshTarget.of(h.name(), h.address(), h.sshPort(), h.user(), h.privateKey()), c, null)) {
            assertThat(ssh.run(new dev.orrery.deploy.ReleaseCommands(dev.orrery.deploy.AppLayout.of("crater")).detectInit()).output().strip())
                    .isEqualTo("systemd");
            ssh.run(Command.of("logger", "-t", "orrery-it", "hello journal"));
            Wait.until("the line in the journal", () -> h.exec("journalctl", "-t", "orrery-it", "-o", "cat", "--no-pager").output().contains("hello journal"));
        }
    }

    @Test
    @Order(2)
    void everyHostIsItsOwnSystemAndTheCachedRootFilesystemStaysUntouched() throws Exception {
        TestHost a = hosts.get(0);
        TestHost b = hosts.get(1);
        a.sh("echo mine > /etc/orrery-it-probe").orThrow("write");
        assertThat(b.exec("test", "-e", "/etc/orrery-it-probe").exit()).isNotZero();
        assertThat(SystemdRootfs.path().resolve("etc/orrery-it-probe")).doesNotExist();
        assertThat(Files.readString(a.path("/etc/orrery-it-probe")).strip()).isEqualTo("mine");
        String idA = a.exec("cat", "/etc/machine-id").output().strip();
        String idB = b.exec("cat", "/etc/machine-id").output().strip();
        assertThat(idA).matches("[0-9a-f]{32}").isNotEqualTo(idB);
        assertThat(a.hostKeyFingerprint()).isNotEqualTo(b.hostKeyFingerprint());
        // each host's systemd manages its own cgroup subtree only
        assertThat(a.exec("cat", "/proc/1/cgroup").output().lines()).contains("0::/init.scope");
        assertThat(SystemdBoot.unifiedRoot().resolve(a.systemdCgroup()).resolve("system.slice/ssh.service")).isDirectory();
    }

    @Test
    @Order(3)
    void poweringOffThroughItsInitLeavesNothingBehind() throws Exception {
        TestHost h = hosts.get(0);
        long pid1 = h.systemdPid();
        h.close();
        assertThat(h.stoppedBy()).isEqualTo("poweroff");
        assertNothingLeftOf(h, pid1);
    }

    @Test
    @Order(4)
    void killingItsPid1EndsTheWholeHost() throws Exception {
        TestHost h = hosts.get(1);
        long pid1 = h.systemdPid();
        List<String> before = pidsIn(h);
        assertThat(before.size()).as("processes in %s: %s", h.name(), before).isGreaterThan(3);
        Sys.run("kill", "-9", Long.toString(pid1)).orThrow("kill -9");
        Wait.until("every process of " + h.name() + " to be gone", () -> pidsIn(h).isEmpty());
        h.close();
        assertNothingLeftOf(h, pid1);
    }

    @Test
    @Order(5)
    void aHostThatDoesNotPowerOffIsKilledInstead() throws Exception {
        TestHost h = hosts.get(2);
        long pid1 = h.systemdPid();
        // a stopped init cannot act on SIGRTMIN+4; only its kill -9 ends it
        Sys.run("kill", "-STOP", Long.toString(pid1)).orThrow("kill -STOP");
        h.powerOff(Duration.ofSeconds(1));
        assertThat(h.stoppedBy()).isEqualTo("kill -9");
        assertNothingLeftOf(h, pid1);
    }

    private static void assertNothingLeftOf(TestHost h, long pid1) throws IOException {
        assertThat(Path.of("/proc/" + pid1)).doesNotExist();
        assertThat(Sys.run("ip", "netns", "list").output().lines().map(l -> l.split(" ")[0])).doesNotContain(h.name());
        // the overlay and every mount of the host lived in its own mount namespace
        assertThat(Files.readString(Path.of("/proc/self/mounts"))).doesNotContain(h.root().toString());
        assertThat(processesRootedIn(h.root())).isEmpty();
        assertThat(SystemdBoot.unifiedRoot().resolve(h.systemdCgroup())).doesNotExist();
    }

    private static List<String> pidsIn(TestHost h) {
        return Sys.run("ip", "netns", "pids", h.name()).output().lines().map(String::strip).filter(s -> s.matches("\\d+")).toList();
    }

    /** Processes on this machine whose root directory is inside the host's directory (its overlay). */
    private static List<String> processesRootedIn(Path dir) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(x -> x.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    if (Files.readSymbolicLink(p.resolve("root")).toString().startsWith(dir.toString())) {
                        found.add(p.getFileName().toString());
                    }
                } catch (IOException gone) {
                    // the process ended while we looked
                }
            }
        }
        return found;
    }
}
