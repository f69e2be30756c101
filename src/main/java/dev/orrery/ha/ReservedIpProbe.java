package dev.orrery.ha;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Does the reserved IP answer HTTP? One short {@code GET /} on a fresh connection: any status
 * line counts (a 502 still means a balancer took the connection). From this machine, the way a
 * user reaches it.
 */
@FunctionalInterface
public interface ReservedIpProbe {

    boolean answers(String ip, int port);

    /** A real HTTP/1.1 request, 500 ms to connect, 1 s to answer. */
    ReservedIpProbe HTTP = (ip, port) -> {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(ip, port), 500);
            s.setSoTimeout(1000);
            OutputStream out = s.getOutputStream();
            out.write(("GET / HTTP/1.1\r\nHost: " + ip + "\r\nConnection: close\r\nUser-Agent: orrery-failover-drill\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] head = in.readNBytes(12);
            return head.length == 12 && new String(head, StandardCharsets.US_ASCII).startsWith("HTTP/1.");
        } catch (IOException e) {
            return false;
        }
    };
}
