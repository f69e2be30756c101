package dev.orrery.alerts;

import dev.orrery.model.Rules;
import dev.orrery.remote.Command;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Reads the certificate the balancer serves from its file over SSH (the cluster's
 * {@code balancer.tls.certificatePath}) and works out when it expires, in Java: no
 * {@code openssl} is needed on the balancer. The first certificate in the file is the server's
 * own (a full chain lists it first).
 */
public final class CertificateCheck {

    private CertificateCheck() {
    }

    /** {@code cat PATH}; the path passed {@link Rules#filePath} when the cluster was read. */
    public static Command command(String certificatePath) {
        Rules.filePath(certificatePath).ifPresent(why -> {
            throw new IllegalArgumentException("certificate path " + why);
        });
        return Command.of("cat", certificatePath).describedAs("read " + certificatePath);
    }

    /** When the file's first certificate stops being valid, and for whom it was made. */
    public record Expiry(Instant notAfter, String subject) {
        public double daysLeft(long nowMs) {
            return (notAfter.toEpochMilli() - nowMs) / 86_400_000.0;
        }
    }

    public static Expiry read(List<String> pemLines) throws CertificateException {
        byte[] pem = (String.join("\n", pemLines) + "\n").getBytes(StandardCharsets.US_ASCII);
        Collection<? extends java.security.cert.Certificate> certs =
                CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem));
        for (java.security.cert.Certificate c : certs) {
            if (c instanceof X509Certificate x) {
                return new Expiry(x.getNotAfter().toInstant(), x.getSubjectX500Principal().getName());
            }
        }
        throw new CertificateException("the file holds no certificate");
    }
}
