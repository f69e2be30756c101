package dev.orrery.sampleapp;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sandbox's sample app: behaves like a small Meteor server so that what Orrery does to a
 * real cluster can be seen on a laptop. Every answer names the server and the release version;
 * {@code GET /health} answers 200 (or 503 while a file named {@code FAIL_HEALTH} sits in the
 * working directory, or when the release itself is built broken); {@code /websocket} is a
 * long-lived WebSocket like DDP. Runs on any Java 17, which is always there where Orrery runs.
 *
 * <p>Environment: {@code PORT} (required), {@code BIND} (else {@code ORRERY_ADDRESS}, the address
 * Orrery's balancer reaches this server at, else 127.0.0.1), {@code SERVER_NAME} (else {@code ORRERY_SERVER}).
 * The version comes from {@code sampleapp/release.properties} inside the release jar.
 */
public final class SampleApp {

    private final String version;
    private final boolean broken;
    private final String server;
    private final AtomicLong requests = new AtomicLong();

    SampleApp(String version, boolean broken, String server) {
        this.version = version;
        this.broken = broken;
        this.server = server;
    }

    public static void main(String[] args) throws IOException {
        Properties release = new Properties();
        try (InputStream in = SampleApp.class.getResourceAsStream("/sampleapp/release.properties")) {
            if (in != null) {
                release.load(in);
            }
        }
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "3000"));
        Map<String, String> env = System.getenv();
        String bind = env.getOrDefault("BIND", env.getOrDefault("ORRERY_ADDRESS", "127.0.0.1"));
        String name = env.getOrDefault("SERVER_NAME", env.getOrDefault("ORRERY_SERVER", "sample"));
        SampleApp app = new SampleApp(release.getProperty("version", "dev"),
                Boolean.parseBoolean(release.getProperty("broken", "false")), name);
        app.serve(new InetSocketAddress(InetAddress.getByName(bind), port));
    }

    void serve(InetSocketAddress address) throws IOException {
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "sample-conn");
            t.setDaemon(true);
            return t;
        });
        ServerSocket listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(address, 512);
        // SIGTERM: stop accepting, give requests in flight a moment to finish, as Galaxy does.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                listener.close();
                pool.shutdown();
                pool.awaitTermination(2, TimeUnit.SECONDS);
            } catch (IOException | InterruptedException ignored) {
                // exiting anyway
            }
        }));
        System.out.println("sample app " + version + " (" + server + ") listening on " + address);
        System.out.flush();
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                try {
                    pool.execute(() -> handle(socket));
                } catch (java.util.concurrent.RejectedExecutionException stopping) {
                    // Accepted just before SIGTERM shut the pool: still answer it (the balancer already
                    // sent the request and will not retry a POST), on this thread, then stop.
                    handle(socket);
                }
            } catch (IOException e) {
                if (listener.isClosed()) {
                    break;
                }
            }
        }
    }

    private void handle(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
                HttpRequest request = HttpRequest.read(in);
                if (request == null) {
                    return;
                }
                requests.incrementAndGet();
                if (request.isWebSocketUpgrade()) {
                    WebSocketSession.run(socket, request, "hello from " + server + " " + version);
                    return;
                }
                boolean keepAlive = request.keepAlive();
                respond(out, request, keepAlive);
                if (!keepAlive) {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            // a client that went away mid-request is not the app's problem
        }
    }

    private void respond(OutputStream out, HttpRequest request, boolean keepAlive) throws IOException {
        int status;
        String body;
        String path = request.path();
        if (path.equals("/health") || path.startsWith("/health?")) {
            boolean healthy = !broken && !Files.exists(Path.of("FAIL_HEALTH"));
            status = healthy ? 200 : 503;
            body = (healthy ? "ok " : "failing ") + server + " " + version + "\n";
        } else if (request.method().equals("POST")) {
            status = 200;
            body = "posted " + request.body().length + " bytes to " + server + " " + version + "\n";
        } else {
            status = 200;
            body = "sample app " + version + " on " + server + ", request " + requests.get() + "\n";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + (status == 200 ? " OK" : " Service Unavailable") + "\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: " + bytes.length + "\r\n"
                + "X-App-Version: " + version + "\r\n"
                + "X-Server: " + server + "\r\n"
                + (keepAlive ? "" : "Connection: close\r\n") + "\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
        out.flush();
    }
}
