package dev.orrery.security;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * Whether a TCP port answers from this machine — Orrery's, outside the servers' private network:
 * {@code open} (it accepted), {@code refused} (a reset: nothing listens, or a firewall rejects),
 * {@code filtered} (no answer within the timeout: a firewall drops it).
 */
public final class PortReach {
    private PortReach() {
    }

    public static String probe(String address, int port, Duration timeout) {
        if (address == null || address.isBlank()) {
            return "no address";
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), (int) timeout.toMillis());
            return "open";
        } catch (ConnectException e) {
            return "refused";
        } catch (SocketTimeoutException e) {
            return "filtered";
        } catch (IOException e) {
            return "unreachable (" + e.getMessage() + ")";
        }
    }
}
