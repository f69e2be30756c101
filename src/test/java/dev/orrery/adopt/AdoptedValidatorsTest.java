package dev.orrery.adopt;

import dev.orrery.adopt.conf.HaproxyConf;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.Tls;
import dev.orrery.proxy.BalancerFeatures;
import dev.orrery.proxy.BalancerLayout;
import dev.orrery.proxy.ProxyRenderer;
import dev.orrery.testing.RequiresCommands;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an import keeps, Orrery writes back: the configuration rendered from the imported seed
 * (with its kept directives: includes, gzip, ciphers, headers, errorfiles …) passes the real
 * {@code nginx -t} and {@code haproxy -c}. Only the certificate paths point at a test certificate.
 */
@RequiresCommands({"nginx", "haproxy", "openssl"})
class AdoptedValidatorsTest {
    @TempDir
    static Path dir;
    static Tls tls;

    @BeforeAll
    static void certificate() throws Exception {
        run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
                "-subj", "/CN=crater.io", "-keyout", dir.resolve("key.pem").toString(), "-out", dir.resolve("cert.pem").toString());
        Files.writeString(dir.resolve("tls.pem"), Files.readString(dir.resolve("cert.pem")) + Files.readString(dir.resolve("key.pem")));
        Files.createDirectories(dir.resolve("temp"));
        // HAProxy's ACME answer reads this map (a push makes it on the balancer); haproxy -c needs it to exist.
        Files.createDirectories(dir.resolve("acme"));
        Files.writeString(dir.resolve("acme/tokens.map"), "");
        tls = new Tls("crater.io", dir.resolve("cert.pem").toString(), dir.resolve("key.pem").toString());
    }

    @Test
    void theImportedSeedNginxPassesNginxT() throws Exception {
        Cluster c = NginxImport.read(NginxImportTest.seed(), null, new NginxImport.Options(false)).cluster();
        c = c.withBalancer(c.balancer().withTls(tls));
        BalancerLayout layout = BalancerLayout.under(dir.toString(), BalancerKind.NGINX).listeningOn("127.0.0.1");
        Path file = Files.writeString(dir.resolve("nginx.conf"), ProxyRenderer.render(c, layout, BalancerFeatures.STOCK).text());
        String out = run("nginx", "-t", "-p", dir.toString(), "-c", file.toString());
        assertThat(out).contains("test is successful");
        assertThat(Files.readString(file)).contains("include /etc/nginx/mime.types;").contains("ssl_ciphers 'ECDHE-RSA-AES128-GCM-SHA256");
    }

    @Test
    void theImportedSeedHaproxyPassesHaproxyC() throws Exception {
        Cluster c = HaproxyImport.read(HaproxyConf.parse("/etc/haproxy/haproxy.cfg", Resources.text("seed-haproxy.cfg")), null, "crater.io").cluster();
        BalancerLayout layout = BalancerLayout.under(dir.toString(), BalancerKind.HAPROXY).listeningOn("127.0.0.1");
        Path file = Files.writeString(dir.resolve("haproxy.cfg"), ProxyRenderer.render(c, layout, BalancerFeatures.STOCK).text());
        String out = run("haproxy", "-c", "-f", file.toString());
        assertThat(out).contains("Configuration file is valid");
        assertThat(Files.readString(file)).contains("errorfile 503 /etc/haproxy/errors/503.http").contains("acl is_websocket");
    }

    static String run(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", argv) + ":\n" + out).isZero();
        return out;
    }
}
