package dev.orrery.deploy;

import com.sun.net.httpserver.HttpServer;
import dev.orrery.model.AppSpec;
import dev.orrery.model.Balancer;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.HealthCheck;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.model.Stickiness;
import dev.orrery.proxy.BalancerCommands;
import dev.orrery.proxy.BalancerLayout;
import dev.orrery.proxy.ProxyPush;
import dev.orrery.remote.LineListener;
import dev.orrery.remote.LocalHost;
import dev.orrery.task.Progress;
import dev.orrery.testing.RequiresCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link IpHash} against a real nginx running the configuration Orrery renders with {@code ip_hash}:
 * clients from 40 different /24s (127.X.Y.Z, all loopback on Linux) land where the model says, with
 * every server up and with each one refusing connections in turn (where its clients are displaced to).
 */
@RequiresCommands("nginx")
class IpHashNginxTest {
    @TempDir
    Path dir;
    private final LocalHost host = new LocalHost();
    private BalancerLayout layout;
    private final HttpServer[] apps = new HttpServer[3];

    @AfterEach
    void stop() throws Exception {
        if (layout != null && Files.exists(Path.of(layout.pidFile()))) {
            host.exec(BalancerCommands.stop(BalancerKind.NGINX, layout), LineListener.IGNORE);
        }
        for (HttpServer a : apps) {
            if (a != null) {
                a.stop(0);
            }
        }
    }

    @Test
    void nginxSendsEachClientWhereTheModelSays() throws Exception {
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        layout = BalancerLayout.under(dir.toString(), BalancerKind.NGINX).listeningOn("127.0.0.1");
        int port = freePort();
        int appPort = freePort();
        Balancer b = new Balancer(BalancerKind.NGINX, Stickiness.IP_HASH, new HealthCheck("/health", 750, 2, 2, 1000), null, port, 443, List.of());
        List<Server> servers = new ArrayList<>(List.of(Server.of("lb-1", Role.BALANCER, "127.0.0.1")));
        for (int i = 1; i <= 3; i++) {
            servers.add(Server.of("app-" + i, Role.APP, "127.0.0.1" + i).withAddresses("127.0.0.1" + i, "127.0.0.1" + i));
        }
        Cluster c = new Cluster("crater", new AppSpec("crater", appPort, null, null), b, servers);
        for (int i = 0; i < 3; i++) {
            start(i, appPort);
        }
        new ProxyPush(host, layout).push(c, Progress.NONE);

        List<String> clients = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            clients.add("127." + (i * 37 % 250 + 1) + "." + (i * 11 % 250 + 2) + ".9");
        }
        int[] seen = new int[3];
        for (String client : clients) {
            int expected = IpHash.pick(IpHash.ipv4(client), 3, Set.of());
            assertThat(serverFor(client, port)).as("%s with every server up", client).isEqualTo("app-" + (expected + 1));
            seen[expected]++;
        }
        assertThat(java.util.Arrays.stream(seen).min().orElse(0)).as("the 40 clients spread over all three servers").isPositive();

        for (int stopped = 0; stopped < 3; stopped++) {
            apps[stopped].stop(0);
            for (String client : clients) {
                int expected = IpHash.pick(IpHash.ipv4(client), 3, Set.of(stopped));
                assertThat(serverFor(client, port)).as("%s with app-%d refusing", client, stopped + 1).isEqualTo("app-" + (expected + 1));
            }
            start(stopped, appPort);
            // nginx skips the refusing server for fail_timeout: restart nginx so the next round starts clean
            host.exec(BalancerCommands.stop(BalancerKind.NGINX, layout), LineListener.IGNORE);
            org.awaitility.Awaitility.await().until(() -> !Files.exists(Path.of(layout.pidFile())));
            new ProxyPush(host, layout).push(c, Progress.NONE);
        }
    }

    private void start(int i, int appPort) throws Exception {
        String name = "app-" + (i + 1);
        HttpServer app = HttpServer.create(new InetSocketAddress("127.0.0.1" + (i + 1), appPort), 8);
        app.createContext("/", x -> {
            byte[] body = (name + "\n").getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        app.start();
        apps[i] = app;
    }

    /** One GET through nginx from {@code client} (bound as the source address); the app server that answered. */
    private static String serverFor(String client, int port) throws Exception {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(client), 0));
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write("GET /x HTTP/1.1\r\nHost: crater\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
            String status = in.readLine();
            assertThat(status).contains("200");
            String last = null;
            for (String l; (l = in.readLine()) != null; ) {
                last = l;
            }
            return last;
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
