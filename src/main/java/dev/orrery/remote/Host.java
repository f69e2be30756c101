package dev.orrery.remote;

import java.nio.file.Path;

/**
 * A machine Orrery runs commands on and uploads files to: a server over SSH, or this machine.
 * Implementations are thread-safe and keep one connection that the jobs share.
 */
public interface Host extends AutoCloseable {

    /** A short name for logs and errors, e.g. {@code app-2 (root@10.0.1.73)}. */
    String name();

    /** Runs a command, streaming each output line to {@code output}; returns whatever the exit code. */
    ExecResult exec(Command command, LineListener output) throws RemoteException;

    /**
     * Runs a long command (a log follower) like {@link #exec}, with no time limit, until it ends
     * by itself or {@code stop} completes. On stop the command is told to end (SIGTERM where the
     * host can send it) and its channel or process is closed; this then returns with
     * {@link ExecResult#STOPPED}. The command should {@code exec} its last program, so that the
     * signal reaches it rather than a shell in between.
     */
    default ExecResult follow(Command command, LineListener output, java.util.concurrent.CompletableFuture<?> stop) throws RemoteException {
        throw new UnsupportedOperationException(name() + " cannot follow a command");
    }

    /**
     * Starts {@code command} and keeps it running for requests ({@link Conversation}): for
     * asking the same thing over and over without a new channel and shell each time. Hosts
     * that cannot say so with {@link #canConverse()} false.
     */
    default Conversation converse(Command command) throws RemoteException {
        throw new UnsupportedOperationException(name() + " cannot keep a command running for requests");
    }

    /** Whether {@link #converse} works on this host. */
    default boolean canConverse() {
        return false;
    }

    /** Runs a command and throws {@link CommandFailedException} when it exits non-zero. */
    default ExecResult run(Command command, LineListener output) throws RemoteException {
        ExecResult result = exec(command, output);
        if (!result.ok()) {
            throw new CommandFailedException(name(), command, result);
        }
        return result;
    }

    default ExecResult run(Command command) throws RemoteException {
        return run(command, LineListener.IGNORE);
    }

    /**
     * Uploads a file under a temporary name and renames it to {@code remotePath} only once the
     * remote SHA-256 matches the local one: no half file is ever seen under the final name.
     */
    void upload(Path local, String remotePath, UploadListener progress) throws RemoteException;

    /** Writes small content (a configuration) the same verified, atomic way, readable by all (0644). */
    void write(byte[] content, String remotePath) throws RemoteException;

    /**
     * Like {@link #write(byte[], String)} with these permission bits, e.g. {@code 0600} for a TLS
     * private key: the temporary file has them from its creation, so the content is never
     * readable by others, not even for a moment.
     */
    default void write(byte[] content, String remotePath, int mode) throws RemoteException {
        throw new UnsupportedOperationException(name() + " cannot write files with a given mode");
    }

    @Override
    void close();
}
