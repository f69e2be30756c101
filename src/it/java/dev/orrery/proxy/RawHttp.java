package dev.orrery.proxy;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal HTTP/1.1 client over one socket bound to a chosen source address (java.net.http
 * cannot choose it), keep-alive or not. It never retries: a request that fails, fails — which
 * is what the balancer tests and the kill benchmark must count.
 */
public final class RawHttp implements AutoCloseable {

    public record Response(int status, Map<String, String> headers, String body) {
        public String server() {
            return headers.getOrDefault("x-server", "");
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String hostHeader;

    public RawHttp(String sourceAddress, String address, int port, int timeoutMs) throws IOException {
        socket = new Socket();
        if (sourceAddress != null) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(sourceAddress), 0));
        }
        socket.connect(new InetSocketAddress(InetAddress.getByName(address), port), timeoutMs);
        socket.setSoTimeout(timeoutMs);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        hostHeader = address + ":" + port;
    }

    /** One request on a fresh connection, closed after. */
    public static Response once(String source, String address, int port, String method, String path) throws IOException {
        try (RawHttp h = new RawHttp(source, address, port, 10_000)) {
            return h.send(method, path, method.equals("POST") ? "x".repeat(64) : null, false);
        }
    }

    public Response send(String method, String path, String body, boolean keepAlive) throws IOException {
        byte[] b = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\n"
                + (keepAlive ? "" : "Connection: close\r\n")
                + (body == null ? "" : "Content-Type: text/plain\r\nContent-Length: " + b.length + "\r\n") + "\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(b);
        out.flush();
        String status = line();
        if (status == null) {
            throw new IOException("connection closed before a response");
        }
        String[] parts = status.split(" ", 3);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String l; (l = line()) != null && !l.isEmpty(); ) {
            int colon = l.indexOf(':');
            headers.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
        }
        int code = Integer.parseInt(parts[1]);
        if (code == 101) {
            return new Response(code, headers, "");
        }
        String length = headers.get("content-length");
        byte[] content;
        if (length != null) {
            content = in.readNBytes(Integer.parseInt(length));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (int n; (n = Integer.parseInt(line().split(";")[0].trim(), 16)) > 0; ) {
                all.write(in.readNBytes(n));
                line();
            }
            line();
            content = all.toByteArray();
        } else {
            content = in.readAllBytes();
        }
        return new Response(code, headers, new String(content, StandardCharsets.UTF_8));
    }

    /** Opens a WebSocket on this connection, sends one text frame and returns the frames' text received (greeting + echo). */
    String webSocketEcho(String path, String text) throws IOException {
        String key = Base64.getEncoder().encodeToString("orrery-ws-test-k".getBytes(StandardCharsets.US_ASCII));
        out.write(("GET " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String status = line();
        if (status == null || !status.contains(" 101 ")) {
            throw new IOException("no WebSocket upgrade: " + status);
        }
        while (!line().isEmpty()) {
            // headers
        }
        String greeting = frame();
        byte[] p = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = {1, 2, 3, 4};
        out.write(new byte[] {(byte) 0x81, (byte) (0x80 | p.length)});
        out.write(mask);
        for (int i = 0; i < p.length; i++) {
            out.write(p[i] ^ mask[i % 4]);
        }
        out.flush();
        return greeting + "|" + frame();
    }

    private String frame() throws IOException {
        int b0 = in.read();
        int len = in.read() & 0x7f;
        if (b0 < 0) {
            throw new IOException("WebSocket closed");
        }
        if (len == 126) {
            len = (in.read() << 8) | in.read();
        }
        return new String(in.readNBytes(len), StandardCharsets.UTF_8);
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c; (c = in.read()) != -1; ) {
            if (c == '\n') {
                String s = b.toString(StandardCharsets.US_ASCII);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
