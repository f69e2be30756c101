package dev.orrery.remote;

import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.sftp.FileAttributes;
import net.schmizz.sshj.sftp.OpenMode;
import net.schmizz.sshj.sftp.RemoteFile;
import net.schmizz.sshj.sftp.SFTPClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.EnumSet;

/**
 * One verified upload over SFTP: bytes go to a hidden temporary name in the target's directory
 * (hashing them on the way), the server's {@code sha256sum} of that file must equal the local
 * hash, and only then does {@code mv -f} rename it over the final name — rename(2) within one
 * directory is atomic, so a reader sees the old file or the whole new one, never half. On any
 * failure the temporary file is removed when the server can still be reached.
 *
 * <p>Logged in as a user other than root ({@link Privilege#usesSudo()}), the bytes go to the
 * user's own {@code ~/.orrery-upload} instead, and one privileged step checks the hash there,
 * copies the file beside its final name (owned by root, with the asked-for mode; hidden from
 * others until then) and renames it over the final name: the same atomic result as root's.
 */
final class SftpUpload {
    /** SFTP writes in flight at once: keeps the pipe full on links with latency. */
    private static final int WRITES_IN_FLIGHT = 64;
    private static final int CHUNK = 64 * 1024;
    static final int DEFAULT_MODE = 0644;

    private final SshHost host;

    SftpUpload(SshHost host) {
        this.host = host;
    }

    void send(InputStream in, long size, String remotePath, UploadListener progress, String what, int mode) throws RemoteException {
        UploadPaths.requireAbsolute(remotePath);
        String temp = UploadPaths.temp(remotePath);
        boolean sudo = host.privilege().usesSudo();
        // relative to the login user's home: SFTP and the command's shell both start there
        String written = sudo ? Privilege.STAGING_DIR + "/" + temp.substring(temp.lastIndexOf('/') + 1) : temp;
        boolean renamed = false;
        try {
            String localSha = transfer(in, size, remotePath, sudo ? Privilege.STAGING_DIR : UploadPaths.parent(remotePath), written, progress, what, mode);
            // one round trip: hash on the server, compare there, rename only on a match
            Command verify = sudo ? installStaged(written, temp, remotePath, localSha, mode) : verifyAndRename(temp, remotePath, localSha);
            ExecResult r = host.exec(verify, LineListener.IGNORE);
            if (r.exitCode() == MISMATCH) {
                throw new RemoteException(host.name(), "upload of " + what + " to " + remotePath + " is corrupt: the server's SHA-256 is "
                        + Sha256.fromSha256sum(r.output()) + ", the local one " + localSha + "; the file was not put in place", null);
            }
            if (!r.ok()) {
                throw new CommandFailedException(host.name(), verify, r);
            }
            renamed = true;
        } finally {
            if (!renamed) {
                removeTemp(written, sudo);
            }
        }
    }

    private static final int MISMATCH = 86;

    /** Constant script; the paths and the hash come in as positional arguments, quoted by {@link Command#of}. */
    // hashing stdin: sha256sum escapes odd file names in its output (a leading backslash), stdin has none
    private static final String VERIFY_AND_RENAME = "sum=$(sha256sum < \"$1\") || exit 1; "
            + "if [ \"${sum%% *}\" = \"$3\" ]; then mv -f -- \"$1\" \"$2\"; else echo \"$sum\"; exit " + MISMATCH + "; fi";

    /**
     * {@code sha256sum TEMP}, and {@code mv -f TEMP FINAL} only when it equals the expected hash;
     * on a mismatch prints the server's sum and exits {@value #MISMATCH}.
     */
    static Command verifyAndRename(String temp, String finalPath, String expectedSha) {
        return Command.of("sh", "-c", VERIFY_AND_RENAME, "sh", temp, finalPath, expectedSha)
                .describedAs("verify SHA-256 and rename into " + finalPath);
    }

    /**
     * For a login user that is not root: checks the staged file's hash, copies it beside the
     * final name (umask 077 until it is root's with {@code mode}), renames it over the final name
     * and removes the staged copy. Run through sudo like every privileged command. Exits
     * {@value #MISMATCH} on a hash mismatch, printing the server's sum.
     */
    static Command installStaged(String staged, String temp, String finalPath, String expectedSha, int mode) {
        return Command.of("sh", "-c", INSTALL_STAGED, "sh", staged, temp, finalPath, expectedSha, Integer.toOctalString(mode))
                .describedAs("verify SHA-256 and move into " + finalPath);
    }

    private static final String INSTALL_STAGED = "sum=$(sha256sum < \"$1\") || exit 1; "
            + "if [ \"${sum%% *}\" != \"$4\" ]; then echo \"$sum\"; exit " + MISMATCH + "; fi; "
            + "mkdir -p -- \"$(dirname -- \"$3\")\" || exit 1; "
            + "if (umask 077 && cp -- \"$1\" \"$2\" && chown 0:0 -- \"$2\" && chmod \"$5\" -- \"$2\" && mv -f -- \"$2\" \"$3\"); "
            + "then rm -f -- \"$1\"; else rm -f -- \"$2\"; exit 1; fi";

    private String transfer(InputStream in, long size, String remotePath, String dir, String temp, UploadListener progress, String what, int mode)
            throws RemoteException {
        SSHClient c = host.acquire();
        MessageDigest sha = Sha256.digest();
        // closed by hand, not try-with-resources: sshj rethrows the same exception from close(),
        // which try-with-resources cannot add to itself as suppressed
        SFTPClient sftp = null;
        RemoteFile file = null;
        OutputStream out = null;
        try {
            sftp = c.newSFTPClient();
            sftp.mkdirs(dir);
            if (dir.equals(Privilege.STAGING_DIR)) {
                sftp.chmod(dir, 0700); // staged files are the user's only
            }
            file = sftp.open(temp, EnumSet.of(OpenMode.WRITE, OpenMode.CREAT, OpenMode.EXCL),
                    new FileAttributes.Builder().withPermissions(mode).build());
            // exact bits whatever the server's umask, set before any content is written
            file.setAttributes(new FileAttributes.Builder().withPermissions(mode).build());
            out = file.new RemoteFileOutputStream(0, WRITES_IN_FLIGHT);
            long sent = 0;
            progress.transferred(0, size);
            byte[] buf = new byte[CHUNK];
            for (int n; (n = read(in, buf, what)) > 0; ) {
                out.write(buf, 0, n);
                sha.update(buf, 0, n);
                sent += n;
                progress.transferred(sent, size);
            }
            out.close(); // waits for the outstanding writes' answers: errors surface here
            out = null;
            file.close();
            file = null;
            return Sha256.hex(sha);
        } catch (IOException e) {
            boolean lost = !c.isConnected() || e instanceof net.schmizz.sshj.transport.TransportException
                    || e instanceof net.schmizz.sshj.connection.ConnectionException;
            if (lost) {
                host.discard(c);
            }
            throw new RemoteException(host.name(), "upload of " + what + " failed" + (lost ? ", the connection to the server was lost: " : ": ")
                    + message(e) + "; nothing was put under " + remotePath, e);
        } finally {
            closeQuietly(out);
            closeQuietly(file);
            closeQuietly(sftp);
            host.release();
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException | RuntimeException ignored) {
                // already failed: the first error is the one reported
            }
        }
    }

    private int read(InputStream in, byte[] buf, String what) throws RemoteException {
        try {
            return in.read(buf);
        } catch (IOException e) {
            throw new RemoteException(host.name(), "cannot read " + what + ": " + e.getMessage(), e);
        }
    }

    private void removeTemp(String temp, boolean staged) {
        Command rm = Command.of("rm", "-f", "--", temp);
        try {
            host.exec(staged ? rm.asLoginUser() : rm, LineListener.IGNORE);
        } catch (RemoteException | RuntimeException unreachable) {
            // the server is gone: the hidden temporary name stays, the final name was never touched
        }
    }

    private static String message(IOException e) {
        String m = e.getMessage();
        return m != null ? m : e.getClass().getSimpleName() + " (the connection was lost)";
    }
}
