package dev.orrery.proxy;

import dev.orrery.remote.ExecResult;
import dev.orrery.remote.Host;
import dev.orrery.remote.LineListener;
import dev.orrery.remote.RemoteException;
import dev.orrery.task.CancelledException;
import dev.orrery.task.Progress;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Empties a running nginx of idle keep-alive connections before something closes them under
 * their clients (a reload, a stop): raises the layout's close flag, which Orrery's nginx
 * configuration turns into {@code Connection: close} on every answer, and waits until every
 * client connection open at that moment has closed after its next answer — at most the
 * keep-alive timeout, after which nginx closes an idle one itself. Connections still open then
 * are WebSockets (or clients idle the whole time). The caller lowers the flag when done.
 */
final class KeepAliveCloser {
    private final Host host;
    private final BalancerLayout layout;

    KeepAliveCloser(Host host, BalancerLayout layout) {
        this.host = host;
        this.layout = layout;
    }

    /**
     * Raises the flag and waits. Returns false (having waited for nothing) when nginx's workers
     * do not see the flag, so the caller knows the window did not work.
     */
    boolean close(int httpPort, List<Integer> ports, Progress progress) throws RemoteException {
        progress.step("Close keep-alive connections first (at most " + ProxyRenderer.KEEPALIVE_TIMEOUT_SECONDS + " s)");
        host.run(BalancerCommands.raiseCloseFlag(layout.closeFlag()), progress::log);
        String status = host.exec(BalancerCommands.localGet(layout, httpPort, ProxyConfig.STATUS_PATH), LineListener.IGNORE).output();
        if (!status.contains(" " + NginxRenderer.CLOSING)) {
            progress.log("nginx does not see " + layout.closeFlag() + " (can its workers read that directory?): going on without "
                    + "closing keep-alive connections first; it said: " + status.strip());
            return false;
        }
        long start = System.nanoTime();
        long deadline = start + (ProxyRenderer.KEEPALIVE_TIMEOUT_SECONDS * 1000L + 500) * 1_000_000L;
        Set<String> open = connections(ports);
        if (open == null) {
            progress.log("no ss on " + host.name() + ": waiting the whole keep-alive timeout");
        }
        int before = open == null ? -1 : open.size();
        while (System.nanoTime() < deadline) {
            if (open != null) {
                Set<String> now = connections(ports);
                open.retainAll(now == null ? Set.of() : now);
                if (open.isEmpty()) {
                    break;
                }
            }
            progress.checkCancelled();
            sleep(100);
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        if (open == null) {
            progress.log("waited " + ms + " ms");
        } else if (open.isEmpty()) {
            progress.log(before + " client connection(s) closed after their answers in " + ms + " ms");
        } else {
            progress.log(open.size() + " of " + before + " client connection(s) still open after " + ms
                    + " ms (WebSockets stay with nginx's old workers; idle ones nginx closes itself)");
        }
        return true;
    }

    /** Lets nginx keep connections alive again; never throws (says what to remove by hand). */
    void reopen(Progress progress) {
        try {
            host.run(BalancerCommands.lowerCloseFlag(layout.closeFlag()), progress::log);
        } catch (RemoteException | RuntimeException e) {
            progress.log("could not remove " + layout.closeFlag() + " (" + e.getMessage() + "): nginx answers every request with "
                    + "Connection: close until it is removed");
        }
    }

    /** The established client connections as "LOCAL PEER" lines, or null when the host has no ss. */
    private Set<String> connections(List<Integer> ports) throws RemoteException {
        Set<String> out = ConcurrentHashMap.newKeySet();
        // every line through the listener: the result keeps only the last few
        ExecResult r = host.exec(BalancerCommands.clientConnections(ports), line -> {
            if (!line.isBlank()) {
                out.add(line.strip());
            }
        });
        if (r.exitCode() == 127) {
            return null;
        }
        return new HashSet<>(out);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        }
    }
}
