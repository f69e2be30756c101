package dev.orrery.remote;

import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A server reached over SSH (sshj). Keeps one connection, opened on first use, shared by all
 * callers (each command is its own channel), and opened again when it was dropped.
 *
 * <p>Commands run through the login shell as {@code { LINE\n} 2>&1}: stdout and stderr arrive
 * as one stream in the order the server wrote them, line by line to the {@link LineListener}.
 * A command running longer than {@link SshSettings#commandTimeout()} has its channel closed and
 * fails. Uploads: see {@link SftpUpload}.
 *
 * <p>Logged in as a user other than root, every command not marked {@link Command#asLoginUser()}
 * runs through {@code sudo -n} ({@link Privilege}); before the first one, the host checks once
 * that sudo works without a password and otherwise refuses with the sudoers line needed.
 */
public final class SshHost implements Host {
    private final SshTarget target;
    private final SshConnector connector;
    private final ScheduledExecutorService scheduler;
    private final Privilege privilege;
    private volatile boolean sudoChecked;
    private SSHClient client;
    private int busy;
    private long lastUsedNanos = System.nanoTime();
    private boolean closed;

    /** @param scheduler for command timeouts (the Engine's); null means commands are never timed out */
    public SshHost(SshTarget target, SshConnector connector, ScheduledExecutorService scheduler) {
        this.target = target;
        this.connector = connector;
        this.scheduler = scheduler;
        this.privilege = Privilege.forLogin(target.user());
    }

    /** How this host's commands become privileged: as they are for root, through {@code sudo -n} for another user. */
    public Privilege privilege() {
        return privilege;
    }

    @Override
    public String name() {
        return target.label();
    }

    public SshTarget target() {
        return target;
    }

    /** Opens the connection now (it is otherwise opened by the first command): checks host key and login. */
    public void connect() throws RemoteException {
        acquire();
        release();
    }

    /** The live connection, opening a new one when there is none or it was dropped. Pair with {@link #release}. */
    synchronized SSHClient acquire() throws RemoteException {
        if (closed) {
            throw new RemoteException(name(), "this host was closed", null);
        }
        if (client == null || !client.isConnected() || !client.isAuthenticated()) {
            if (client != null) {
                SshConnector.closeQuietly(client);
            }
            client = null;
            client = connector.connect(target);
        }
        busy++;
        return client;
    }

    synchronized void release() {
        busy--;
        lastUsedNanos = System.nanoTime();
    }

    /** Drops the connection so the next use opens a fresh one (after it was found broken). */
    synchronized void discard(SSHClient broken) {
        if (client == broken) {
            SshConnector.closeQuietly(broken);
            client = null;
        }
    }

    /** Closes the connection if nobody used it for {@code idleNanos}; the next use reconnects. */
    public synchronized void closeIfIdle(long idleNanos) {
        if (client != null && busy == 0 && System.nanoTime() - lastUsedNanos > idleNanos) {
            SshConnector.closeQuietly(client);
            client = null;
        }
    }

    /** A session channel; on a connection that turns out dead, one fresh connection is tried (nothing has run yet). */
    Session openSession(SSHClient[] used) throws RemoteException {
        SSHClient c = acquire();
        try {
            used[0] = c;
            return c.startSession();
        } catch (IOException stale) {
            release();
            discard(c);
            c = acquire();
            used[0] = c;
            try {
                return c.startSession();
            } catch (IOException e) {
                release();
                discard(c);
                throw new RemoteException(name(), "cannot open a session: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public ExecResult exec(Command command, LineListener output) throws RemoteException {
        if (privilege.usesSudo() && !command.loginUser() && !sudoChecked) {
            checkSudo();
        }
        return execLine(command, privilege.line(command), output);
    }

    /** Once per host: a password prompt would never be answered, so refuse clearly instead of failing later mid-job. */
    private void checkSudo() throws RemoteException {
        Command probe = Privilege.probe();
        ExecResult r = execLine(probe, probe.line(), LineListener.IGNORE);
        if (!r.ok()) {
            throw privilege.refusal(name(), r);
        }
        sudoChecked = true;
    }

    private ExecResult execLine(Command command, String line, LineListener output) throws RemoteException {
        SSHClient[] used = new SSHClient[1];
        Session session = openSession(used);
        OutputLines lines = new OutputLines(output);
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> watchdog = null;
        long timeoutMs = connector.settings().commandTimeout().toMillis();
        try {
            Session.Command cmd = session.exec("{ " + line + "\n} 2>&1");
            if (scheduler != null && timeoutMs > 0) {
                watchdog = scheduler.schedule(() -> {
                    timedOut.set(true);
                    closeQuietly(session);
                }, timeoutMs, TimeUnit.MILLISECONDS);
            }
            cmd.getOutputStream().close(); // no input: a command that reads stdin sees end of file
            lines.pump(cmd.getInputStream());
            lines.pump(cmd.getErrorStream()); // only the shell's own complaints land here
            cmd.join(connector.settings().connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
            Integer exit = cmd.getExitStatus();
            if (timedOut.get()) {
                throw new RemoteException(name(), "`" + command.description() + "` did not finish within "
                        + connector.settings().commandTimeout().toSeconds() + " s; its channel was closed" + tail(lines.last()), null);
            }
            if (exit == null) {
                String signal = cmd.getExitSignal() != null ? " was killed by signal " + cmd.getExitSignal() : null;
                if (signal != null) {
                    throw new RemoteException(name(), "`" + command.description() + "`" + signal + tail(lines.last()), null);
                }
                discard(used[0]);
                throw new RemoteException(name(), "the connection was lost while running `" + command.description() + "`" + tail(lines.last()), null);
            }
            return new ExecResult(exit, lines.last());
        } catch (IOException e) {
            if (timedOut.get()) { // only the channel was closed: the connection stays for the next command
                throw new RemoteException(name(), "`" + command.description() + "` did not finish within "
                        + connector.settings().commandTimeout().toSeconds() + " s; its channel was closed" + tail(lines.last()), e);
            }
            discard(used[0]);
            throw new RemoteException(name(), "the connection was lost while running `" + command.description() + "`: "
                    + e.getMessage() + tail(lines.last()), e);
        } finally {
            if (watchdog != null) {
                watchdog.cancel(false);
            }
            closeQuietly(session);
            release();
        }
    }

    @Override
    public Conversation converse(Command command) throws RemoteException {
        if (privilege.usesSudo() && !command.loginUser() && !sudoChecked) {
            checkSudo();
        }
        return SshConversation.start(this, command, privilege.line(command), scheduler);
    }

    @Override
    public boolean canConverse() {
        return true;
    }

    @Override
    public ExecResult follow(Command command, LineListener output, java.util.concurrent.CompletableFuture<?> stop) throws RemoteException {
        // privileged like exec: a sudo user's journalctl (or tail of a root-owned log) sees nothing without sudo
        if (privilege.usesSudo() && !command.loginUser() && !sudoChecked) {
            checkSudo();
        }
        SSHClient[] used = new SSHClient[1];
        Session session = openSession(used);
        OutputLines lines = new OutputLines(output);
        AtomicBoolean stopped = new AtomicBoolean();
        try {
            Session.Command cmd = session.exec("{ " + privilege.line(command) + "\n} 2>&1");
            stop.whenComplete((v, e) -> {
                stopped.set(true);
                try {
                    // OpenSSH 7.9+ passes the signal to the command; older ones ignore it and the
                    // command ends at its next write to the closed channel.
                    cmd.signal(net.schmizz.sshj.connection.channel.direct.Signal.TERM);
                } catch (IOException | RuntimeException ignored) {
                    // the channel is already gone
                }
                closeQuietly(session);
            });
            cmd.getOutputStream().close();
            lines.pump(cmd.getInputStream());
            if (stopped.get()) {
                return new ExecResult(ExecResult.STOPPED, lines.last());
            }
            lines.pump(cmd.getErrorStream());
            cmd.join(connector.settings().connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
            Integer exit = cmd.getExitStatus();
            if (stopped.get()) {
                return new ExecResult(ExecResult.STOPPED, lines.last());
            }
            if (exit == null) {
                if (cmd.getExitSignal() != null) {
                    throw new RemoteException(name(), "`" + command.description() + "` was killed by signal " + cmd.getExitSignal() + tail(lines.last()), null);
                }
                discard(used[0]);
                throw new RemoteException(name(), "the connection was lost while running `" + command.description() + "`" + tail(lines.last()), null);
            }
            return new ExecResult(exit, lines.last());
        } catch (IOException e) {
            if (stopped.get()) {
                return new ExecResult(ExecResult.STOPPED, lines.last());
            }
            discard(used[0]);
            throw new RemoteException(name(), "the connection was lost while running `" + command.description() + "`: "
                    + e.getMessage() + tail(lines.last()), e);
        } finally {
            closeQuietly(session);
            release();
        }
    }

    static String tail(List<String> last) {
        return last.isEmpty() ? "" : "; last output:\n  " + String.join("\n  ", last);
    }

    private static void closeQuietly(Session s) {
        try {
            s.close();
        } catch (IOException | RuntimeException ignored) {
            // the channel or connection is already gone
        }
    }

    @Override
    public void upload(Path local, String remotePath, UploadListener progress) throws RemoteException {
        long size;
        try {
            size = Files.size(local);
        } catch (IOException e) {
            throw new RemoteException(name(), "cannot read " + local + ": " + e.getMessage(), e);
        }
        try (InputStream in = Files.newInputStream(local)) {
            new SftpUpload(this).send(in, size, remotePath, progress, local.toString(), SftpUpload.DEFAULT_MODE);
        } catch (IOException e) {
            throw new RemoteException(name(), "cannot read " + local + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void write(byte[] content, String remotePath) throws RemoteException {
        write(content, remotePath, SftpUpload.DEFAULT_MODE);
    }

    @Override
    public void write(byte[] content, String remotePath, int mode) throws RemoteException {
        new SftpUpload(this).send(new ByteArrayInputStream(content), content.length, remotePath, UploadListener.IGNORE, "content", mode);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (client != null) {
            SshConnector.closeQuietly(client);
            client = null;
        }
    }
}
