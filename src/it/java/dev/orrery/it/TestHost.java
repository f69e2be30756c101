package dev.orrery.it;

import dev.orrery.remote.Shell;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * One test host made by {@link TestHosts}: behaves like its own droplet. It has its own network
 * namespace (eth0 on the run's bridge, {@link #address()}), its own mount namespace in which
 * per-host directories are bind-mounted over {@link TestHosts#HOST_DIRS} (so /srv, /etc/nginx,
 * /run … differ per host), and its own OpenSSH sshd on port 22 with its own ed25519 host key,
 * letting in {@code root} with the run's key {@link #privateKey()}.
 *
 * <p>A holder process ({@code sleep infinity}) keeps the mount namespace alive; {@link #exec}
 * and {@link #spawn} enter it with {@code nsenter}, as root, for test setup and checks.
 */
public final class TestHost implements AutoCloseable {
    private static final int SSH_PORT = 22;

    private final TestHosts run;
    private final int index;
    private final String netns;
    private final String address;
    private final Path dir;
    private final List<String> hostDirs;
    /** Set for a systemd-booted host ({@link TestHosts#startSystemd}); null for a namespace host with its own sshd. */
    private final SystemdBoot systemd;
    private final List<Spawned> spawned = new CopyOnWriteArrayList<>();
    private final AtomicInteger spawnCount = new AtomicInteger();
    private Process holder;
    private Process sshd;
    private String loginUser = "root";
    private boolean rootLogin = true;

    TestHost(TestHosts run, int index, String address, Path dir, List<String> hostDirs) {
        this(run, index, address, dir, hostDirs, null);
    }

    /** With {@code systemdRootfs}: a host that boots systemd from that root filesystem. */
    TestHost(TestHosts run, int index, String address, Path dir, List<String> hostDirs, Path systemdRootfs) {
        this.run = run;
        this.index = index;
        this.netns = Slots.netnsName(run.slot(), index);
        this.address = address;
        this.dir = dir;
        this.hostDirs = hostDirs;
        this.systemd = systemdRootfs == null ? null : new SystemdBoot(netns, dir, systemdRootfs);
    }

    /** Creates the namespaces, the veth on the bridge, the bind mounts, the host key, and starts sshd. */
    void create() {
        int slot = run.slot();
        String veth = "orrv" + slot + "h" + index;
        String peer = "orrp" + slot + "h" + index;
        // The slot is ours under its lock, so a link or namespace with these names is a leftover of a
        // run that died (e.g. a host whose network a test cut, whose veth outlived it): remove it.
        if (Sys.run("ip", "link", "show", veth).exit() == 0) {
            Sys.run("ip", "link", "del", veth);
        }
        if (Sys.run("ip", "netns", "pids", netns).exit() == 0) {
            Sys.run("ip", "netns", "del", netns);
        }
        Sys.run("ip", "netns", "add", netns).orThrow("ip netns add " + netns);
        Sys.run("ip", "link", "add", veth, "type", "veth", "peer", "name", peer).orThrow("ip link add " + veth);
        Sys.run("ip", "link", "set", peer, "netns", netns).orThrow("move " + peer);
        Sys.run("ip", "link", "set", veth, "master", Slots.bridgeName(slot), "up").orThrow("attach " + veth);
        Sys.run("ip", "-n", netns, "link", "set", peer, "name", "eth0").orThrow("rename eth0");
        Sys.run("ip", "-n", netns, "addr", "add", address + "/24", "dev", "eth0").orThrow("address " + address);
        Sys.run("ip", "-n", netns, "link", "set", "eth0", "up").orThrow("eth0 up");
        Sys.run("ip", "-n", netns, "link", "set", "lo", "up").orThrow("lo up");
        if (systemd != null) {
            bootSystemd();
            return;
        }
        try {
            prepareDirs();
            holder = new ProcessBuilder("ip", "netns", "exec", netns, "unshare", "--mount", "--propagation", "private", "sleep", "infinity")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("holder.log").toFile()).start();
            // ip and unshare exec in place: once the pid runs `sleep`, the new mount namespace exists
            Wait.until("holder of " + netns + " to start", () -> "sleep".equals(comm(holder.pid())) || !holder.isAlive());
            if (!holder.isAlive()) {
                throw new IllegalStateException("cannot create the mount namespace of " + netns + ": " + Files.readString(dir.resolve("holder.log")));
            }
            String mounts = hostDirs.stream()
                    .map(d -> "mount --bind " + Shell.quote(fs(d).toString()) + " " + Shell.quote(d))
                    .collect(Collectors.joining(" && "));
            exec("sh", "-c", mounts).orThrow("bind mounts in " + netns);
            generateHostKey();
            writeSshdConfig();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        restartSshd();
    }

    /**
     * A systemd host's first files, written into its overlay before it boots: its hostname, its
     * own host key and Orrery's sshd settings (a drop-in: the rest is Debian's sshd_config, PAM
     * included). Then the boot starts; {@link #awaitReady} waits for it.
     */
    private void bootSystemd() {
        try {
            Files.createDirectories(dir.resolve("ssh"));
            Files.createDirectories(dir.resolve("logs"));
            Files.createDirectories(systemd.upper("/etc/ssh/sshd_config.d"));
            Files.writeString(systemd.upper("/etc/hostname"), netns + "\n");
            // as a droplet's image has it: its own name resolves (else sudo warns on every command)
            Files.writeString(systemd.upper("/etc/hosts"), "127.0.0.1\tlocalhost\n127.0.1.1\t" + netns + "\n"
                    + "::1\tlocalhost ip6-localhost ip6-loopback\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n");
            generateHostKey();
            writeSshdConfig();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        systemd.start(run.authorizedKeys());
    }

    /** Waits until a host's sshd accepts connections (a systemd host: until its boot is done, too). */
    void awaitReady() {
        if (systemd == null) {
            return;
        }
        systemd.awaitBooted();
        Wait.until("sshd of " + netns + " to listen on " + address + ":" + SSH_PORT, () -> !systemd.running() || accepts(address, SSH_PORT));
        if (!systemd.running()) {
            throw new IllegalStateException("systemd test host " + netns + " stopped:\n" + systemd.bootLog());
        }
    }

    /** True for a host that runs systemd as its init ({@link TestHosts#startSystemd}). */
    public boolean isSystemd() {
        return systemd != null;
    }

    /** A systemd host's PID 1 (its systemd) as this machine numbers it. */
    public long systemdPid() {
        requireSystemd();
        return systemd.pid1();
    }

    /** A systemd host's boot script output (why a boot failed); systemd itself logs to the host's journal. */
    public String bootLog() {
        requireSystemd();
        return systemd.bootLog();
    }

    /**
     * How a stopped systemd host went: "poweroff" when its systemd shut down on SIGRTMIN+4,
     * "kill -9" when it did not within its grace time and was killed; "" while it runs.
     */
    public String stoppedBy() {
        requireSystemd();
        return systemd.stoppedBy();
    }

    /**
     * Powers a systemd host off (SIGRTMIN+4 to its systemd), killing it after {@code grace} if it
     * has not gone; then removes what is left of it, as {@link #close} does.
     */
    void powerOff(java.time.Duration grace) {
        requireSystemd();
        spawned.forEach(Spawned::stop);
        systemd.stop(grace);
        close();
    }

    /** The cgroup (below this machine's cgroup2 root) a systemd host's namespace starts in. */
    public String systemdCgroup() {
        requireSystemd();
        return systemd.cgroup();
    }

    private void requireSystemd() {
        if (systemd == null) {
            throw new IllegalStateException(netns + " is not a systemd host");
        }
    }

    private void prepareDirs() throws IOException {
        for (String d : hostDirs) {
            Files.createDirectories(Path.of(d)); // the mount point on this machine (e.g. /var/lib/orrery)
            Path own = fs(d);
            Files.createDirectories(own);
            // a fresh droplet with the package installed has its stock configuration
            if ((d.equals("/etc/nginx") || d.equals("/etc/haproxy")) && Files.isDirectory(Path.of(d))) {
                Sys.run("cp", "-a", d + "/.", own + "/").orThrow("seed " + d);
            }
        }
        for (String d : List.of("/run/sshd", "/run/nginx", "/run/haproxy", "/var/log/nginx", "/var/log/haproxy", "/var/lib/nginx")) {
            if (hostDirs.stream().anyMatch(h -> d.equals(h) || d.startsWith(h + "/"))) {
                Files.createDirectories(path(d));
            }
        }
        Files.createDirectories(dir.resolve("ssh"));
        Files.createDirectories(dir.resolve("logs"));
        Sys.run("chmod", "1777", fs("/tmp").toString());
        Sys.run("chmod", "0755", path("/run/sshd").toString());
        if (hostDirs.contains("/root")) {
            Sys.run("chmod", "0700", fs("/root").toString());
        }
    }

    private void generateHostKey() throws IOException {
        Path key = hostKey();
        Files.deleteIfExists(key);
        Files.deleteIfExists(Path.of(key + ".pub"));
        Sys.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", netns, "-f", key.toString()).orThrow("ssh-keygen host key");
    }

    private void writeSshdConfig() throws IOException {
        if (systemd != null) {
            // Debian's sshd_config includes sshd_config.d/*.conf first, and the first value of a keyword wins.
            Path key = systemd.path("/etc/ssh/ssh_host_ed25519_key");
            Files.copy(hostKey(), key, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.copy(Path.of(hostKey() + ".pub"), Path.of(key + ".pub"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Sys.run("chmod", "0600", key.toString()).orThrow("chmod host key");
            Files.writeString(systemd.path("/etc/ssh/sshd_config.d/orrery-it.conf"), String.join("\n",
                    "# Written by the test-host fixture (dev.orrery.it.TestHost)",
                    "HostKey /etc/ssh/ssh_host_ed25519_key",
                    "AuthorizedKeysFile /etc/ssh/orrery-it-authorized_keys",
                    "PermitRootLogin " + (rootLogin ? "prohibit-password" : "no"),
                    "PasswordAuthentication no",
                    "UseDNS no",
                    "MaxStartups 100:30:200",
                    "MaxSessions 50",
                    ""));
            return;
        }
        Files.writeString(dir.resolve("ssh/sshd_config"), String.join("\n",
                "ListenAddress " + address + ":" + SSH_PORT,
                "HostKey " + hostKey(),
                "PidFile none",
                "AuthorizedKeysFile " + run.authorizedKeys(),
                "PermitRootLogin " + (rootLogin ? "prohibit-password" : "no"),
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "UsePAM no",
                "UseDNS no",
                "StrictModes no",
                "MaxStartups 100:30:200",
                "MaxSessions 50",
                "LogLevel INFO",
                "Subsystem sftp internal-sftp",
                ""));
    }

    public int index() {
        return index;
    }

    /** A short name, e.g. {@code orrery-3-0}: also the network namespace's name. */
    public String name() {
        return netns;
    }

    public String address() {
        return address;
    }

    public int sshPort() {
        return SSH_PORT;
    }

    /** The user Orrery logs in as: root, or the sudo user {@link #harden} made. */
    public String user() {
        return loginUser;
    }

    /**
     * Makes this host a hardened droplet: its own copy of /etc (so users and sudoers are its
     * own; useradd works in it), a login user {@code user} with the run's key, sudo for that user
     * with ({@code passwordless}) {@code NOPASSWD: ALL} or a password it never has, and sshd with
     * {@code PermitRootLogin no}. {@link #user()} then names that user. Needs sudo installed.
     */
    public synchronized void harden(String user, boolean passwordless) {
        if (!user.matches("[a-z][a-z0-9-]{0,30}")) {
            throw new IllegalArgumentException("not a user name: " + user);
        }
        if (systemd != null) {
            hardenSystemd(user, passwordless);
            return;
        }
        if (!Sys.available("sudo")) {
            throw new IllegalStateException("hardened test hosts need sudo (apt-get install sudo)");
        }
        Path etc = dir.resolve("etc");
        Path home = dir.resolve("home");
        Sys.run("rm", "-rf", etc.toString(), home.toString());
        Sys.run("cp", "-a", "/etc", etc.toString()).orThrow("copy /etc");
        int uid = 23000 + index;
        try {
            Files.createDirectories(home.resolve(user));
            Files.writeString(etc.resolve("passwd"), user + ":x:" + uid + ":" + uid + "::/home/" + user + ":/bin/bash\n", StandardOpenOption.APPEND);
            Files.writeString(etc.resolve("group"), user + ":x:" + uid + ":\n", StandardOpenOption.APPEND);
            // '*': no password at all (not '!', which sshd takes for a locked account and refuses even keys)
            Files.writeString(etc.resolve("shadow"), user + ":*:19000:0:99999:7:::\n", StandardOpenOption.APPEND);
            Path sudoers = etc.resolve("sudoers.d/orrery");
            Files.createDirectories(sudoers.getParent());
            Files.writeString(sudoers, user + (passwordless ? " ALL=(ALL) NOPASSWD: ALL\n" : " ALL=(ALL) ALL\n"));
            Sys.run("chmod", "0440", sudoers.toString()).orThrow("chmod sudoers");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Sys.run("chown", uid + ":" + uid, home.resolve(user).toString()).orThrow("chown home");
        // /etc's own copy on top, then the per-host directories below /etc again on top of that
        StringBuilder mounts = new StringBuilder("mount --bind " + Shell.quote(etc.toString()) + " /etc && mount --bind "
                + Shell.quote(home.toString()) + " /home");
        for (String d : hostDirs) {
            if (d.startsWith("/etc/")) {
                mounts.append(" && mount --bind ").append(Shell.quote(fs(d).toString())).append(' ').append(Shell.quote(d));
            }
        }
        exec("sh", "-c", mounts.toString()).orThrow("hardening mounts in " + netns);
        logInOnlyAs(user);
    }

    /** From now on sshd lets in {@code user} and not root. */
    private void logInOnlyAs(String user) {
        loginUser = user;
        rootLogin = false;
        try {
            writeSshdConfig();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        restartSshd();
    }

    /** On a systemd host the user is made with the host's own useradd, and ssh.service restarts with root login off. */
    private void hardenSystemd(String user, boolean passwordless) {
        int uid = 23000 + index;
        // '*': no password at all (useradd's '!' is a locked account, which sshd refuses even with a key)
        sh("id -u " + user + " >/dev/null 2>&1 || useradd --create-home --shell /bin/bash --uid " + uid + " " + user
                + " && usermod -p '*' " + user
                + " && printf '%s\\n' " + Shell.quote(user + (passwordless ? " ALL=(ALL) NOPASSWD: ALL" : " ALL=(ALL) ALL"))
                + " > /etc/sudoers.d/orrery && chmod 0440 /etc/sudoers.d/orrery && visudo -c >/dev/null")
                .orThrow("make sudo user " + user + " on " + netns);
        logInOnlyAs(user);
    }

    /** The run's OpenSSH ed25519 private key (no passphrase), authorized on every host. */
    public Path privateKey() {
        return run.clientKey();
    }

    /** The host key's SHA-256 fingerprint as OpenSSH prints it: {@code SHA256:base64-without-padding}. */
    public String hostKeyFingerprint() {
        String out = Sys.run("ssh-keygen", "-l", "-E", "sha256", "-f", hostKey() + ".pub").orThrow("ssh-keygen -l").output();
        return out.strip().split("\\s+")[1];
    }

    /** A known_hosts line for this host's current key: {@code ADDRESS ssh-ed25519 AAAA…}. */
    public String knownHostsLine() {
        try {
            String[] f = Files.readString(Path.of(hostKey() + ".pub")).strip().split("\\s+");
            return address + " " + f[0] + " " + f[1];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This host's own directory on this machine; {@link #path} maps a path inside the host to it. */
    public Path root() {
        return dir;
    }

    /** Where an absolute path inside the host lives on this machine, e.g. {@code /srv/app/x} → {@code root()/fs/srv/app/x}. */
    public Path path(String pathInHost) {
        if (systemd != null) {
            if (!pathInHost.startsWith("/")) {
                throw new IllegalArgumentException("not an absolute path: " + pathInHost);
            }
            return systemd.path(pathInHost); // every path of a systemd host is its own
        }
        for (String d : hostDirs) {
            if (pathInHost.equals(d) || pathInHost.startsWith(d + "/")) {
                return fs(d).resolve(pathInHost.substring(d.length()).replaceFirst("^/", ""));
            }
        }
        throw new IllegalArgumentException(pathInHost + " is not in a per-host directory (" + hostDirs + ")");
    }

    private Path fs(String hostDir) {
        return dir.resolve("fs").resolve(hostDir.substring(1));
    }

    private Path hostKey() {
        return dir.resolve("ssh/ssh_host_ed25519_key");
    }

    /** Runs a program as root inside this host's namespaces and waits for it (2 minutes at most). */
    public Sys.Result exec(String... argv) {
        return Sys.run(enter(List.of(argv)));
    }

    /** Runs a shell script ({@code sh -c}) inside this host. */
    public Sys.Result sh(String script) {
        return exec("sh", "-c", script);
    }

    /** Starts a long-running foreground process inside this host; stopped when the host closes. */
    public Spawned spawn(String... argv) {
        Path log = dir.resolve("logs").resolve(Path.of(argv[0]).getFileName() + "-" + spawnCount.incrementAndGet() + ".log");
        try {
            Process p = new ProcessBuilder(enter(List.of(argv))).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            Spawned s = new Spawned(p, log);
            spawned.add(s);
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spawn " + argv[0] + " in " + netns, e);
        }
    }

    private List<String> enter(List<String> argv) {
        if (systemd != null) {
            return systemd.enter(argv);
        }
        List<String> cmd = new ArrayList<>(List.of("nsenter", "-t", Long.toString(holder.pid()), "-m", "-n", "--"));
        cmd.addAll(argv);
        return cmd;
    }

    /** SIGKILLs every sshd of this host: the listener and every open session (a crashed server). */
    public synchronized void killSshd() {
        if (systemd != null) {
            // stop the unit (else Restart=on-failure brings it back), then its sessions: Debian's KillMode=process leaves them
            exec("systemctl", "stop", "ssh.service").orThrow("systemctl stop ssh on " + netns);
        }
        // Kills every sshd in the namespace (a connection's child too) until none is left.
        Wait.until("every sshd of " + netns + " to be gone", () -> {
            List<String> pids = Sys.run("ip", "netns", "pids", netns).output().lines().map(String::strip)
                    .filter(p -> p.matches("\\d+") && "sshd".equals(comm(Long.parseLong(p)))).toList();
            if (pids.isEmpty()) {
                return true;
            }
            List<String> kill = new ArrayList<>(List.of("kill", "-9"));
            kill.addAll(pids);
            Sys.run(kill);
            return false;
        });
        if (sshd != null) {
            try {
                sshd.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sshd = null;
        }
    }

    /** Kills sshd (all sessions too) and starts it again; returns once it accepts connections. */
    public synchronized void restartSshd() {
        killSshd();
        if (systemd != null) {
            exec("systemctl", "start", "ssh.service").orThrow("systemctl start ssh on " + netns);
            Wait.until("sshd of " + netns + " to listen on " + address + ":" + SSH_PORT, () -> accepts(address, SSH_PORT));
            return;
        }
        try {
            Path log = dir.resolve("logs/sshd.log");
            sshd = new ProcessBuilder(enter(List.of("/usr/sbin/sshd", "-D", "-e", "-f", dir.resolve("ssh/sshd_config").toString())))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            Process started = sshd;
            Wait.until("sshd of " + netns + " to listen on " + address + ":" + SSH_PORT,
                    () -> !started.isAlive() || accepts(address, SSH_PORT));
            if (!started.isAlive()) {
                throw new IllegalStateException("sshd of " + netns + " exited: " + Files.readString(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Gives the host a brand new host key and restarts sshd (what a reinstalled droplet looks like). */
    public synchronized void regenerateHostKey() {
        try {
            generateHostKey();
            if (systemd != null) {
                writeSshdConfig(); // copies the new key into the host
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        restartSshd();
    }

    /** The sshd log (with {@code -e}: connections, authentication failures). */
    public String sshdLog() {
        if (systemd != null) {
            return exec("journalctl", "-u", "ssh.service", "--no-pager", "-o", "cat").output();
        }
        try {
            Path log = dir.resolve("logs/sshd.log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean accepts(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static String comm(long pid) {
        try {
            return Files.readString(Path.of("/proc/" + pid + "/comm")).strip();
        } catch (IOException e) {
            return "";
        }
    }

    /** Stops what was spawned, kills every process in the namespaces and deletes the network namespace. */
    @Override
    public void close() {
        spawned.forEach(Spawned::stop);
        if (systemd != null) {
            systemd.stop();
        }
        Slots.killNamespace(netns);
        if (holder != null) {
            holder.destroyForcibly();
        }
    }
}
