package dev.orrery.sandbox;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether an address and port is free for a sandbox server's app, and if not, which process holds
 * it. A sandbox left running by another Orrery (or by a test run that was killed) keeps its
 * servers' addresses; a new start that did not look would wait for health that never comes from
 * its own app, and the window would show someone else's process as its own.
 */
final class ListenerOwner {
    private ListenerOwner() {
    }

    /** Null when {@code address:port} can be listened on; otherwise who holds it, in words. */
    static String taken(String address, int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true); // a socket of an app that just stopped (TIME_WAIT) does not hold the address
            s.bind(new InetSocketAddress(InetAddress.getByName(address), port));
            return null;
        } catch (IOException e) {
            return address + ":" + port + " is already in use" + holder(address, port).map(h -> " by " + h).orElse("")
                    + ". Another sandbox (or a killed test run) may still be running there: stop it first";
        }
    }

    /** "pid N (command line)" of the process listening there (Linux, from /proc); empty elsewhere or when unreadable. */
    static Optional<String> holder(String address, int port) {
        try {
            Optional<String> inode = listeningInode(Files.readAllLines(Path.of("/proc/net/tcp")), hexAddress(address), port);
            if (inode.isEmpty() && Files.isReadable(Path.of("/proc/net/tcp6"))) {
                // a dual-stack listener (Java's, node's) is an IPv6 socket on ::ffff:a.b.c.d
                inode = listeningInode(Files.readAllLines(Path.of("/proc/net/tcp6")), "0000000000000000FFFF0000" + hexAddress(address), port);
            }
            if (inode.isEmpty()) {
                return Optional.empty();
            }
            String socket = "socket:[" + inode.get() + "]";
            try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
                for (Path proc : procs) {
                    if (holds(proc.resolve("fd"), socket)) {
                        long pid = Long.parseLong(proc.getFileName().toString());
                        String cmd = ProcessHandle.of(pid).map(SandboxReaper::commandLine).orElse("");
                        return Optional.of("pid " + pid + (cmd.isBlank() ? "" : " (" + abbreviate(cmd) + ")"));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or /proc not readable: the address is still reported as taken, only without its holder
        }
        return Optional.empty();
    }

    /** The inode of the LISTEN socket on {@code hexAddress:port} in /proc/net/tcp's (or tcp6's) lines. */
    static Optional<String> listeningInode(List<String> procNetTcp, String hexAddress, int port) {
        String local = hexAddress + ":" + String.format(Locale.ROOT, "%04X", port);
        for (String line : procNetTcp) {
            String[] f = line.trim().split("\\s+");
            // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
            if (f.length > 9 && f[1].equalsIgnoreCase(local) && f[3].equals("0A")) {
                return Optional.of(f[9]);
            }
        }
        return Optional.empty();
    }

    /** An IPv4 address as /proc/net/tcp writes it: the four bytes in host (little-endian) order, in hex. */
    static String hexAddress(String address) throws IOException {
        byte[] b = InetAddress.getByName(address).getAddress();
        return String.format(Locale.ROOT, "%02X%02X%02X%02X", b[3], b[2], b[1], b[0]);
    }

    private static boolean holds(Path fdDir, String socket) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(fdDir)) {
            for (Path fd : fds) {
                try {
                    if (Files.readSymbolicLink(fd).toString().equals(socket)) {
                        return true;
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        } catch (IOException | SecurityException e) {
            // gone, or not ours to read
        }
        return false;
    }

    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }
}
