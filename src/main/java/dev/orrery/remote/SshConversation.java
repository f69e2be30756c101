package dev.orrery.remote;

import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.SSHException;
import net.schmizz.sshj.connection.channel.direct.Session;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link Conversation} over one SSH session channel of the host's pooled connection. A request
 * is one CHANNEL_DATA packet out and the answer's data packets back: no channel open/confirm,
 * exec request, EOF, exit status and close per request, and no shell started on the server.
 *
 * <p>The channel counts as a use of the connection for as long as it is open, so the pool
 * does not close the connection as idle under it. A request that gets no end line in time wakes
 * the reader with an error at once (without waiting for the peer: the connection may be half
 * dead) and closes the channel; the next {@link SshHost#converse} opens a new channel, and a new
 * connection if this one was lost.
 */
final class SshConversation implements Conversation {
    private final SshHost host;
    private final Command command;
    private final ScheduledExecutorService scheduler;
    private final SSHClient client;
    private final Session session;
    private final Session.Command cmd;
    private final OutputStream in;
    private final BufferedReader out;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SshConversation(SshHost host, Command command, ScheduledExecutorService scheduler, SSHClient client, Session session,
                            Session.Command cmd) {
        this.host = host;
        this.command = command;
        this.scheduler = scheduler;
        this.client = client;
        this.session = session;
        this.cmd = cmd;
        this.in = cmd.getOutputStream();
        this.out = new BufferedReader(new InputStreamReader(cmd.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Opens a session channel and starts {@code line} (already privileged) on it, stderr merged as for every command. */
    static SshConversation start(SshHost host, Command command, String line, ScheduledExecutorService scheduler) throws RemoteException {
        SSHClient[] used = new SSHClient[1];
        Session session = host.openSession(used); // holds a use of the connection until close
        try {
            Session.Command cmd = session.exec("{ " + line + "\n} 2>&1");
            return new SshConversation(host, command, scheduler, used[0], session, cmd);
        } catch (IOException | RuntimeException e) {
            quietly(session);
            host.release();
            if (!used[0].isConnected()) {
                host.discard(used[0]);
            }
            throw new RemoteException(host.name(), "cannot start `" + command.description() + "`: " + e.getMessage(), e);
        }
    }

    @Override
    public void ask(String request, String endLine, LineListener output, long timeoutMs) throws RemoteException {
        if (request.indexOf('\n') >= 0 || request.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a request is one line");
        }
        if (closed.get()) {
            throw new RemoteException(host.name(), "`" + command.description() + "` was closed", null);
        }
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> watchdog = null;
        try {
            if (scheduler != null && timeoutMs > 0) {
                // never blocks the scheduler: marks the stream failed so the read below returns now
                watchdog = scheduler.schedule(() -> {
                    timedOut.set(true);
                    cmd.notifyError(new SSHException("no answer within " + timeoutMs + " ms"));
                }, timeoutMs, TimeUnit.MILLISECONDS);
            }
            in.write((request + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
            for (String l; (l = out.readLine()) != null; ) {
                if (l.equals(endLine)) {
                    return;
                }
                output.line(l);
            }
            close();
            Integer exit = cmd.getExitStatus();
            throw new RemoteException(host.name(), "`" + command.description() + "` ended"
                    + (exit != null ? " with exit " + exit : cmd.getExitSignal() != null ? " by signal " + cmd.getExitSignal() : ""), null);
        } catch (IOException e) {
            close();
            if (timedOut.get()) {
                throw new RemoteException(host.name(), "`" + command.description() + "` gave no answer within "
                        + Math.max(1, timeoutMs / 1000) + " s; its channel was closed", e);
            }
            throw new RemoteException(host.name(), "the channel of `" + command.description() + "` was lost: " + e.getMessage(), e);
        } finally {
            if (watchdog != null) {
                watchdog.cancel(false);
            }
        }
    }

    @Override
    public boolean isOpen() {
        return !closed.get() && cmd.isOpen();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            in.close(); // EOF on the loop's stdin: it ends by itself
        } catch (IOException | RuntimeException ignored) {
            // the channel is already gone
        }
        quietly(session);
        host.release();
        if (!client.isConnected()) {
            host.discard(client); // the next request reconnects rather than trying a dead connection first
        }
    }

    private static void quietly(Session s) {
        try {
            s.close();
        } catch (IOException | RuntimeException ignored) {
            // the channel or connection is already gone
        }
    }
}
