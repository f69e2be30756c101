package dev.orrery.remote;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link Conversation} with one {@code /bin/sh -c} process on this machine (the sandbox):
 * spares the JVM a process start per request. A request that gets no end line in time stops
 * the process, which ends the read.
 */
final class LocalConversation implements Conversation {
    private final String hostName;
    private final Command command;
    private final Process process;
    private final OutputStream in;
    private final BufferedReader out;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LocalConversation(String hostName, Command command, Process process) {
        this.hostName = hostName;
        this.command = command;
        this.process = process;
        this.in = process.getOutputStream();
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static LocalConversation start(String hostName, Command command) throws RemoteException {
        try {
            return new LocalConversation(hostName, command, new ProcessBuilder("/bin/sh", "-c", command.line()).redirectErrorStream(true).start());
        } catch (IOException e) {
            throw new RemoteException(hostName, "cannot start /bin/sh: " + e.getMessage(), e);
        }
    }

    @Override
    public void ask(String request, String endLine, LineListener output, long timeoutMs) throws RemoteException {
        if (request.indexOf('\n') >= 0 || request.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a request is one line");
        }
        if (closed.get()) {
            throw new RemoteException(hostName, "`" + command.description() + "` was closed", null);
        }
        AtomicBoolean timedOut = new AtomicBoolean();
        CompletableFuture<Void> watchdog = timeoutMs > 0 ? new CompletableFuture<>() : null;
        if (watchdog != null) {
            watchdog.completeOnTimeout(null, timeoutMs, TimeUnit.MILLISECONDS).thenRun(() -> {
                if (!watchdog.isCancelled()) {
                    timedOut.set(true);
                    kill();
                }
            });
        }
        try {
            in.write((request + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
            for (String l; (l = out.readLine()) != null; ) {
                if (l.equals(endLine)) {
                    return;
                }
                output.line(l);
            }
            close();
            throw new RemoteException(hostName, "`" + command.description() + "` " + (timedOut.get()
                    ? "gave no answer within " + Math.max(1, timeoutMs / 1000) + " s and was stopped" : "ended"), null);
        } catch (IOException e) {
            close();
            throw new RemoteException(hostName, "`" + command.description() + "` " + (timedOut.get()
                    ? "gave no answer within " + Math.max(1, timeoutMs / 1000) + " s and was stopped" : "broke off: " + e.getMessage()), e);
        } finally {
            if (watchdog != null) {
                watchdog.cancel(false);
            }
        }
    }

    @Override
    public boolean isOpen() {
        return !closed.get() && process.isAlive();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            in.close(); // EOF on stdin: a read loop ends by itself
        } catch (IOException ignored) {
            // already gone
        }
        // a loop busy in a child (df on a hung mount) is stopped too, with its children
        process.onExit().completeOnTimeout(null, 2, TimeUnit.SECONDS).thenRun(() -> {
            if (process.isAlive()) {
                kill();
            }
        });
    }

    private void kill() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
    }
}
