package dev.orrery.proxy;

import dev.orrery.testing.RequiresCommands;
import dev.orrery.model.Balancer;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.InvalidClusterException;
import dev.orrery.model.Stickiness;
import dev.orrery.task.Progress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * The push workflow against the real nginx and HAProxy binaries on this machine, listening on
 * loopback only, run from a temp directory (the sandbox layout). The SSH path is the same
 * workflow over another {@link dev.orrery.remote.Host}; the integration tests cover it on test hosts.
 */
@RequiresCommands({"nginx", "haproxy", "openssl", "curl", "perl"})
class ProxyPushTest {

    @TempDir
    Path dir;
    private RecordingLocalHost host;
    private BalancerLayout layout;
    private BalancerKind kind;

    @AfterEach
    void stopBalancer() throws Exception {
        if (host != null && Files.exists(Path.of(layout.pidFile()))) {
            host.exec(BalancerCommands.stop(kind, layout), dev.orrery.remote.LineListener.IGNORE);
        }
    }

    private Cluster cluster(Stickiness s, int port) throws IOException {
        Balancer b = Variant.cluster(kind, s, false, dir.toString()).balancer();
        return onLoopback(Variant.cluster(kind, s, false, dir.toString()))
                .withBalancer(new Balancer(kind, b.stickiness(), b.healthCheck(), null, port, 443, b.drained()));
    }

    /**
     * The golden cluster's app servers moved to loopback addresses (127.0.0.11-13) and a free port:
     * HAProxy's active checks and any proxied request stay on this machine.
     */
    static Cluster onLoopback(Cluster c) throws IOException {
        c = c.withApp(new dev.orrery.model.AppSpec("crater", freePort(), null, null));
        for (int i = 1; i <= 3; i++) {
            String a = "127.0.0.1" + i;
            c = c.replaceServer("app-" + i, c.server("app-" + i).orElseThrow().withAddresses(a, a));
        }
        return c;
    }

    private void setUp(BalancerKind k) {
        kind = k;
        host = new RecordingLocalHost();
        layout = BalancerLayout.under(dir.toString(), k).listeningOn("127.0.0.1");
    }

    private String answer(int port) throws Exception {
        return host.exec(BalancerCommands.localGet(layout, port, ProxyConfig.STATUS_PATH), dev.orrery.remote.LineListener.IGNORE).output();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @ParameterizedTest
    @EnumSource(value = BalancerKind.class, names = {"NGINX", "HAPROXY"})
    void aPushGoesLiveAndTheNextKeepsThePrevious(BalancerKind k) throws Exception {
        setUp(k);
        int port = freePort();
        ProxyConfig first = new ProxyPush(host, layout).push(cluster(Stickiness.IP_HASH, port), Progress.NONE);
        assertThat(answer(port)).contains(first.statusBody());
        assertThat(Files.readString(Path.of(layout.configPath()))).isEqualTo(first.text());

        ProxyConfig second = new ProxyPush(host, layout).push(cluster(Stickiness.NONE, port), Progress.NONE);
        assertThat(second.fingerprint()).isNotEqualTo(first.fingerprint());
        // The push saw the new configuration answer; nginx's old workers (listening with reuseport)
        // may still take a connection or two while they finish, then only the new one answers.
        await("only the second configuration answers").atMost(java.time.Duration.ofMinutes(1)).ignoreExceptions()
                .until(() -> answer(port).contains(second.statusBody()) && answer(port).contains(second.statusBody()));
        assertThat(Files.readString(Path.of(layout.previousPath()))).isEqualTo(first.text());
        assertThat(Path.of(layout.candidatePath())).doesNotExist();
    }

    @ParameterizedTest
    @EnumSource(value = BalancerKind.class, names = {"NGINX", "HAPROXY"})
    void aConfigurationThatFailsValidationIsNeverLive(BalancerKind k) throws Exception {
        setUp(k);
        int port = freePort();
        ProxyConfig good = new ProxyPush(host, layout).push(cluster(Stickiness.IP_HASH, port), Progress.NONE);
        ProxyConfig rendered = ProxyRenderer.render(cluster(Stickiness.NONE, port), layout, BalancerFeatures.STOCK);
        ProxyConfig broken = new ProxyConfig(k, rendered.text().replace(k == BalancerKind.NGINX ? "proxy_http_version 1.1;" : "balance roundrobin",
                k == BalancerKind.NGINX ? "proxy_http_version 1.1" : "balance sauce"), rendered.fingerprint());

        ProxyPushException e = catchThrowableOfType(ProxyPushException.class,
                () -> new ProxyPush(host, layout).push(broken, port, Progress.NONE));

        assertThat(e.stage()).isEqualTo("validation");
        assertThat(e.detail()).contains(k == BalancerKind.NGINX ? "[emerg]" : "balance only supports");
        assertThat(e.getMessage()).contains(e.detail().strip());
        assertThat(Files.readString(Path.of(layout.configPath()))).isEqualTo(good.text());
        assertThat(host.commands).noneMatch(c -> c.startsWith("mv -f " + layout.candidatePath()) && c.contains("sauce"));
        assertThat(Path.of(layout.candidatePath())).doesNotExist();
        assertThat(answer(port)).contains(good.statusBody());
    }

    @ParameterizedTest
    @EnumSource(value = BalancerKind.class, names = {"NGINX", "HAPROXY"})
    void aReloadThatCannotTakeEffectPutsThePreviousBack(BalancerKind k) throws Exception {
        setUp(k);
        int port = freePort();
        ProxyConfig good = new ProxyPush(host, layout).push(cluster(Stickiness.IP_HASH, port), Progress.NONE);
        // Valid text that cannot be loaded: its port is taken. nginx -t and haproxy -c do not bind, so only the reload finds out.
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ProxyPushException e = catchThrowableOfType(ProxyPushException.class, () ->
                    new ProxyPush(host, layout, java.time.Duration.ofSeconds(4)).push(cluster(Stickiness.NONE, taken.getLocalPort()), Progress.NONE));
            assertThat(e).isNotNull();
            assertThat(e.stage()).isIn("reload", "answer");
            assertThat(e.restored()).isTrue();
        }
        assertThat(Files.readString(Path.of(layout.configPath()))).isEqualTo(good.text());
        assertThat(answer(port)).contains(good.statusBody());
    }

    @ParameterizedTest
    @EnumSource(value = BalancerKind.class, names = {"NGINX", "HAPROXY"})
    void anInvalidClusterIsRefusedBeforeTheHostIsTouched(BalancerKind k) throws Exception {
        setUp(k);
        Cluster c = cluster(Stickiness.IP_HASH, 8080);
        Cluster hostile = c.replaceServer("app-1", c.server("app-1").orElseThrow().withAddresses("10.0.0.1", "10.0.0.1;evil"));
        InvalidClusterException e = catchThrowableOfType(InvalidClusterException.class,
                () -> new ProxyPush(host, layout).push(hostile, Progress.NONE));
        assertThat(e.getMessage()).contains("servers[1].privateAddress");
        assertThat(host.commands).isEmpty();
        assertThat(Path.of(layout.candidatePath())).doesNotExist();
    }

    @org.junit.jupiter.api.Test
    void haproxyDrainsAndUndrainsThroughTheRuntimeApiWithoutAReload() throws Exception {
        setUp(BalancerKind.HAPROXY);
        int port = freePort();
        int appPort = freePort();
        // Live app servers on loopback addresses, so HAProxy's checks pass and its status shows the drain.
        Cluster c = cluster(Stickiness.IP_HASH, port);
        c = c.withApp(new dev.orrery.model.AppSpec("crater", appPort, null, null));
        java.util.List<com.sun.net.httpserver.HttpServer> apps = new java.util.ArrayList<>();
        for (String a : new String[] {"127.0.0.11", "127.0.0.12"}) {
            com.sun.net.httpserver.HttpServer app = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress(a, appPort), 8);
            app.createContext("/", x -> { x.sendResponseHeaders(200, -1); x.close(); });
            app.start();
            apps.add(app);
        }
        try {
            drainAndUndrain(c, port);
        } finally {
            apps.forEach(a -> a.stop(0));
        }
    }

    private void drainAndUndrain(Cluster c, int port) throws Exception {
        new ProxyPush(host, layout).push(c, Progress.NONE);
        Cluster pushed = c;
        waitUntil(() -> BalancerView.read(host, pushed, layout).orElseThrow().stream()
                .anyMatch(p -> "app-1".equals(p.server()) && p.state() == PeerState.UP));
        String pid = Files.readString(Path.of(layout.pidFile())).strip();

        Cluster drained = new ProxyDrain(host, layout).drain(c, "app-1", Progress.NONE);
        assertThat(drained.balancer().isDrained("app-1")).isTrue();
        java.util.List<PeerStatus> view = BalancerView.read(host, c, layout).orElseThrow();
        assertThat(view).filteredOn(p -> "app-1".equals(p.server())).singleElement().extracting(PeerStatus::state).isEqualTo(PeerState.DRAIN);
        assertThat(view).filteredOn(p -> "app-3".equals(p.server())).singleElement().extracting(PeerStatus::state).isEqualTo(PeerState.MAINT);

        Cluster back = new ProxyDrain(host, layout).undrain(drained, "app-1", Progress.NONE);
        assertThat(back.balancer().isDrained("app-1")).isFalse();
        assertThat(BalancerView.read(host, c, layout).orElseThrow()).filteredOn(p -> "app-1".equals(p.server()))
                .singleElement().extracting(PeerStatus::state).isNotEqualTo(PeerState.DRAIN);
        assertThat(Files.readString(Path.of(layout.pidFile())).strip()).as("no reload happened").isEqualTo(pid);
        assertThat(host.commands).noneMatch(cmd -> cmd.contains("-sf"));
    }

    interface Check {
        boolean ok() throws Exception;
    }

    /** Polls (HAProxy's checks take a few intervals); the limit is only a safety net. */
    static void waitUntil(Check check) {
        await("condition").atMost(java.time.Duration.ofMinutes(2)).pollInterval(java.time.Duration.ofMillis(100)).until(check::ok);
    }

    @org.junit.jupiter.api.Test
    void nginxDrainsByPushingTheServerMarkedDown() throws Exception {
        setUp(BalancerKind.NGINX);
        int port = freePort();
        Cluster c = cluster(Stickiness.IP_HASH, port);
        new ProxyPush(host, layout).push(c, Progress.NONE);
        Cluster drained = new ProxyDrain(host, layout).drain(c, "app-2", Progress.NONE);
        assertThat(Files.readString(Path.of(layout.configPath()))).contains("server 127.0.0.12:" + c.app().port() + " down;  # app-2, drained");
        assertThat(BalancerView.read(host, drained, layout)).as("stock nginx keeps no status of its own").isEmpty();
        InvalidClusterException e = catchThrowableOfType(InvalidClusterException.class,
                () -> new ProxyDrain(host, layout).drain(c, "lb-1", Progress.NONE));
        assertThat(e.getMessage()).contains("not an app server");
    }

    @ParameterizedTest
    @EnumSource(value = BalancerKind.class, names = {"NGINX", "HAPROXY"})
    void tlsPushesServeHttpsAndRedirectPlainHttp(BalancerKind k) throws Exception {
        setUp(k);
        Path tls = Files.createDirectories(dir.resolve("tls"));
        ProcessRunner cert = ProcessRunner.run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                "-nodes", "-days", "2", "-subj", "/CN=localhost", "-keyout", tls.resolve("key.pem").toString(), "-out", tls.resolve("cert.pem").toString());
        assertThat(cert.exitCode()).as(cert.output()).isZero();
        int http = freePort();
        int https = freePort();
        Cluster c = onLoopback(Variant.cluster(k, Stickiness.IP_HASH, true, dir.toString()));
        Balancer b = c.balancer();
        c = c.withBalancer(new Balancer(k, b.stickiness(), b.healthCheck(),
                new dev.orrery.model.Tls("localhost", tls.resolve("cert.pem").toString(), tls.resolve("key.pem").toString()), http, https, b.drained()));

        new ProxyPush(host, layout).push(c, Progress.NONE);

        ProcessRunner redirect = ProcessRunner.run("curl", "-sS", "-o", "/dev/null", "-w", "%{http_code} %{redirect_url}",
                "http://127.0.0.1:" + http + "/page?x=1");
        assertThat(redirect.output()).isEqualTo("301 https://localhost:" + https + "/page?x=1");
        // No app server answers here: the balancer's own 502/503 over TLS proves the handshake with the pushed certificate.
        ProcessRunner secure = ProcessRunner.run("curl", "-sS", "-k", "-o", "/dev/null", "-w", "%{http_code} %{http_version}",
                "--resolve", "localhost:" + https + ":127.0.0.1", "https://localhost:" + https + "/");
        assertThat(secure.output()).matches("50[23] 2");
        if (k == BalancerKind.HAPROXY) {
            assertThat(Files.readString(Path.of(layout.tlsBundle()))).contains("BEGIN CERTIFICATE").contains("PRIVATE KEY");
            assertThat(java.nio.file.Files.getPosixFilePermissions(Path.of(layout.tlsBundle())))
                    .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        }
    }
}
