package dev.orrery.deploy;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Steady, bounded load through the balancer from a client that never retries: each of
 * {@code connections} threads keeps one HTTP/1.1 keep-alive connection and alternates GET and
 * POST, pausing between requests. Every request that does not come back as a complete 2xx answer
 * counts as failed — a reset, an EOF on a reused connection, a 502 — and the thread reconnects
 * for the next one. A connection is reopened without penalty only when the server said
 * {@code Connection: close} on a complete answer (what a correct server does).
 *
 * <p>Written on raw sockets on purpose: java.net.http and HttpURLConnection silently retry an
 * idempotent request that failed on a reused connection (HttpURLConnection even retries POSTs),
 * which is exactly what must not hide an error here.
 *
 * <p>{@link #overTls} makes it an HTTPS client: each connection is a TLS connection (server name
 * in SNI, the given trust), opened anew every {@code reconnectEvery} requests, so new handshakes
 * keep happening during the test; {@link #serials} counts the certificates they were served.
 */
public final class LoadClient implements AutoCloseable {
    private final String host;
    private final int port;
    private final int connections;
    private final long pauseMs;
    private final long maxRequestsPerConnection;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;
    public final AtomicLong ok = new AtomicLong();
    public final AtomicLong failed = new AtomicLong();
    public final AtomicLong failedGets = new AtomicLong();
    public final AtomicLong failedPosts = new AtomicLong();
    public final Map<String, AtomicLong> versions = new ConcurrentHashMap<>();
    /** Answers per app server (its X-Server header). */
    public final Map<String, AtomicLong> servers = new ConcurrentHashMap<>();
    public final List<String> failures = new CopyOnWriteArrayList<>();
    /** HTTPS: handshakes per serial of the certificate served (lower-case hex). */
    public final Map<String, AtomicLong> serials = new ConcurrentHashMap<>();
    private javax.net.ssl.TrustManager[] tls;
    private String serverName;
    private long reconnectEvery = Long.MAX_VALUE;

    public LoadClient(String host, int port, int connections, long pauseMs, long maxRequestsPerConnection) {
        this.host = host;
        this.port = port;
        this.connections = connections;
        this.pauseMs = pauseMs;
        this.maxRequestsPerConnection = maxRequestsPerConnection;
    }

    /** Speaks HTTPS trusting {@code trust}, {@code serverName} in SNI, and a new connection every {@code reconnectEvery} requests. */
    public LoadClient overTls(javax.net.ssl.TrustManager[] trust, String serverName, long reconnectEvery) {
        this.tls = trust;
        this.serverName = serverName;
        this.reconnectEvery = reconnectEvery;
        return this;
    }

    /** Trusts any certificate: for a test balancer whose certificate is self-signed (an adopted one's). */
    public static javax.net.ssl.TrustManager[] trustAnyCertificate() {
        return new javax.net.ssl.TrustManager[]{new javax.net.ssl.X509TrustManager() {
            @Override public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a) { }
            @Override public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a) { }
            @Override public java.security.cert.X509Certificate[] getAcceptedIssuers() { return new java.security.cert.X509Certificate[0]; }
        }};
    }

    public LoadClient start() {
        running = true;
        for (int i = 0; i < connections; i++) {
            int n = i;
            Thread t = new Thread(() -> loop(n), "load-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        return this;
    }

    public long total() {
        return ok.get() + failed.get();
    }

    /** Stops the threads (they finish the request in hand) and waits for them. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread t : threads) {
            t.join(30_000);
        }
    }

    private void loop(int n) {
        Socket s = null;
        InputStream in = null;
        long sent = 0;
        long onThisConnection = 0;
        while (running && sent < maxRequestsPerConnection) {
            boolean post = sent % 2 == 1;
            sent++;
            try {
                if (s == null) {
                    s = new Socket();
                    s.setTcpNoDelay(true);
                    s.setSoTimeout(30_000);
                    s.connect(new InetSocketAddress(host, port), 5_000);
                    if (tls != null) {
                        s = handshake(s);
                    }
                    in = new BufferedInputStream(s.getInputStream());
                    onThisConnection = 0;
                }
                onThisConnection++;
                Answer a = request(s, in, post, n, sent);
                if (a.status >= 200 && a.status < 300) {
                    ok.incrementAndGet();
                    versions.computeIfAbsent(a.version, v -> new AtomicLong()).incrementAndGet();
                    servers.computeIfAbsent(a.server, v -> new AtomicLong()).incrementAndGet();
                } else {
                    fail((post ? "POST" : "GET") + " → HTTP " + a.status + " " + a.body.strip());
                }
                if (a.close || onThisConnection >= reconnectEvery) {
                    s.close();
                    s = null;
                }
            } catch (IOException e) {
                fail((post ? "POST" : "GET") + " → " + e);
                closeQuietly(s);
                s = null;
            }
            sleep(pauseMs);
        }
        closeQuietly(s);
    }

    private Socket handshake(Socket raw) throws IOException {
        // A new context per connection: no cached session, so each handshake is a full one and shows the certificate served now.
        javax.net.ssl.SSLContext ctx;
        try {
            ctx = javax.net.ssl.SSLContext.getInstance("TLS");
            ctx.init(null, tls, null);
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
        javax.net.ssl.SSLSocket t = (javax.net.ssl.SSLSocket) ctx.getSocketFactory().createSocket(raw, serverName, port, true);
        javax.net.ssl.SSLParameters p = t.getSSLParameters();
        p.setServerNames(List.of(new javax.net.ssl.SNIHostName(serverName)));
        t.setSSLParameters(p);
        t.startHandshake();
        java.security.cert.X509Certificate leaf = (java.security.cert.X509Certificate) t.getSession().getPeerCertificates()[0];
        serials.computeIfAbsent(leaf.getSerialNumber().toString(16), k -> new AtomicLong()).incrementAndGet();
        return t;
    }

    private void fail(String what) {
        failed.incrementAndGet();
        (what.startsWith("POST") ? failedPosts : failedGets).incrementAndGet();
        if (failures.size() < 50) {
            failures.add(System.currentTimeMillis() + " " + what);
        }
    }

    record Answer(int status, String version, String server, boolean close, String body) {
    }

    private Answer request(Socket s, InputStream in, boolean post, int n, long seq) throws IOException {
        OutputStream out = s.getOutputStream();
        String path = "/load/" + n + "/" + seq;
        String body = post ? "{\"n\":" + n + ",\"seq\":" + seq + "}" : "";
        String req = (post ? "POST " : "GET ") + path + " HTTP/1.1\r\nHost: crater\r\nUser-Agent: orrery-load\r\n"
                + (post ? "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n" : "") + "\r\n" + body;
        out.write(req.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String status = line(in);
        if (status == null) {
            throw new IOException("EOF before any answer (connection closed by the server)");
        }
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP answer: " + status);
        }
        int code = Integer.parseInt(parts[1]);
        long length = -1;
        boolean close = parts[0].equals("HTTP/1.0");
        String version = "?";
        String server = "?";
        for (String h; (h = line(in)) != null && !h.isEmpty(); ) {
            int colon = h.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = h.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "connection" -> close = value.equalsIgnoreCase("close");
                case "x-version", "x-app-version" -> version = value; // the sample app says X-App-Version
                case "x-server" -> server = value;
                default -> { }
            }
        }
        if (length < 0) {
            throw new IOException("answer without Content-Length: " + status);
        }
        byte[] b = in.readNBytes((int) length);
        if (b.length < length) {
            throw new IOException("EOF in the middle of the body");
        }
        return new Answer(code, version, server, close, new String(b, StandardCharsets.UTF_8));
    }

    /** One header line; reads byte by byte so nothing past the body is consumed. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                String l = b.toString(StandardCharsets.ISO_8859_1);
                return l.endsWith("\r") ? l.substring(0, l.length() - 1) : l;
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }

    private static void closeQuietly(Socket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing a broken socket
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
