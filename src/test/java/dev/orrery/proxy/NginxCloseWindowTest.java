package dev.orrery.proxy;

import com.sun.net.httpserver.HttpServer;
import dev.orrery.model.Balancer;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.Stickiness;
import dev.orrery.task.Progress;
import dev.orrery.testing.RequiresCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A push behind the real nginx empties it of keep-alive connections before it reloads: a client
 * holding an idle keep-alive connection gets its next answer with {@code Connection: close}
 * (instead of a connection the reload drops under it), and only then does nginx reload.
 */
@RequiresCommands({"nginx", "curl"})
class NginxCloseWindowTest {

    @TempDir
    Path dir;
    private final RecordingLocalHost host = new RecordingLocalHost();
    private BalancerLayout layout;
    private final List<HttpServer> apps = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        if (layout != null && Files.exists(Path.of(layout.pidFile()))) {
            host.exec(BalancerCommands.stop(BalancerKind.NGINX, layout), dev.orrery.remote.LineListener.IGNORE);
        }
        apps.forEach(a -> a.stop(0));
    }

    @Test
    void anIdleKeepAliveClientIsToldToCloseBeforeTheReload() throws Exception {
        // nginx's workers (nobody, when the test runs as root) must see the flag: as /run/orrery on a droplet
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        layout = BalancerLayout.under(dir.toString(), BalancerKind.NGINX).listeningOn("127.0.0.1");
        int port = ProxyPushTest.freePort();
        Cluster c = ProxyPushTest.onLoopback(Variant.cluster(BalancerKind.NGINX, Stickiness.NONE, false, dir.toString()));
        Balancer b = c.balancer();
        c = c.withBalancer(new Balancer(BalancerKind.NGINX, b.stickiness(), b.healthCheck(), null, port, 443, List.of()));
        for (int i = 1; i <= 3; i++) {
            HttpServer app = HttpServer.create(new InetSocketAddress("127.0.0.1" + i, c.app().port()), 8);
            app.createContext("/", x -> {
                byte[] body = "ok\n".getBytes(StandardCharsets.UTF_8);
                x.sendResponseHeaders(200, body.length);
                x.getResponseBody().write(body);
                x.close();
            });
            app.start();
            apps.add(app);
        }
        new ProxyPush(host, layout).push(c, Progress.NONE);

        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = s.getOutputStream();
            assertThat(get(out, in)).as("keep-alive before the push").contains("Connection: keep-alive");

            List<String> log = new CopyOnWriteArrayList<>();
            Cluster next = c.withBalancer(c.balancer().withDrained("app-3", true));
            CompletableFuture<ProxyConfig> push = CompletableFuture.supplyAsync(() -> {
                try {
                    return new ProxyPush(host, layout).push(next, logTo(log));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            // the push has raised the flag and noted the connections open at that moment
            await().atMost(Duration.ofMinutes(3)).until(() -> ran(host, "ss -Htn"));
            assertThat(push).as("nginx is not reloaded while the old connection is open").isNotDone();

            assertThat(get(out, in)).as("the next answer on the old connection").contains("Connection: close");
            ProxyConfig live = push.get();

            assertThat(Path.of(layout.closeFlag())).as("keep-alive is on again").doesNotExist();
            assertThat(log).anyMatch(l -> l.contains("1 client connection(s) closed after their answers"));
            int flagRaised = indexOf(host.commands, "mkdir -p");
            int reload = indexOf(host.commands, "-s reload");
            assertThat(flagRaised).as("the flag goes up before the reload").isBetween(0, reload);
            assertThat(host.exec(BalancerCommands.localGet(layout, port, ProxyConfig.STATUS_PATH), dev.orrery.remote.LineListener.IGNORE).output())
                    .contains(live.statusBody());
        }
    }

    private static boolean ran(RecordingLocalHost host, String part) {
        synchronized (host) { // exec holds it while it appends
            return host.commands.stream().anyMatch(c -> c.contains(part));
        }
    }

    private static int indexOf(List<String> commands, String part) {
        for (int i = 0; i < commands.size(); i++) {
            if (commands.get(i).contains(part)) {
                return i;
            }
        }
        return -1;
    }

    /** One GET on the connection; returns the head of the answer (status line and headers). */
    private static String get(OutputStream out, BufferedReader in) throws Exception {
        out.write("GET /x HTTP/1.1\r\nHost: crater\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        StringBuilder head = new StringBuilder();
        int length = 0;
        for (String l; (l = in.readLine()) != null && !l.isEmpty(); ) {
            head.append(l).append('\n');
            if (l.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(l.substring(15).strip());
            }
        }
        for (int i = 0; i < length; i++) {
            in.read();
        }
        return head.toString();
    }

    private static Progress logTo(List<String> log) {
        return new Progress() {
            @Override public void step(String name) { log.add(name); }
            @Override public void fraction(double done) { }
            @Override public void log(String line) { log.add(line); }
            @Override public boolean cancelled() { return false; }
        };
    }
}
