package dev.orrery.it;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * N test hosts on this machine, each behaving like its own droplet: own address, own real
 * OpenSSH sshd with its own host key, own files. The shared fixture for integration tests.
 *
 * <pre>{@code
 * try (TestHosts hosts = TestHosts.start(3)) {
 *     TestHost h = hosts.get(0);
 *     h.address();            // 198.18.K.10 (host i is 198.18.K.(10+i); this machine is 198.18.K.1)
 *     h.sshPort();            // 22
 *     h.user();               // root
 *     h.privateKey();         // Path of the run's OpenSSH ed25519 key (no passphrase)
 *     h.hostKeyFingerprint(); // "SHA256:…" as ssh-keygen -l prints it
 *     h.knownHostsLine();     // "198.18.K.10 ssh-ed25519 AAAA…"
 *     h.exec("cat", "/srv/x");          // as root inside the host's namespaces: Sys.Result(exit, output)
 *     h.sh("mkdir -p /srv/app && …");   // the same through sh -c
 *     Spawned n = h.spawn("nginx", "-g", "daemon off;");   // long-running, in the foreground
 *     h.path("/srv/app/x");  // where that file lives on this machine
 *     h.killSshd(); h.restartSshd(); h.regenerateHostKey();
 * }
 * }</pre>
 *
 * <p>How: a bridge {@code orrbrK} (198.18.K.1/24 on this machine) joins all hosts of the run
 * on one L2 segment, so hosts reach each other and this machine reaches them; nothing routes
 * further. Each host is a network namespace {@code orrery-K-I} with a veth on the bridge, plus a
 * private mount namespace where per-host directories under
 * {@code /var/tmp/orrery-it/slot-K/hI/fs} are bind-mounted over {@link #HOST_DIRS} (plus any
 * extra directories given to {@link #start(int, String...)}); /etc/nginx and /etc/haproxy start
 * as copies of this machine's. K is a slot unique among live runs (see {@link Slots}), so
 * parallel runs never clash, and leftovers of crashed runs are swept at start.
 *
 * <p>{@link #start(int, LaptopLink, String...)} puts this machine behind a shaped uplink (rate,
 * and RTT where the kernel has netem) while the hosts talk to each other unshaped: see {@link LaptopLink}.
 *
 * <p>Needs root, iproute2 ({@code ip}), util-linux ({@code nsenter}, {@code unshare}) and
 * openssh-server ({@code /usr/sbin/sshd}, {@code ssh-keygen}); without them the calling test is
 * skipped (a JUnit assumption) with a message saying what is missing.
 */
public final class TestHosts implements AutoCloseable {

    /** Directories every host has its own copy of. Bind mounts: a path under one is private to the host. */
    public static final List<String> HOST_DIRS = List.of(
            "/opt", "/srv", "/tmp", "/run", "/var/log", "/var/lib/orrery", "/var/lib/nginx",
            "/etc/nginx", "/etc/haproxy", "/etc/orrery",
            // root's home: a fresh droplet's, not this machine's (whose shell rc files print to SSH sessions)
            "/root");

    private final int slot;
    private final Path dir;
    private final List<TestHost> hosts = new ArrayList<>();
    private final Thread shutdownHook;
    private boolean closed;
    private String linkNote = "unshaped";

    private TestHosts(int slot) {
        this.slot = slot;
        this.dir = Slots.dir(slot);
        this.shutdownHook = new Thread(this::closeQuietly, "test-hosts-cleanup-" + slot);
    }

    /** Starts {@code n} hosts (1..100) with their sshd listening; skips the test when this machine can't. */
    public static TestHosts start(int n, String... extraHostDirs) {
        return start(n, LaptopLink.UNSHAPED, extraHostDirs);
    }

    /**
     * Like {@link #start(int, String...)} with this machine ("the laptop") behind a shaped link to
     * the hosts, e.g. {@code LaptopLink.laptop(50, 40)}; the hosts reach each other unshaped.
     */
    public static TestHosts start(int n, LaptopLink link, String... extraHostDirs) {
        if (n < 1 || n > 100) {
            throw new IllegalArgumentException("1..100 test hosts, not " + n);
        }
        assumeCapable();
        Set<String> dirs = new LinkedHashSet<>(HOST_DIRS);
        for (String d : extraHostDirs) {
            if (!d.startsWith("/") || d.equals("/") || d.contains("..")) {
                throw new IllegalArgumentException("extra host directory must be an absolute path below /: " + d);
            }
            dirs.add(d.replaceAll("/+$", ""));
        }
        TestHosts run = new TestHosts(Slots.allocate());
        Runtime.getRuntime().addShutdownHook(run.shutdownHook);
        try {
            run.create(n, List.copyOf(dirs), null);
            run.shape(link);
            return run;
        } catch (RuntimeException | Error e) {
            run.close();
            throw e;
        }
    }

    /**
     * {@code n} hosts (1..100) that boot systemd as their init, like a droplet: each its own
     * Debian system (an overlay of the cached root filesystem, {@link SystemdRootfs}) with
     * journald, dbus, and sshd as {@code ssh.service}, on the same bridge and addresses as
     * {@link #start(int, String...)}'s hosts. Every path in such a host is its own;
     * {@link TestHost#path} reaches it from this machine while the host runs. Closing powers
     * each host off through its init (SIGRTMIN+4 to its PID 1; kill -9 if it does not go).
     * Returns once every host has finished booting and its sshd listens.
     *
     * <p>Not being root skips the test, like every test host; a root filesystem that cannot be
     * built (no debootstrap, no archive) FAILS it, saying why.
     */
    public static TestHosts startSystemd(int n) {
        if (n < 1 || n > 100) {
            throw new IllegalArgumentException("1..100 test hosts, not " + n);
        }
        assumeCapable();
        Path rootfs = SystemdRootfs.path();
        TestHosts run = new TestHosts(Slots.allocate());
        Runtime.getRuntime().addShutdownHook(run.shutdownHook);
        try {
            run.create(n, List.of(), rootfs);
            return run;
        } catch (RuntimeException | Error e) {
            run.close();
            throw e;
        }
    }

    private static void assumeCapable() {
        Assumptions.assumeTrue(Sys.isRoot(), "test hosts need root (network and mount namespaces); run the integration tests as root");
        List<String> missing = new ArrayList<>();
        for (String p : List.of("ip", "nsenter", "unshare", "/usr/sbin/sshd", "ssh-keygen")) {
            if (!Sys.available(p)) {
                missing.add(p);
            }
        }
        Assumptions.assumeTrue(missing.isEmpty(), "test hosts need " + missing
                + " (apt-get install iproute2 util-linux openssh-server openssh-client)");
    }

    /** With {@code systemdRootfs} the hosts boot systemd from it (all at once, then waited for). */
    private void create(int n, List<String> hostDirs, Path systemdRootfs) {
        try {
            Files.createDirectories(Path.of("/run/sshd")); // sshd checks its privilege-separation dir at start
            Path key = clientKey();
            Sys.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "orrery-it-" + slot, "-f", key.toString()).orThrow("ssh-keygen client key");
            Files.copy(Path.of(key + ".pub"), authorizedKeys());
            Sys.run("ip", "link", "add", Slots.bridgeName(slot), "type", "bridge").orThrow("ip link add bridge");
            Sys.run("ip", "addr", "add", bridgeAddress() + "/24", "dev", Slots.bridgeName(slot)).orThrow("bridge address");
            Sys.run("ip", "link", "set", Slots.bridgeName(slot), "up").orThrow("bridge up");
            for (int i = 0; i < n; i++) {
                TestHost h = new TestHost(this, i, "198.18." + slot + "." + (10 + i), dir.resolve("h" + i), hostDirs, systemdRootfs);
                hosts.add(h);
                h.create();
            }
            hosts.forEach(TestHost::awaitReady);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Puts the shaping qdisc on the bridge's own egress (see {@link LaptopLink} for why there). */
    private void shape(LaptopLink link) {
        if (!link.shaped()) {
            return;
        }
        String bridge = Slots.bridgeName(slot);
        List<String> netem = new ArrayList<>(List.of("tc", "qdisc", "add", "dev", bridge, "root"));
        netem.addAll(link.netemArgs());
        Sys.Result r = link.rtt().isZero() ? new Sys.Result(1, "no delay asked") : Sys.run(netem);
        if (r.ok()) {
            linkNote = link + " (netem on " + bridge + ")";
            return;
        }
        if (link.bitsPerSecond() == 0) {
            throw new IllegalStateException("cannot add a delay to " + bridge + " (this kernel has no sch_netem?): " + r.output().strip());
        }
        List<String> tbf = new ArrayList<>(List.of("tc", "qdisc", "add", "dev", bridge, "root"));
        tbf.addAll(link.tbfArgs());
        Sys.run(tbf).orThrow("tc qdisc add tbf on " + bridge);
        linkNote = String.format(java.util.Locale.ROOT, "%.0f Mbit/s uplink (tbf on %s)%s", link.bitsPerSecond() / 1e6, bridge,
                link.rtt().isZero() ? "" : "; RTT NOT emulated: " + r.output().strip().lines().findFirst().orElse("netem failed"));
    }

    /** What the laptop's link is, as applied: e.g. "50 Mbit/s uplink (tbf on orrbr3); RTT NOT emulated: …". */
    public String laptopLinkNote() {
        return linkNote;
    }

    /** {@code tc -s qdisc show} of the bridge: the shaper's counters (bytes that went through it). */
    public String laptopLinkStats() {
        return Sys.run("tc", "-s", "qdisc", "show", "dev", Slots.bridgeName(slot)).output();
    }

    public TestHost get(int i) {
        return hosts.get(i);
    }

    public List<TestHost> all() {
        return List.copyOf(hosts);
    }

    public int size() {
        return hosts.size();
    }

    int slot() {
        return slot;
    }

    /**
     * Lets this machine reach {@code target} as a client from {@code groups} different /24s, for
     * balancers that hash the client's /24 (nginx's ip_hash). Group 0 is the plain route (source
     * 198.18.K.1, to the host's own address). Group g ≥ 1 gets an alias address of the host,
     * 198.18.K.(200+g), which this machine reaches from source 100.(64+g).K.1 (shared address space,
     * RFC 6598; a route's {@code src} picks it, so no client needs to bind an address — Java's
     * WebSocket client cannot). Everything goes with the bridge and the namespace when the run ends.
     *
     * @return per group: the address to connect to, and the source address the host sees
     */
    public List<String[]> clientSubnets(TestHost target, int groups) {
        if (groups < 1 || groups > 50) {
            throw new IllegalArgumentException("1..50 client /24s, not " + groups);
        }
        String bridge = Slots.bridgeName(slot);
        List<String[]> out = new ArrayList<>();
        out.add(new String[] {target.address(), bridgeAddress()});
        for (int g = 1; g < groups; g++) {
            String alias = "198.18." + slot + "." + (200 + g);
            String source = "100." + (64 + g) + "." + slot + ".1";
            Sys.run("ip", "addr", "add", source + "/32", "dev", bridge).orThrow("client source " + source);
            Sys.run("ip", "route", "add", alias + "/32", "dev", bridge, "src", source).orThrow("route to " + alias);
            target.exec("ip", "addr", "add", alias + "/32", "dev", "eth0").orThrow("alias " + alias);
            target.exec("ip", "route", "add", source + "/32", "dev", "eth0").orThrow("route back to " + source);
            out.add(new String[] {alias, source});
        }
        return out;
    }

    /** This machine's address on the hosts' segment, e.g. 198.18.K.1. */
    public String bridgeAddress() {
        return "198.18." + slot + ".1";
    }

    /** The run's private key (OpenSSH ed25519, no passphrase); every host lets root in with it. */
    public Path clientKey() {
        return dir.resolve("id_ed25519");
    }

    /** The authorized_keys file every host's sshd reads (one file for the run). */
    public Path authorizedKeys() {
        return dir.resolve("authorized_keys");
    }

    /** Lets another public key in on every host, e.g. an RSA or passphrase-protected key a test made. */
    public void authorize(Path publicKeyFile) {
        try {
            Files.writeString(authorizedKeys(), Files.readString(publicKeyFile).strip() + "\n", StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh directory for a test's own files (keys, known_hosts, payloads), removed on close. */
    public Path scratch(String name) {
        try {
            return Files.createDirectories(dir.resolve("scratch").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops every host and removes the namespaces, the bridge and the files. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (TestHost h : hosts) {
            try {
                h.close();
            } catch (RuntimeException e) {
                System.err.println("test host " + h.name() + " cleanup: " + e.getMessage());
            }
        }
        Slots.clean(slot);
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // called from the hook itself
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (RuntimeException e) {
            System.err.println("test hosts cleanup: " + e.getMessage());
        }
    }
}
