package dev.orrery.remote;

import net.schmizz.keepalive.KeepAlive;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.connection.ConnectionImpl;
import net.schmizz.sshj.transport.TransportException;

import java.util.concurrent.TimeUnit;

import static net.schmizz.sshj.common.DisconnectReason.CONNECTION_LOST;

/**
 * Keep-alive as OpenSSH's own client does it ({@code ServerAliveInterval}): a
 * {@code keepalive@openssh.com} request only when nothing has come from the server for a whole
 * interval, and the connection counts as dropped after {@code maxMissed} such requests went
 * unanswered in a row. sshj's {@code KeepAliveRunner} sends one every interval on every
 * connection, busy or not; OpenSSH answers each with "request failed", and sshj builds a
 * {@code ConnectionException} with its stack trace for every answer — on a hundred sampled
 * connections, a steady cost for nothing, since their sampling channel already shows every 10 s
 * that the server is alive. Any bytes from the server count as an answer (the failure reply too).
 *
 * <p>A dead peer is noticed after {@code maxMissed} unanswered requests, the first sent once the
 * server has been quiet for an interval: with the defaults (15 s, 4) after 75–90 s of silence,
 * where sshj's runner took 60–75 s.
 */
final class IdleKeepAlive extends KeepAlive {
    private final ReadClock reads;
    private final int maxMissed;
    private int missed;
    private volatile int asked;

    IdleKeepAlive(ConnectionImpl conn, ReadClock reads, int maxMissed) {
        super(conn, "sshj-IdleKeepAlive");
        this.reads = reads;
        this.maxMissed = Math.max(1, maxMissed);
    }

    /** How many keep-alive requests this connection has sent (tests: that a server was asked at all). */
    int asked() {
        return asked;
    }

    /** What one tick does: the server spoke lately, it is time to ask it, or it has not answered {@code maxMissed} asks. */
    enum Tick { ALIVE, ASK, DEAD }

    /** One tick's decision, from how long the server has been quiet and how many asks in a row it left unanswered. */
    static Tick decide(long quietNanos, long intervalNanos, int missed, int maxMissed) {
        if (quietNanos < intervalNanos) {
            return Tick.ALIVE;
        }
        return missed >= maxMissed ? Tick.DEAD : Tick.ASK;
    }

    @Override
    protected void doKeepAlive() throws TransportException, ConnectionException {
        // Only once logged in (the connection service is running), as sshj's runner does.
        if (!conn.equals(conn.getTransport().getService())) {
            return;
        }
        switch (decide(reads.quietNanos(), TimeUnit.SECONDS.toNanos(getKeepAliveInterval()), missed, maxMissed)) {
            case ALIVE -> missed = 0; // the server spoke within the interval: nothing to ask
            case ASK -> {
                conn.sendGlobalRequest("keepalive@openssh.com", true, new byte[0]);
                missed++;
                asked++; // only this thread writes it
            }
            case DEAD -> throw new ConnectionException(CONNECTION_LOST, "no answer from the server to " + missed + " keep-alive requests ("
                    + TimeUnit.NANOSECONDS.toSeconds(reads.quietNanos()) + " s without a byte)");
        }
    }
}
