package dev.orrery.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The fixture itself: real sshd per host, separate files, hosts reach each other, clean removal. */
class HostFixtureIT {
    private static TestHosts hosts;

    @BeforeAll
    static void start() {
        hosts = TestHosts.start(2);
    }

    @AfterAll
    static void stop() {
        if (hosts != null) {
            hosts.close();
        }
    }

    /** The real OpenSSH client, trusting exactly the host's key. */
    private static Sys.Result ssh(TestHost h, String remoteCommand) throws Exception {
        Path known = hosts.scratch("ssh-" + h.index()).resolve("known_hosts");
        Files.writeString(known, h.knownHostsLine() + "\n");
        List<String> argv = new ArrayList<>(List.of("ssh", "-i", h.privateKey().toString(), "-p", Integer.toString(h.sshPort()),
                "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes", "-o", "UserKnownHostsFile=" + known,
                "-o", "GlobalKnownHostsFile=/dev/null", "-o", "ConnectTimeout=20",
                h.user() + "@" + h.address(), remoteCommand));
        return Sys.run(argv);
    }

    @Test
    void eachHostHasItsOwnAddressAndSshdWithItsOwnHostKey() throws Exception {
        TestHost a = hosts.get(0);
        TestHost b = hosts.get(1);
        assertThat(a.address()).isNotEqualTo(b.address()).startsWith("198.18.");
        assertThat(a.hostKeyFingerprint()).startsWith("SHA256:").isNotEqualTo(b.hostKeyFingerprint());

        Sys.Result r = ssh(a, "ip -4 -o addr show dev eth0; echo user=$(id -un)");
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains(a.address() + "/24").contains("user=root");

        // what a client scanning the host sees is the key the fixture reports
        Sys.Result scan = Sys.run("sh", "-c", "ssh-keyscan -t ed25519 " + a.address() + " 2>/dev/null | ssh-keygen -l -E sha256 -f -");
        assertThat(scan.output()).contains(a.hostKeyFingerprint());
    }

    @Test
    void hostsNeverSeeEachOthersFiles() throws Exception {
        TestHost a = hosts.get(0);
        TestHost b = hosts.get(1);
        a.sh("mkdir -p /srv/app && echo from-a > /srv/app/marker && echo conf-a > /etc/nginx/orrery-test.conf").orThrow("write on a");

        assertThat(Files.readString(a.path("/srv/app/marker"))).isEqualTo("from-a\n");
        assertThat(b.exec("test", "-e", "/srv/app/marker").exit()).isNotZero();
        assertThat(b.exec("test", "-e", "/etc/nginx/orrery-test.conf").exit()).isNotZero();
        assertThat(Path.of("/etc/nginx/orrery-test.conf")).doesNotExist();
        // the stock configuration is there, as on a droplet with nginx installed
        assertThat(b.exec("test", "-f", "/etc/nginx/mime.types").exit()).isZero();

        // an SSH session lands in the host's own mount namespace
        Sys.Result overSsh = ssh(a, "cat /srv/app/marker");
        assertThat(overSsh.output()).contains("from-a");
        assertThat(ssh(b, "cat /srv/app/marker").exit()).isNotZero();
    }

    @Test
    void hostsReachEachOtherAndThisMachine() throws Exception {
        TestHost a = hosts.get(0);
        TestHost b = hosts.get(1);
        Sys.Result r = a.exec("bash", "-c", "exec 3<>/dev/tcp/" + b.address() + "/22 && head -c 7 <&3");
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).startsWith("SSH-2.0");
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(hosts.bridgeAddress(), 0));
            server.setSoTimeout(20_000);
            Sys.Result sent = a.exec("bash", "-c", "echo hello-from-a > /dev/tcp/" + hosts.bridgeAddress() + "/" + server.getLocalPort());
            assertThat(sent.exit()).as(sent.output()).isZero();
            try (Socket s = server.accept()) {
                assertThat(s.getInetAddress().getHostAddress()).isEqualTo(a.address());
                assertThat(new String(s.getInputStream().readAllBytes())).isEqualTo("hello-from-a\n");
            }
        }
    }

    @Test
    void spawnedProcessesRunInsideTheHost() {
        TestHost b = hosts.get(1);
        Spawned s = b.spawn("sh", "-c", "ip -4 -o addr show dev eth0; exec sleep 600");
        Wait.until("spawned output", () -> s.logText().contains(b.address()));
        assertThat(s.isAlive()).isTrue();
        s.stop();
        assertThat(s.isAlive()).isFalse();
    }

    @Test
    void killedSshdRefusesUntilRestartedAndNewHostKeyIsServed() throws Exception {
        TestHost b = hosts.get(1);
        b.killSshd();
        assertThat(TestHost.accepts(b.address(), 22)).isFalse();
        b.restartSshd();
        assertThat(ssh(b, "true").exit()).isZero();

        String before = b.hostKeyFingerprint();
        b.regenerateHostKey();
        assertThat(b.hostKeyFingerprint()).isNotEqualTo(before);
        Sys.Result scan = Sys.run("sh", "-c", "ssh-keyscan -t ed25519 " + b.address() + " 2>/dev/null | ssh-keygen -l -E sha256 -f -");
        assertThat(scan.output()).contains(b.hostKeyFingerprint());
    }

    @Test
    void closingRemovesNamespacesBridgeAndFiles() {
        TestHosts other = TestHosts.start(1);
        String ns = other.get(0).name();
        Path root = other.get(0).root();
        assertThat(Sys.run("ip", "netns", "list").output()).contains(ns);
        assertThat(other.bridgeAddress()).isNotEqualTo(hosts.bridgeAddress());
        other.close();
        assertThat(Sys.run("ip", "netns", "list").output()).doesNotContain(ns + " ").doesNotContain(ns + "\n");
        assertThat(root).doesNotExist();
        assertThat(Sys.run("ip", "link", "show", "orrbr" + other.slot()).exit()).isNotZero();
    }

    @Test
    void leftoversOfACrashedRunAreSweptAtStart() throws Exception {
        // a run whose JVM died: its slot names a pid that is not running, its namespace is still there
        int stale = 250;
        Path slot = Slots.dir(stale);
        Files.createDirectories(slot);
        Files.writeString(slot.resolve("owner"), "999999999 2000-01-01T00:00:00Z\n");
        String ns = Slots.netnsName(stale, 0);
        Sys.run("ip", "netns", "add", ns).orThrow("ip netns add");
        Sys.run("ip", "link", "add", Slots.bridgeName(stale), "type", "bridge").orThrow("bridge");

        TestHosts.start(1).close();

        assertThat(Sys.run("ip", "netns", "list").output().lines().map(l -> l.split(" ")[0])).doesNotContain(ns);
        assertThat(Sys.run("ip", "link", "show", Slots.bridgeName(stale)).exit()).isNotZero();
        assertThat(slot).doesNotExist();
    }
}
