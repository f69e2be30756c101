package dev.orrery.tls;

import dev.orrery.model.Acme;
import dev.orrery.model.AppSpec;
import dev.orrery.model.Balancer;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.HealthCheck;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.model.Stickiness;
import dev.orrery.model.Tls;
import dev.orrery.proxy.BalancerCommands;
import dev.orrery.proxy.BalancerFeatures;
import dev.orrery.proxy.BalancerLayout;
import dev.orrery.proxy.ProxyConfig;
import dev.orrery.proxy.ProxyRenderer;
import dev.orrery.remote.LineListener;
import dev.orrery.remote.LocalHost;
import dev.orrery.testing.RequiresCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The always-rendered {@code /.well-known/acme-challenge/} location, served for real: nginx from
 * the challenge folder, HAProxy from its token map filled through the runtime API (with socat
 * and with perl), neither reloaded; and HAProxy's certificate replaced through the runtime API.
 */
@RequiresCommands({"nginx", "haproxy", "openssl", "socat", "perl", "curl"})
class ChallengeServingTest {
    @TempDir
    Path dir;
    private final LocalHost host = new LocalHost();
    private BalancerLayout layout;
    private BalancerKind kind;

    @AfterEach
    void stop() throws Exception {
        if (layout != null) {
            host.exec(BalancerCommands.stop(kind, layout), LineListener.IGNORE);
        }
        host.close();
    }

    private Cluster start(BalancerKind k, int http, int https) throws Exception {
        kind = k;
        // nginx's workers run as nobody when the tests run as root: they must reach the challenge folder, as on a droplet.
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        layout = BalancerLayout.under(dir.toString(), k).listeningOn("127.0.0.1");
        Tls tls = new Tls("crater.test", dir + "/tls/fullchain.pem", dir + "/tls/privkey.pem", Acme.letsEncrypt(null));
        Cluster c = new Cluster("crater", new AppSpec("crater", 3000, null, null),
                new Balancer(k, Stickiness.IP_HASH, HealthCheck.DEFAULT, tls, http, https, List.of()),
                List.of(Server.of("lb-1", Role.BALANCER, "127.0.0.1"), Server.of("app-1", Role.APP, "127.0.0.9")));
        host.run(BalancerCommands.ensureTlsKey(tls.certificatePath(), tls.keyPath(), "crater.test", null));
        host.run(BalancerCommands.tlsBundle(tls.certificatePath(), tls.keyPath(), layout.tlsBundle() == null ? dir + "/unused.pem" : layout.tlsBundle()));
        host.run(BalancerCommands.acmeFolder(k, layout));
        if (layout.tempDir() != null) {
            host.run(BalancerCommands.makeDirectory(layout.tempDir()));
        }
        ProxyConfig config = ProxyRenderer.render(c, layout, BalancerFeatures.STOCK);
        Files.writeString(Path.of(layout.configPath()), config.text());
        host.run(BalancerCommands.validate(k, layout, layout.configPath()));
        host.run(BalancerCommands.reload(k, layout, false));
        org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(3)).until(() -> get(http, "/orrery-balancer").contains(config.statusBody()));
        return c;
    }

    @Test
    void nginxServesATokenFromTheChallengeFolderWithoutAReload() throws Exception {
        int http = freePort();
        start(BalancerKind.NGINX, http, freePort());
        String pid = Files.readString(Path.of(layout.pidFile())).strip();
        host.write("tok-1.thumbprint".getBytes(StandardCharsets.US_ASCII), layout.acmeChallengeDir() + "/tok-1", 0644);
        String answer = get(http, "/.well-known/acme-challenge/tok-1");
        assertThat(answer).startsWith("HTTP/1.1 200").contains("Content-Type: text/plain").endsWith("tok-1.thumbprint");
        assertThat(get(http, "/.well-known/acme-challenge/other")).startsWith("HTTP/1.1 404");
        assertThat(get(http, "/anything")).as("everything else still goes to https").startsWith("HTTP/1.1 301");
        assertThat(Files.readString(Path.of(layout.pidFile())).strip()).as("no reload, no restart").isEqualTo(pid);
    }

    @Test
    void haproxyAnswersTokensAddedThroughTheRuntimeApiBySocatAndByPerl() throws Exception {
        int http = freePort();
        start(BalancerKind.HAPROXY, http, freePort());
        for (boolean socat : new boolean[]{true, false}) {
            String token = socat ? "tok-socat" : "tok-perl";
            host.run(BalancerCommands.runtimeApi(layout.statsSocket(), "add map " + layout.acmeMap() + " " + token + " " + token + ".thumb", socat));
            assertThat(get(http, "/.well-known/acme-challenge/" + token)).startsWith("HTTP/1.1 200").endsWith(token + ".thumb");
            host.run(BalancerCommands.runtimeApi(layout.statsSocket(), "del map " + layout.acmeMap() + " " + token, socat));
            assertThat(get(http, "/.well-known/acme-challenge/" + token)).as("removed again").startsWith("HTTP/1.1 301");
        }
        assertThat(Files.readString(Path.of(layout.acmeMap()))).as("the map file is never written").isEmpty();
    }

    @Test
    void haproxyTakesANewCertificateThroughTheRuntimeApiBySocatAndByPerl() throws Exception {
        int https = freePort();
        Cluster c = start(BalancerKind.HAPROXY, freePort(), https);
        Tls tls = c.balancer().tls();
        String before = CertificateFacts.of(ServedCertificate.read("127.0.0.1", https, "crater.test", Duration.ofSeconds(5)).get(0)).serial();
        for (boolean socat : new boolean[]{true, false}) {
            // a new certificate for the same key, with a blank line inside as dehydrated prints them
            host.run(dev.orrery.remote.Command.of("sh", "-c", "openssl req -x509 -key \"$1\" -subj /CN=crater.test -days 3 -out \"$2\" 2>/dev/null"
                    + " && printf '\\n' >> \"$2\"", "sh", tls.keyPath(), tls.certificatePath()));
            host.run(BalancerCommands.tlsBundle(tls.certificatePath(), tls.keyPath(), layout.tlsBundle()));
            StringBuilder answer = new StringBuilder();
            assertThat(host.exec(TlsCommands.commitCertificate(layout.statsSocket(), layout.tlsBundle(), socat), l -> answer.append(l).append('\n'))
                    .ok()).isTrue();
            assertThat(answer).contains(TlsCommands.COMMITTED);
            String served = CertificateFacts.of(ServedCertificate.read("127.0.0.1", https, "crater.test", Duration.ofSeconds(5)).get(0)).serial();
            assertThat(served).as(socat ? "socat" : "perl").isNotEqualTo(before);
            before = served;
        }
    }

    private static String get(int port, String path) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: crater.test\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
