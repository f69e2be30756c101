package dev.orrery.remote;

/**
 * A command kept running on a host that answers requests: each {@link #ask} writes one line to
 * its stdin and reads its output up to an agreed end line. One channel (or process) serves every
 * request, so a request costs a few packets instead of opening a channel and starting a shell
 * each time (the metrics sampler: a shell loop that prints a sample per line it reads).
 *
 * <p>One request at a time (callers must not overlap {@code ask}); {@link #close} may come from
 * any thread. Once a request fails the conversation is closed: open a new one.
 */
public interface Conversation extends AutoCloseable {

    /**
     * Sends {@code request} (one line, no newline in it) and hands each output line to
     * {@code output} until a line equal to {@code endLine}, which is not handed on.
     *
     * @throws RemoteException when the command ended, the connection was lost, or no end line
     *                         came within {@code timeoutMs}; the conversation is then closed
     */
    void ask(String request, String endLine, LineListener output, long timeoutMs) throws RemoteException;

    /** False once the command ended, a request failed, or it was closed. */
    boolean isOpen();

    /** Ends the command (its stdin closes: a read loop ends by itself) and frees the channel. Never throws. */
    @Override
    void close();
}
