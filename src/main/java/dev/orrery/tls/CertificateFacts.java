package dev.orrery.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * What a person wants to know of a certificate: who issued it, which names it covers, when it
 * expires, and its serial (which tells one issuance from the next).
 */
public record CertificateFacts(String subject, List<String> names, String issuer, Instant notBefore, Instant notAfter,
                               String serial, String sha256) {

    public static CertificateFacts of(X509Certificate c) {
        return new CertificateFacts(cn(c.getSubjectX500Principal().getName()), sans(c), cn(c.getIssuerX500Principal().getName()),
                c.getNotBefore().toInstant(), c.getNotAfter().toInstant(), c.getSerialNumber().toString(16).toLowerCase(Locale.ROOT),
                fingerprint(c));
    }

    public Duration left(Instant now) {
        return Duration.between(now, notAfter);
    }

    public boolean expired(Instant now) {
        return !now.isBefore(notAfter);
    }

    /** "CN=R11,O=Let's Encrypt" → "R11 (Let's Encrypt)"; otherwise the name as it is. */
    static String cn(String dn) {
        String cn = null;
        String o = null;
        for (String part : dn.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")) {
            String p = part.strip();
            if (p.startsWith("CN=")) {
                cn = p.substring(3);
            } else if (p.startsWith("O=")) {
                o = p.substring(2);
            }
        }
        if (cn == null) {
            return dn;
        }
        return o == null ? cn : cn + " (" + o + ")";
    }

    private static List<String> sans(X509Certificate c) {
        List<String> out = new ArrayList<>();
        try {
            if (c.getSubjectAlternativeNames() != null) {
                for (List<?> san : c.getSubjectAlternativeNames()) {
                    if (san.size() >= 2 && Integer.valueOf(2).equals(san.get(0))) { // dNSName
                        out.add(String.valueOf(san.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // no readable SANs: the subject's name is all there is
        }
        return List.copyOf(out);
    }

    private static String fingerprint(X509Certificate c) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
        } catch (NoSuchAlgorithmException | java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
