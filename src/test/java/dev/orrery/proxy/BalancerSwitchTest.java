package dev.orrery.proxy;

import com.sun.net.httpserver.HttpServer;
import dev.orrery.model.Balancer;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.Stickiness;
import dev.orrery.remote.LineListener;
import dev.orrery.task.Progress;
import dev.orrery.testing.RequiresCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The kind switch against the real nginx and HAProxy on this machine (loopback, a temp
 * directory): nginx → HAProxy → nginx on the same port, each serving the app afterwards, the old
 * program gone, no alert from Orrery's own configuration; and a new program that cannot start
 * puts the old one back.
 */
@RequiresCommands({"nginx", "haproxy", "curl", "ss"})
class BalancerSwitchTest {
    @TempDir
    Path dir;
    private final RecordingLocalHost host = new RecordingLocalHost();
    private final List<HttpServer> apps = new ArrayList<>();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private String haproxyAddress = "127.0.0.1";

    private BalancerLayout layout(BalancerKind k) {
        return BalancerLayout.under(dir.resolve(k.name().toLowerCase()).toString(), k)
                .listeningOn(k == BalancerKind.HAPROXY ? haproxyAddress : "127.0.0.1");
    }

    @AfterEach
    void stop() throws Exception {
        for (BalancerKind k : BalancerKind.programs()) {
            host.exec(BalancerCommands.hardStop(k, layout(k)), LineListener.IGNORE);
        }
        apps.forEach(a -> a.stop(0));
    }

    private Cluster cluster(int port) throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x")); // nginx's workers read the close flag
        Cluster c = ProxyPushTest.onLoopback(Variant.cluster(BalancerKind.NGINX, Stickiness.NONE, false, dir.toString()));
        Balancer b = c.balancer();
        c = c.withBalancer(new Balancer(BalancerKind.NGINX, b.stickiness(), b.healthCheck(), null, port, 443, List.of()));
        for (int i = 1; i <= 3; i++) {
            HttpServer app = HttpServer.create(new InetSocketAddress("127.0.0.1" + i, c.app().port()), 8);
            String name = "app-" + i;
            app.createContext("/", x -> {
                byte[] body = (name + "\n").getBytes(StandardCharsets.UTF_8);
                x.sendResponseHeaders(200, body.length);
                x.getResponseBody().write(body);
                x.close();
            });
            app.start();
            apps.add(app);
        }
        for (BalancerKind k : BalancerKind.programs()) {
            Files.createDirectories(Path.of(layout(k).configPath()).getParent());
        }
        return c;
    }

    private Progress progress() {
        return new Progress() {
            @Override public void step(String name) { log.add(name); }
            @Override public void fraction(double done) { }
            @Override public void log(String line) { log.add(line); }
            @Override public boolean cancelled() { return false; }
        };
    }

    /** One request on its own connection (an idle keep-alive one would make each switch wait for it to turn over). */
    private static String get(int port) throws Exception {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("GET /x HTTP/1.1\r\nHost: crater\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            return answer.substring(answer.indexOf("\r\n\r\n") + 4);
        }
    }

    private boolean running(BalancerKind k) throws Exception {
        return host.exec(BalancerCommands.running(layout(k)), LineListener.IGNORE).ok();
    }

    @Test
    void nginxToHaproxyAndBackOnTheSamePortLeavingNoStrayProcess() throws Exception {
        int port = ProxyPushTest.freePort();
        Cluster c = cluster(port);
        new ProxyPush(host, layout(BalancerKind.NGINX)).push(c, Progress.NONE);
        assertThat(get(port)).startsWith("app-");
        String nginxPid = Files.readString(Path.of(layout(BalancerKind.NGINX).pidFile())).strip();

        BalancerSwitch.Result toHaproxy = new BalancerSwitch(host, this::layout).run(c, BalancerKind.HAPROXY, progress());

        assertThat(toHaproxy.cluster().balancer().kind()).isEqualTo(BalancerKind.HAPROXY);
        assertThat(toHaproxy.closedMs()).as("HAProxy listened beside nginx before nginx stopped").isZero();
        assertThat(log).contains("the port(s) were never closed: both programs listened during the hand-over");
        assertThat(get(port)).startsWith("app-");
        assertThat(running(BalancerKind.HAPROXY)).isTrue();
        assertThat(Path.of("/proc", nginxPid)).as("the old nginx is gone").doesNotExist();
        assertThat(log).noneMatch(l -> l.contains("ALERT")).noneMatch(l -> l.contains("already specified"));
        assertThat(Path.of(layout(BalancerKind.NGINX).closeFlag())).as("keep-alive is not left off").doesNotExist();

        String haproxyPid = Files.readString(Path.of(layout(BalancerKind.HAPROXY).pidFile())).strip();
        BalancerSwitch.Result back = new BalancerSwitch(host, this::layout).run(toHaproxy.cluster(), BalancerKind.NGINX, progress());

        assertThat(back.cluster().balancer().kind()).isEqualTo(BalancerKind.NGINX);
        assertThat(back.closedMs()).isZero();
        assertThat(get(port)).startsWith("app-");
        assertThat(Path.of("/proc", haproxyPid)).as("the old HAProxy is gone").doesNotExist();
        assertThat(running(BalancerKind.NGINX)).isTrue();
    }

    @Test
    void aNewBalancerThatCannotStartPutsTheOldOneBack() throws Exception {
        int port = ProxyPushTest.freePort();
        Cluster c = cluster(port);
        new ProxyPush(host, layout(BalancerKind.NGINX)).push(c, Progress.NONE);
        haproxyAddress = "192.0.2.1"; // not an address of this machine: HAProxy validates, but cannot bind

        ProxyPushException e = catchThrowableOfType(ProxyPushException.class,
                () -> new BalancerSwitch(host, this::layout).run(c, BalancerKind.HAPROXY, progress()));

        assertThat(e).isNotNull();
        assertThat(e.restored()).isTrue();
        assertThat(e.getMessage()).contains("nginx serves again as before");
        assertThat(log).as("nginx was never stopped").noneMatch(l -> l.startsWith("Stop nginx"));
        assertThat(get(port)).startsWith("app-");
        assertThat(running(BalancerKind.NGINX)).isTrue();
        assertThat(running(BalancerKind.HAPROXY)).isFalse();
        assertThat(Path.of(layout(BalancerKind.HAPROXY).configPath())).as("no half-switched HAProxy configuration is left live").doesNotExist();
    }

    @Test
    void anNginxConfigurationFromBeforeReuseportIsStoppedThenReplacedAndTheClosedTimeIsMeasured() throws Exception {
        int port = ProxyPushTest.freePort();
        Cluster c = cluster(port);
        ProxyConfig rendered = ProxyRenderer.render(c, layout(BalancerKind.NGINX), BalancerFeatures.STOCK);
        ProxyConfig old = new ProxyConfig(rendered.kind(), rendered.text().replace(" reuseport;", ";"), rendered.fingerprint());
        new ProxyPush(host, layout(BalancerKind.NGINX)).push(old, port, Progress.NONE);

        BalancerSwitch.Result r = new BalancerSwitch(host, this::layout).run(c, BalancerKind.HAPROXY, progress());

        assertThat(r.closedMs()).isGreaterThanOrEqualTo(0);
        assertThat(log).anyMatch(l -> l.startsWith("the port(s) were closed for "));
        assertThat(get(port)).startsWith("app-");
    }

    @Test
    void aSwitchThatCannotBeginChangesNothing() throws Exception {
        int port = ProxyPushTest.freePort();
        Cluster c = cluster(port);
        new ProxyPush(host, layout(BalancerKind.NGINX)).push(c, Progress.NONE);
        String nginxPid = Files.readString(Path.of(layout(BalancerKind.NGINX).pidFile())).strip();
        Cluster withTls = c.withBalancer(new Balancer(BalancerKind.NGINX, Stickiness.NONE, c.balancer().healthCheck(),
                new dev.orrery.model.Tls("crater.test", dir.resolve("missing-cert.pem").toString(), dir.resolve("missing-key.pem").toString()),
                port, ProxyPushTest.freePort(), List.of()));

        Throwable e = org.assertj.core.api.Assertions.catchThrowable(
                () -> new BalancerSwitch(host, this::layout).run(withTls, BalancerKind.HAPROXY, progress()));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("missing-cert.pem");
        assertThat(Files.readString(Path.of(layout(BalancerKind.NGINX).pidFile())).strip()).isEqualTo(nginxPid);
        assertThat(get(port)).startsWith("app-");
    }
}
