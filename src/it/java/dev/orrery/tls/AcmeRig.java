package dev.orrery.tls;

import dev.orrery.it.Sys;
import org.junit.jupiter.api.Assumptions;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real ACME CA on this machine for the integration tests: Debian's {@code pebble} (the ACME
 * server Let's Encrypt publishes for client tests) and {@code pebble-challtestsrv} as its DNS.
 * Pebble listens on loopback with a certificate from a CA made here ({@link #trust()}: trusted
 * by the test's Orrery only); it validates http-01 on port 80 of whatever address the mock DNS
 * gives a name ({@link #addA}), and dns-01 from the mock DNS's TXT records ({@link #setTxt}).
 *
 * <p>Pebble runs with {@code PEBBLE_VA_NOSLEEP=1} (no random pause before validating),
 * {@code PEBBLE_WFE_NONCEREJECT=0} and {@code PEBBLE_AUTHZREUSE=0}, so every order validates
 * every name and runs are repeatable.
 */
public final class AcmeRig implements AutoCloseable {
    private final Path dir;
    private final String address;
    private final List<Process> processes = new ArrayList<>();
    private final int acmePort;
    private final int managementPort;
    private final int dnsPort;
    private final int challtestPort;
    private final HttpClient http = HttpClient.newHttpClient();

    private AcmeRig(Path dir, String address) throws IOException {
        this.dir = dir;
        this.address = address;
        this.acmePort = freePort();
        this.managementPort = freePort();
        this.dnsPort = freePort();
        this.challtestPort = freePort();
    }

    /**
     * Starts Pebble's ACME listener on {@code address} (this machine's side of the test hosts'
     * bridge, so a balancer's own renewal script reaches it too) and the rest on loopback.
     */
    public static AcmeRig start(Path dir, String address) throws Exception {
        for (String p : List.of("pebble", "pebble-challtestsrv", "openssl")) {
            Assumptions.assumeTrue(Sys.available(p), p + " is not installed (apt-get install pebble openssl)");
        }
        AcmeRig rig = new AcmeRig(Files.createDirectories(dir), address);
        try {
            rig.begin();
            return rig;
        } catch (Exception | Error e) {
            rig.close();
            throw e;
        }
    }

    private void begin() throws Exception {
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
                "-subj", "/CN=orrery-it-acme-ca", "-keyout", dir.resolve("ca.key").toString(), "-out", dir.resolve("ca.pem").toString());
        openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-subj", "/CN=localhost",
                "-keyout", dir.resolve("pebble.key").toString(), "-out", dir.resolve("pebble.csr").toString());
        Files.writeString(dir.resolve("san.cnf"), "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:" + address + "\n");
        openssl("x509", "-req", "-in", dir.resolve("pebble.csr").toString(), "-CA", dir.resolve("ca.pem").toString(),
                "-CAkey", dir.resolve("ca.key").toString(), "-CAcreateserial", "-days", "2", "-extfile", dir.resolve("san.cnf").toString(),
                "-out", dir.resolve("pebble.pem").toString());
        Files.writeString(dir.resolve("pebble.json"), """
                {"pebble": {"listenAddress": "%s:%d", "managementListenAddress": "127.0.0.1:%d",
                  "certificate": "%s", "privateKey": "%s", "httpPort": 80, "tlsPort": 443,
                  "ocspResponderURL": "", "externalAccountBindingRequired": false}}
                """.formatted(address, acmePort, managementPort, dir.resolve("pebble.pem"), dir.resolve("pebble.key")));

        ProcessBuilder dns = new ProcessBuilder("pebble-challtestsrv", "-management", "127.0.0.1:" + challtestPort,
                "-dns01", "127.0.0.1:" + dnsPort, "-http01", "", "-https01", "", "-tlsalpn01", "",
                "-defaultIPv4", "127.0.0.2", "-defaultIPv6", "");
        processes.add(dns.redirectErrorStream(true).redirectOutput(dir.resolve("challtestsrv.log").toFile()).start());
        ProcessBuilder pebble = new ProcessBuilder("pebble", "-config", dir.resolve("pebble.json").toString(),
                "-dnsserver", "127.0.0.1:" + dnsPort, "-strict=false");
        pebble.environment().put("PEBBLE_VA_NOSLEEP", "1");
        pebble.environment().put("PEBBLE_WFE_NONCEREJECT", "0");
        pebble.environment().put("PEBBLE_AUTHZREUSE", "0");
        processes.add(pebble.redirectErrorStream(true).redirectOutput(dir.resolve("pebble.log").toFile()).start());
        dev.orrery.it.Wait.until("pebble and pebble-challtestsrv to answer", () -> {
            try {
                return get(directoryUrl()).contains("newOrder")
                        && http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + challtestPort + "/add-a"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"host\":\"ready.test.\",\"addresses\":[\"127.0.0.2\"]}")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
            } catch (IOException | InterruptedException | RuntimeException e) {
                return false;
            }
        });
    }

    /** The ACME directory URL, as a cluster file names it. */
    public String directoryUrl() {
        return "https://" + address + ":" + acmePort + "/dir";
    }

    /** The PEM file of the CA that signed Pebble's own listener certificate (what Orrery's ACME session must trust). */
    public Path trust() {
        return dir.resolve("ca.pem");
    }

    /** The mock DNS server, {@code 127.0.0.1:PORT}, as ORRERY_DNS_SERVERS names it. */
    public String dnsServer() {
        return "127.0.0.1:" + dnsPort;
    }

    /** Pebble's issuing root (it makes a new one at each start): what a client of the balancer trusts in these tests. */
    public X509Certificate issuingRoot() throws Exception {
        String pem = get("https://127.0.0.1:" + managementPort + "/roots/0");
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new java.io.ByteArrayInputStream(pem.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    }

    /** Trust in Pebble's issuing root only: the test's HTTPS clients use it, nothing else does. */
    public javax.net.ssl.TrustManager[] clientTrust() throws Exception {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        ks.setCertificateEntry("pebble", issuingRoot());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        return tmf.getTrustManagers();
    }

    /** The mock DNS answers A queries for {@code host} with {@code address}. */
    public void addA(String host, String address) throws IOException, InterruptedException {
        manage("/add-a", "{\"host\":\"" + host + ".\",\"addresses\":[\"" + address + "\"]}");
    }

    public void setTxt(String fqdn, String value) throws IOException, InterruptedException {
        manage("/set-txt", "{\"host\":\"" + fqdn + ".\",\"value\":\"" + value + "\"}");
    }

    public void clearTxt(String fqdn) throws IOException, InterruptedException {
        manage("/clear-txt", "{\"host\":\"" + fqdn + ".\"}");
    }

    private void manage(String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + challtestPort + path))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("pebble-challtestsrv " + path + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    private String get(String url) throws IOException, InterruptedException {
        try {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            try (InputStream in = Files.newInputStream(trust())) {
                ks.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            HttpClient c = HttpClient.newBuilder().sslContext(ctx).connectTimeout(Duration.ofSeconds(5)).build();
            return c.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    public String pebbleLog() throws IOException {
        return Files.readString(dir.resolve("pebble.log"));
    }

    private void openssl(String... args) {
        List<String> argv = new ArrayList<>(List.of("openssl"));
        argv.addAll(List.of(args));
        Sys.run(argv).orThrow("openssl " + args[0]);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        for (Process p : processes) {
            p.destroy();
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
