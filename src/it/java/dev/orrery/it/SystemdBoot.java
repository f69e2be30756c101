package dev.orrery.it;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The systemd of one systemd-booted {@link TestHost}: boots it with
 * {@code src/it/scripts/systemd-boot.sh} (its own PID, mount, UTS, IPC and cgroup namespaces
 * in the host's network namespace, on an overlay of {@link SystemdRootfs}) and stops it through
 * its init. Files a host starts with (hostname, host key, sshd settings) are written into the
 * overlay's writable layer before the boot; afterwards the host's files are reached through
 * {@code /proc/PID1/root}, and commands run in all its namespaces with {@code nsenter}.
 */
final class SystemdBoot {
    /** How long a poweroff may take before the host is killed instead (not a test failure: a fallback). */
    private static final Duration POWEROFF_GRACE = Duration.ofSeconds(30);

    private final String netns;
    private final Path dir;
    private final Path rootfs;
    private Process boot;
    private long pid1;
    private String stoppedBy = "";

    SystemdBoot(String netns, Path dir, Path rootfs) {
        this.netns = netns;
        this.dir = dir;
        this.rootfs = rootfs;
    }

    /** The writable layer: a file written here before {@link #start} is in the host when it boots. */
    Path upper(String pathInHost) {
        return dir.resolve("upper").resolve(pathInHost.substring(1));
    }

    /** The host's cgroup, below this machine's cgroup2 root: its cgroup namespace starts there. */
    String cgroup() {
        return "orrery-it/" + netns;
    }

    /** Starts the boot and returns at once; {@link #awaitBooted} waits for it. */
    void start(Path authorizedKeys) {
        Path script = SystemdRootfs.SCRIPTS.resolve("systemd-boot.sh").toAbsolutePath();
        try {
            Files.createDirectories(dir.resolve("logs"));
            boot = new ProcessBuilder(script.toString(), rootfs.toString(), dir.toString(), netns, cgroup(), authorizedKeys.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("logs/boot.log").toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot boot " + netns, e);
        }
    }

    /**
     * Waits until systemd runs as the host's PID 1 and has finished booting (every start-up job
     * done: {@code systemctl is-system-running --wait}). A unit that failed is printed, not fatal.
     */
    void awaitBooted() {
        Wait.until("systemd of " + netns + " to start", () -> !boot.isAlive() || firstChild() > 0 && "systemd".equals(TestHost.comm(firstChild())));
        if (!boot.isAlive()) {
            throw new IllegalStateException("systemd test host " + netns + " did not boot:\n" + bootLog());
        }
        pid1 = firstChild();
        // systemctl needs the manager's private socket: before it exists, "Failed to connect to bus"
        Wait.until("systemd of " + netns + " to open its control socket", () -> !boot.isAlive() || Files.exists(path("/run/systemd/private")));
        if (!boot.isAlive()) {
            throw new IllegalStateException("systemd test host " + netns + " stopped while booting:\n" + bootLog());
        }
        Sys.Result state = Sys.run(enter(List.of("systemctl", "is-system-running", "--wait")), Wait.SAFETY_NET);
        String word = state.output().strip();
        if (!word.equals("running")) {
            String failed = Sys.run(enter(List.of("systemctl", "--failed", "--no-legend", "--plain"))).output().strip();
            String journal = Sys.run(enter(List.of("journalctl", "-b", "-p", "warning", "-n", "40", "--no-pager"))).output().strip();
            if (!word.equals("degraded")) {
                throw new IllegalStateException("systemd test host " + netns + " is " + word + " after booting; failed units: " + failed
                        + "\n" + journal + "\n" + bootLog());
            }
            System.out.println("systemd test host " + netns + " booted degraded; failed units: " + failed + "\n" + journal);
        }
    }

    /** The host's PID 1 as this machine numbers it: the child of unshare (which the boot process became). */
    private long firstChild() {
        try {
            String c = Files.readString(Path.of("/proc/" + boot.pid() + "/task/" + boot.pid() + "/children")).strip();
            return c.isEmpty() ? -1 : Long.parseLong(c.split("\\s+")[0]);
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** The host's systemd, as this machine numbers it (0 before the boot). */
    long pid1() {
        return pid1;
    }

    /** {@code nsenter} into every namespace and the root of the host's PID 1, then argv. */
    List<String> enter(List<String> argv) {
        List<String> cmd = new ArrayList<>(List.of("nsenter", "-t", Long.toString(pid1), "-m", "-u", "-i", "-n", "-p", "-C", "-r", "-w", "--"));
        cmd.addAll(argv);
        return cmd;
    }

    /** Where a path inside the running host is, seen from this machine. */
    Path path(String pathInHost) {
        if (pid1 == 0) {
            return upper(pathInHost);
        }
        return Path.of("/proc/" + pid1 + "/root").resolve(pathInHost.substring(1));
    }

    String bootLog() {
        try {
            Path log = dir.resolve("logs/boot.log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(boot log unreadable: " + e.getMessage() + ")";
        }
    }

    boolean running() {
        return boot != null && boot.isAlive();
    }

    /** "poweroff" when systemd shut itself down on SIGRTMIN+4, "kill -9" when it had to be killed, "" before a stop. */
    String stoppedBy() {
        return stoppedBy;
    }

    /**
     * Powers the host off the way a container manager does: SIGRTMIN+4 to its systemd, which
     * stops every unit and exits, ending its PID namespace (every process in it) and its mount
     * namespace (the overlay). If it has not gone within {@link #POWEROFF_GRACE}, kill -9 of
     * that PID ends the namespace all the same. Then the host's cgroups are removed.
     */
    void stop() {
        stop(POWEROFF_GRACE);
    }

    /** {@link #stop()} with another grace time before kill -9 (a test of the fallback). */
    void stop(Duration poweroffGrace) {
        if (boot == null) {
            return;
        }
        if (boot.isAlive() && pid1 > 0) {
            Sys.run("kill", "-s", "RTMIN+4", Long.toString(pid1));
            try {
                Awaitility.await("poweroff of " + netns).atMost(poweroffGrace).pollInterval(Duration.ofMillis(50)).until(() -> !boot.isAlive());
                stoppedBy = "poweroff";
            } catch (ConditionTimeoutException e) {
                stoppedBy = "kill -9";
            }
        }
        if (boot.isAlive()) {
            long p = firstChild();
            if (p > 0) {
                // unshare, waiting for its child, reaps it and exits: nothing is left to a foreign reaper
                Sys.run("kill", "-9", Long.toString(p));
            } else {
                boot.destroyForcibly(); // still the boot script: no PID namespace yet
            }
            Wait.until("boot process of " + netns + " to end", () -> !boot.isAlive());
            if (stoppedBy.isEmpty()) {
                stoppedBy = "kill -9";
            }
        }
        if (pid1 > 0) {
            Wait.until("PID 1 of " + netns + " to be gone", () -> !Files.exists(Path.of("/proc/" + pid1)));
        }
        removeCgroups(cgroup());
    }

    /** Removes a host's (empty, once its processes are gone) cgroup tree, deepest first. */
    static void removeCgroups(String cgroup) {
        Path root = unifiedRoot().resolve(cgroup);
        if (Files.isDirectory(root)) {
            Sys.run("find", root.toString(), "-depth", "-type", "d", "-exec", "rmdir", "{}", ";");
        }
    }

    static Path unifiedRoot() {
        Path v2 = Path.of("/sys/fs/cgroup");
        return Files.exists(v2.resolve("cgroup.controllers")) ? v2 : v2.resolve("unified");
    }
}
