package dev.orrery.model;

import dev.orrery.store.ClusterStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The cluster's ACME settings: what Rules accept, what the validator refuses, and the file round trip. */
class AcmeSettingsTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"crater.io", "www.crater.io", "*.crater.io", "a-b.c-d.example.org"})
    void goodCertificateNames(String v) {
        assertThat(Rules.certificateName(v)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost", "*", "*.", "a.*.crater.io", "**.crater.io", "www.*", "crater.io;reboot", "crater io", "*.crater.io\n"})
    void badCertificateNames(String v) {
        assertThat(Rules.certificateName(v)).isPresent();
    }

    @Test
    void directoriesAndEmails() {
        assertThat(Rules.acmeDirectory("letsencrypt")).isEmpty();
        assertThat(Rules.acmeDirectory("letsencrypt-staging")).isEmpty();
        assertThat(Rules.acmeDirectory("https://acme.example.org/directory")).isEmpty();
        assertThat(Rules.acmeDirectory("https://198.18.1.1:14000/dir")).isEmpty();
        assertThat(Rules.acmeDirectory("http://acme.example.org/directory")).hasValueSatisfying(m -> assertThat(m).contains("https://"));
        assertThat(Rules.acmeDirectory("https://x.org/dir';reboot'")).isPresent();
        assertThat(Rules.email("ops@crater.io")).isEmpty();
        assertThat(Rules.email(null)).isEmpty();
        assertThat(Rules.email("ops")).isPresent();
        assertThat(Rules.email("o ps@crater.io")).isPresent();
        assertThat(Rules.email("ops@crater")).isPresent();
        assertThat(Rules.email("a@b@crater.io")).isPresent();
    }

    private static Cluster with(Acme acme, String serverName) {
        Cluster c = new Cluster("crater", new AppSpec("crater", 3000, null, null), Balancer.defaults(),
                List.of(Server.of("lb-1", Role.BALANCER, "10.0.1.2"), Server.of("app-1", Role.APP, "10.0.1.3")));
        return c.withBalancer(c.balancer().withTls(Tls.acme("crater", serverName, acme)));
    }

    @Test
    void aWildcardNeedsDns01AndTheServerNameAFullName() {
        Acme http = new Acme(null, null, List.of("*.crater.io"), Acme.Challenge.HTTP_01, null, null);
        assertThat(ClusterValidator.validate(with(http, "crater.io")))
                .anySatisfy(p -> assertThat(p.field() + " " + p.message()).contains("balancer.tls.acme.names[0]").contains("dns-01"));
        assertThat(ClusterValidator.validate(with(http.withChallenge(Acme.Challenge.DNS_01, "crater.io"), "crater.io"))).isEmpty();
        assertThat(ClusterValidator.validate(with(Acme.letsEncrypt(null), "localhost")))
                .anySatisfy(p -> assertThat(p.field()).isEqualTo("balancer.tls.serverName"));
        assertThat(ClusterValidator.validate(with(Acme.letsEncrypt("not-an-address"), "crater.io")))
                .anySatisfy(p -> assertThat(p.field()).isEqualTo("balancer.tls.acme.email"));
    }

    @Test
    void theSectionRoundTripsThroughTheClusterFileWithItsDefaults() throws Exception {
        Cluster c = with(new Acme("letsencrypt-staging", "ops@crater.io", List.of("www.crater.io"), Acme.Challenge.HTTP_01, null,
                Acme.RenewOn.BALANCER), "crater.io");
        Path f = dir.resolve("crater.json");
        ClusterStore.save(f, c);
        String text = Files.readString(f);
        assertThat(text).contains("\"acme\"").contains("\"renewOn\" : \"balancer\"").contains("\"challenge\" : \"http-01\"")
                .doesNotContain("dnsZone");
        assertThat(ClusterStore.load(f)).isEqualTo(c);

        Files.writeString(f, text.replaceAll("(?s)\"acme\" : \\{.*?\\}", "\"acme\" : { }"));
        Acme defaults = ClusterStore.load(f).balancer().tls().acme();
        assertThat(defaults.directory()).isEqualTo(Acme.LETSENCRYPT);
        assertThat(defaults.challenge()).isEqualTo(Acme.Challenge.HTTP_01);
        assertThat(defaults.renewOn()).isEqualTo(Acme.RenewOn.ORRERY);
        assertThat(defaults.names()).isEmpty();
    }
}
