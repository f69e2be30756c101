package dev.orrery.proxy;

import dev.orrery.testing.RequiresCommands;
import dev.orrery.model.BalancerKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every golden file passes the real validator: {@code nginx -t -p DIR -c FILE} or
 * {@code haproxy -c -f FILE}, with a self-signed certificate made by the openssl CLI. The golden
 * directory is swapped for a temp directory; nothing else in the text changes.
 *
 * <p>Debian's nginx has no upstream check module (it patches nginx's core and is in no package),
 * so for check-module variants the stock binary validates everything except the module's own
 * directives, which are cut out first and asserted as text in {@link NginxRendererTest}. Likewise
 * the third-party {@code sticky} directive.
 */
@RequiresCommands({"nginx", "haproxy", "openssl"})
class RealValidatorsTest {

    @TempDir
    static Path dir;

    static List<Variant> variants() {
        return Variant.all();
    }

    @BeforeAll
    static void selfSignedCertificate() throws Exception {
        Path tls = Files.createDirectories(dir.resolve("tls"));
        ProcessRunner r = ProcessRunner.run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                "-nodes", "-days", "2", "-subj", "/CN=crater.test",
                "-keyout", tls.resolve("key.pem").toString(), "-out", tls.resolve("cert.pem").toString());
        assertThat(r.exitCode()).as(r.output()).isZero();
        // HAProxy's crt wants certificate and key in one file, as the push writes it.
        Files.writeString(dir.resolve("tls.pem"), Files.readString(tls.resolve("cert.pem")) + Files.readString(tls.resolve("key.pem")));
        Files.createDirectories(dir.resolve("temp"));
        // Orrery's ACME folder, as the push makes it: nginx's challenge folder, HAProxy's (empty) token map.
        Files.createDirectories(dir.resolve("acme/challenge"));
        Files.writeString(dir.resolve("acme/tokens.map"), "");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void passesTheRealValidator(Variant v) throws Exception {
        String text = GoldenFilesTest.golden(v.fileName()).replace(Variant.GOLDEN_DIR, dir.toString());
        Path file = dir.resolve(v.fileName());
        if (v.kind() == BalancerKind.NGINX) {
            String stockText = withoutThirdPartyDirectives(text, v);
            Files.writeString(file, stockText);
            ProcessRunner r = ProcessRunner.run("nginx", "-t", "-p", dir.toString(), "-c", file.toString());
            assertThat(r.exitCode()).as(r.output()).isZero();
            assertThat(r.output()).contains("test is successful");
        } else {
            Files.writeString(file, text);
            ProcessRunner r = ProcessRunner.run("haproxy", "-c", "-f", file.toString());
            assertThat(r.exitCode()).as(r.output()).isZero();
            assertThat(r.output()).contains("Configuration file is valid");
        }
    }

    @Test
    void theValidatorsDoRefuseABrokenConfiguration() throws Exception {
        Variant v = new Variant(BalancerKind.NGINX, dev.orrery.model.Stickiness.IP_HASH, false, false, false);
        String broken = GoldenFilesTest.golden(v.fileName()).replace(Variant.GOLDEN_DIR, dir.toString())
                .replace("proxy_http_version 1.1;", "proxy_http_version 1.1");
        Path file = dir.resolve("broken.conf");
        Files.writeString(file, broken);
        ProcessRunner r = ProcessRunner.run("nginx", "-t", "-p", dir.toString(), "-c", file.toString());
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.output()).contains("test failed");

        Variant h = new Variant(BalancerKind.HAPROXY, dev.orrery.model.Stickiness.IP_HASH, false, false, false);
        Path hfile = dir.resolve("broken.cfg");
        Files.writeString(hfile, GoldenFilesTest.golden(h.fileName()).replace(Variant.GOLDEN_DIR, dir.toString())
                .replace("balance source", "balance sauce"));
        ProcessRunner hr = ProcessRunner.run("haproxy", "-c", "-f", hfile.toString());
        assertThat(hr.exitCode()).isNotZero();
        assertThat(hr.output()).contains("balance only supports");
    }

    /** Cuts what only the check module or the sticky module understand, and proves it was there. */
    static String withoutThirdPartyDirectives(String text, Variant v) {
        List<String> lines = text.lines().toList();
        List<String> kept = lines.stream().filter(l -> !isThirdParty(l.strip())).collect(Collectors.toList());
        int cut = lines.size() - kept.size();
        assertThat(cut).as("third-party directives in %s", v.fileName())
                .isEqualTo(v.kind() == BalancerKind.NGINX
                        // nginx: the check lines and stickiness in the app's upstream and in its DDP twin, one check_status
                        ? (v.checkModule() ? 2 * 3 + 1 : 0) + (v.stickyModule() ? 2 : 0)
                        : (v.checkModule() ? 4 : 0) + (v.stickyModule() ? 1 : 0));
        return String.join("\n", kept) + "\n";
    }

    private static boolean isThirdParty(String line) {
        return line.startsWith("check ") || line.startsWith("check_http_send ") || line.startsWith("check_http_expect_alive ")
                || line.startsWith("check_status ") || line.startsWith("sticky ");
    }
}
