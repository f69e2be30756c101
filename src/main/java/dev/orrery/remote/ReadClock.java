package dev.orrery.remote;

import javax.net.SocketFactory;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * When one SSH connection last received bytes from its server. The sockets of {@link #sockets()}
 * stamp the time on every read that returns data (sshj's reader reads whole buffers, so that is
 * one volatile write per packet batch), so {@link IdleKeepAlive} can ask the server for a sign of
 * life only after it has been quiet for a whole interval.
 */
final class ReadClock {
    private volatile long lastRead = System.nanoTime();

    /** Nanoseconds since the server last sent anything (since the connection was made, before that). */
    long quietNanos() {
        return System.nanoTime() - lastRead;
    }

    /** Plain TCP sockets whose input stamps this clock. */
    SocketFactory sockets() {
        return new SocketFactory() {
            @Override
            public Socket createSocket() {
                return new StampingSocket();
            }

            @Override
            public Socket createSocket(String host, int port) throws IOException {
                return connected(new InetSocketAddress(host, port));
            }

            @Override
            public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
                return boundAndConnected(new InetSocketAddress(localHost, localPort), new InetSocketAddress(host, port));
            }

            @Override
            public Socket createSocket(InetAddress host, int port) throws IOException {
                return connected(new InetSocketAddress(host, port));
            }

            @Override
            public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
                return boundAndConnected(new InetSocketAddress(localAddress, localPort), new InetSocketAddress(address, port));
            }

            private Socket boundAndConnected(InetSocketAddress local, InetSocketAddress to) throws IOException {
                Socket s = new StampingSocket();
                s.bind(local);
                s.connect(to);
                return s;
            }

            private Socket connected(InetSocketAddress to) throws IOException {
                Socket s = new StampingSocket();
                s.connect(to);
                return s;
            }
        };
    }

    private final class StampingSocket extends Socket {
        private InputStream in;

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (in == null) {
                in = new FilterInputStream(super.getInputStream()) {
                    @Override
                    public int read() throws IOException {
                        int b = super.read();
                        if (b >= 0) {
                            lastRead = System.nanoTime();
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buf, int off, int len) throws IOException {
                        int n = super.read(buf, off, len);
                        if (n > 0) {
                            lastRead = System.nanoTime();
                        }
                        return n;
                    }
                };
            }
            return in;
        }
    }
}
