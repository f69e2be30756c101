package dev.orrery.tls;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Which roots a connection to the ACME CA trusts: the JDK's, plus the roots in the PEM file
 * named by {@code ORRERY_ACME_CA_CERTS} (for a test or private CA such as Pebble). Nothing is
 * added to any system trust store; the extra roots serve Orrery's ACME sessions only.
 */
public final class AcmeTrust {
    public static final String ENV = "ORRERY_ACME_CA_CERTS";

    private final List<X509Certificate> extraRoots;
    private final Path file;

    private AcmeTrust(List<X509Certificate> extraRoots, Path file) {
        this.extraRoots = List.copyOf(extraRoots);
        this.file = file;
    }

    public static AcmeTrust jdkOnly() {
        return new AcmeTrust(List.of(), null);
    }

    public static AcmeTrust fromEnvironment(Map<String, String> env) throws IOException {
        String f = env.get(ENV);
        return f == null || f.isBlank() ? jdkOnly() : withRootsFrom(Path.of(f));
    }

    public static AcmeTrust withRootsFrom(Path pem) throws IOException {
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : certs) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw new IOException(pem + " holds no certificate");
            }
            return new AcmeTrust(out, pem);
        } catch (java.security.cert.CertificateException e) {
            throw new IOException(pem + " is not a PEM certificate file: " + e.getMessage(), e);
        }
    }

    /** The PEM file of extra roots, or null: the balancer's renewal script trusts the same ones. */
    public Path file() {
        return file;
    }

    public List<X509Certificate> extraRoots() {
        return extraRoots;
    }

    SSLContext sslContext() {
        try {
            if (extraRoots.isEmpty()) {
                return SSLContext.getDefault();
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            TrustManagerFactory jdk = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            jdk.init((KeyStore) null);
            int i = 0;
            for (javax.net.ssl.TrustManager tm : jdk.getTrustManagers()) {
                if (tm instanceof javax.net.ssl.X509TrustManager x) {
                    for (X509Certificate c : x.getAcceptedIssuers()) {
                        store.setCertificateEntry("jdk-" + i++, c);
                    }
                }
            }
            for (X509Certificate c : extraRoots) {
                store.setCertificateEntry("extra-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the TLS trust for the ACME CA: " + e.getMessage(), e);
        }
    }
}
