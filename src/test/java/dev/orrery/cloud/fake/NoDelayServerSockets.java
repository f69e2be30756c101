package dev.orrery.cloud.fake;

import javax.net.ServerSocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Server sockets whose connections send at once (TCP_NODELAY). MockWebServer writes a response's
 * head and body separately; with Nagle's algorithm and the client's delayed ACK that costs
 * ~40 ms a request on loopback — the fake's time, not Orrery's, so benchmarks turn it off.
 */
public final class NoDelayServerSockets extends ServerSocketFactory {

    @Override
    public ServerSocket createServerSocket() throws IOException {
        return new NoDelay();
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
        return bind(new NoDelay(), port, 50, null);
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog) throws IOException {
        return bind(new NoDelay(), port, backlog, null);
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
        return bind(new NoDelay(), port, backlog, address);
    }

    private static ServerSocket bind(ServerSocket s, int port, int backlog, InetAddress address) throws IOException {
        s.bind(new java.net.InetSocketAddress(address, port), backlog);
        return s;
    }

    private static final class NoDelay extends ServerSocket {
        NoDelay() throws IOException {
            super();
        }

        @Override
        public Socket accept() throws IOException {
            Socket s = super.accept();
            s.setTcpNoDelay(true);
            return s;
        }
    }
}
