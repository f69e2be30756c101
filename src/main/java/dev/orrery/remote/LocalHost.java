package dev.orrery.remote;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * This machine as a {@link Host} (the sandbox): commands run through {@code /bin/sh -c} with
 * the same command line an SSH host gets, stderr merged into stdout; uploads are copied to a
 * hidden temporary name beside the target, hashed back and compared, then atomically renamed.
 */
public final class LocalHost implements Host {
    private static final int CHUNK = 64 * 1024;
    private final String name;

    public LocalHost(String name) {
        this.name = name;
    }

    public LocalHost() {
        this("localhost");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ExecResult exec(Command command, LineListener output) throws RemoteException {
        OutputLines lines = new OutputLines(output);
        Process p;
        try {
            p = new ProcessBuilder("/bin/sh", "-c", command.line()).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            throw new RemoteException(name, "cannot start /bin/sh: " + e.getMessage(), e);
        }
        try (InputStream in = p.getInputStream()) {
            lines.pump(in);
            if (!p.waitFor(1, TimeUnit.HOURS)) {
                p.destroyForcibly();
                throw new RemoteException(name, "`" + command.description() + "` did not finish within an hour", null);
            }
            return new ExecResult(p.exitValue(), lines.last());
        } catch (IOException e) {
            p.destroyForcibly();
            throw new RemoteException(name, "reading the output of `" + command.description() + "`: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new RemoteException(name, "interrupted while running `" + command.description() + "`", e);
        }
    }

    @Override
    public Conversation converse(Command command) throws RemoteException {
        return LocalConversation.start(name, command);
    }

    @Override
    public boolean canConverse() {
        return true;
    }

    @Override
    public ExecResult follow(Command command, LineListener output, java.util.concurrent.CompletableFuture<?> stop) throws RemoteException {
        OutputLines lines = new OutputLines(output);
        Process p;
        try {
            p = new ProcessBuilder("/bin/sh", "-c", command.line()).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            throw new RemoteException(name, "cannot start /bin/sh: " + e.getMessage(), e);
        }
        java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();
        // The command's own children (sleep, tail) first, then the command: nothing of it outlives the stop.
        stop.whenComplete((v, e) -> {
            stopped.set(true);
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        });
        try (InputStream in = p.getInputStream()) {
            lines.pump(in);
            p.waitFor();
            return new ExecResult(stopped.get() ? ExecResult.STOPPED : p.exitValue(), lines.last());
        } catch (IOException e) {
            if (stopped.get()) {
                return new ExecResult(ExecResult.STOPPED, lines.last());
            }
            p.destroyForcibly();
            throw new RemoteException(name, "reading the output of `" + command.description() + "`: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new RemoteException(name, "interrupted while running `" + command.description() + "`", e);
        } catch (RuntimeException e) {
            p.destroyForcibly(); // the listener gave up: so does the command
            throw e;
        }
    }

    @Override
    public void upload(Path local, String remotePath, UploadListener progress) throws RemoteException {
        try (InputStream in = Files.newInputStream(local)) {
            copy(in, Files.size(local), remotePath, progress, local.toString(), 0644);
        } catch (IOException e) {
            throw new RemoteException(name, "cannot read " + local + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void write(byte[] content, String remotePath) throws RemoteException {
        write(content, remotePath, 0644);
    }

    @Override
    public void write(byte[] content, String remotePath, int mode) throws RemoteException {
        copy(new java.io.ByteArrayInputStream(content), content.length, remotePath, UploadListener.IGNORE, "content", mode);
    }

    private void copy(InputStream in, long size, String remotePath, UploadListener progress, String what, int mode) throws RemoteException {
        UploadPaths.requireAbsolute(remotePath);
        Path target = Path.of(remotePath);
        Path temp = Path.of(UploadPaths.temp(remotePath));
        try {
            Files.createDirectories(target.getParent());
            MessageDigest sent = Sha256.digest();
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(permissions(mode)));
            Files.setPosixFilePermissions(temp, permissions(mode)); // exact bits, whatever the umask
            try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.WRITE)) {
                byte[] buf = new byte[CHUNK];
                long done = 0;
                progress.transferred(0, size);
                for (int n; (n = in.read(buf)) > 0; ) {
                    out.write(buf, 0, n);
                    sent.update(buf, 0, n);
                    done += n;
                    progress.transferred(done, size);
                }
            }
            String expected = Sha256.hex(sent);
            String written = hashOf(temp);
            if (!expected.equals(written)) {
                throw new RemoteException(name, "copy of " + what + " to " + remotePath + " is corrupt (SHA-256 " + written
                        + ", expected " + expected + "); the file was not put in place", null);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new RemoteException(name, "cannot rename atomically into " + remotePath, e);
            }
        } catch (IOException e) {
            throw new RemoteException(name, "copy of " + what + " to " + remotePath + " failed: " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // nothing more to do: the final name was not touched
            }
        }
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> p = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
                PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                p.add(order[bit]);
            }
        }
        return p;
    }

    private static String hashOf(Path file) throws IOException {
        MessageDigest d = Sha256.digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[CHUNK];
            for (int n; (n = in.read(buf)) > 0; ) {
                d.update(buf, 0, n);
            }
        }
        return Sha256.hex(d);
    }

    @Override
    public void close() {
        // no connection to release
    }
}
