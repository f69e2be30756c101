package dev.orrery.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Hands each fixture run its own slot number {@code k} (1..254), which names everything the run
 * creates on this machine: subnet 198.18.k.0/24, bridge {@code orrbrK}, namespaces
 * {@code orrery-K-I}, veths {@code orrvKhI}, directory {@code /var/tmp/orrery-it/slot-K}. A slot
 * directory holds the owner JVM's pid and start time; a slot whose owner is gone (a crashed or
 * killed test run) is swept — its processes, namespaces, bridge and files removed — before a new
 * run allocates. Allocation and sweeping happen under a file lock so parallel runs (several
 * Maven builds at once) never hand out or sweep a live slot.
 */
final class Slots {
    static final Path BASE = Path.of("/var/tmp/orrery-it");
    private static final Pattern NETNS = Pattern.compile("orrery-(\\d+)-(\\d+)");
    private static final Pattern BRIDGE = Pattern.compile("orrbr(\\d+)");
    /** A slot directory just made by another run may not have its owner file yet. */
    private static final Duration OWNERLESS_GRACE = Duration.ofSeconds(60);

    private Slots() {
    }

    static String netnsName(int slot, int host) {
        return "orrery-" + slot + "-" + host;
    }

    static String bridgeName(int slot) {
        return "orrbr" + slot;
    }

    static Path dir(int slot) {
        return BASE.resolve("slot-" + slot);
    }

    /** Sweeps stale slots, then takes the first free one and records this JVM as its owner. */
    static int allocate() {
        return locked(() -> {
            sweepStale();
            for (int k = 1; k <= 254; k++) {
                Path dir = dir(k);
                try {
                    Files.createDirectory(dir);
                } catch (FileAlreadyExistsException taken) {
                    continue;
                }
                Files.writeString(dir.resolve("owner"), ownerId());
                return k;
            }
            throw new IllegalStateException("all 254 test-host slots under " + BASE + " are in use");
        });
    }

    /** Removes everything a slot made: processes in its namespaces, the namespaces, the bridge, the files. */
    static void clean(int slot) {
        for (String ns : netnsList()) {
            Matcher m = NETNS.matcher(ns);
            if (m.matches() && Integer.parseInt(m.group(1)) == slot) {
                killNamespace(ns);
            }
        }
        Sys.run("ip", "link", "del", bridgeName(slot)); // fails harmlessly when already gone
        removeSystemdCgroups(slot);
        Sys.run("rm", "-rf", "--one-file-system", dir(slot).toString());
    }

    /** SIGKILLs every process in a network namespace, waits for them, and deletes the namespace. */
    static void killNamespace(String ns) {
        try {
            Wait.until("every process in " + ns + " to be gone", () -> {
                List<String> pids = Sys.run("ip", "netns", "pids", ns).output().lines().map(String::strip).filter(s -> s.matches("\\d+")).toList();
                if (pids.isEmpty()) {
                    return true;
                }
                List<String> kill = new ArrayList<>(List.of("kill", "-9"));
                kill.addAll(pids);
                Sys.run(kill);
                return false;
            });
        } finally {
            Sys.run("ip", "netns", "del", ns); // even if a process outlived the wait: the namespace goes either way
        }
    }

    /** The cgroups of a slot's systemd hosts (empty once their processes are gone). */
    private static void removeSystemdCgroups(int slot) {
        Path base = SystemdBoot.unifiedRoot().resolve("orrery-it");
        if (!Files.isDirectory(base)) {
            return;
        }
        try (Stream<Path> groups = Files.list(base)) {
            for (Path g : groups.toList()) {
                Matcher m = NETNS.matcher(g.getFileName().toString());
                if (m.matches() && Integer.parseInt(m.group(1)) == slot) {
                    SystemdBoot.removeCgroups("orrery-it/" + g.getFileName());
                }
            }
        } catch (IOException e) {
            System.err.println("cgroups of slot " + slot + ": " + e.getMessage());
        }
    }

    private static void sweepStale() throws IOException {
        List<Integer> live = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(BASE)) {
            for (Path d : dirs.toList()) {
                String n = d.getFileName().toString();
                if (!n.matches("slot-\\d+")) {
                    continue;
                }
                int k = Integer.parseInt(n.substring(5));
                if (ownerAlive(d)) {
                    live.add(k);
                } else {
                    clean(k);
                }
            }
        }
        // leftovers whose slot directory is gone (e.g. deleted by hand)
        for (String ns : netnsList()) {
            Matcher m = NETNS.matcher(ns);
            if (m.matches() && !live.contains(Integer.parseInt(m.group(1)))) {
                killNamespace(ns);
            }
        }
        for (String line : Sys.run("ip", "-o", "link", "show", "type", "bridge").output().lines().toList()) {
            String[] f = line.split(":\\s*");
            if (f.length > 1) {
                Matcher m = BRIDGE.matcher(f[1].strip());
                if (m.matches() && !live.contains(Integer.parseInt(m.group(1)))) {
                    Sys.run("ip", "link", "del", f[1].strip());
                }
            }
        }
    }

    private static boolean ownerAlive(Path slotDir) throws IOException {
        Path owner = slotDir.resolve("owner");
        if (!Files.exists(owner)) {
            FileTime made = Files.getLastModifiedTime(slotDir);
            return made.toInstant().isAfter(Instant.now().minus(OWNERLESS_GRACE));
        }
        String[] f = Files.readString(owner).strip().split(" ");
        if (f.length != 2) {
            return false;
        }
        Optional<ProcessHandle> h = ProcessHandle.of(Long.parseLong(f[0]));
        return h.isPresent() && h.get().info().startInstant().map(Instant::toString).orElse("?").equals(f[1]);
    }

    private static String ownerId() {
        ProcessHandle me = ProcessHandle.current();
        return me.pid() + " " + me.info().startInstant().map(Instant::toString).orElse("?") + "\n";
    }

    private static List<String> netnsList() {
        return Sys.run("ip", "netns", "list").output().lines()
                .map(l -> l.split(" ")[0].strip()).filter(s -> !s.isEmpty()).toList();
    }

    private interface IoAction<T> {
        T run() throws IOException;
    }

    private static synchronized <T> T locked(IoAction<T> action) {
        try {
            Files.createDirectories(BASE);
            try (FileChannel ch = FileChannel.open(BASE.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = ch.lock()) {
                return action.run();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("test-host slots under " + BASE, e);
        }
    }
}
