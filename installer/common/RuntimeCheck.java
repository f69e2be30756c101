import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.KeyGenerator;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Run by the installer scripts on the jlink'd runtime before packaging it: the algorithms Orrery
 * needs for SSH (EC, X25519, Ed25519 keys and key exchange, AES-GCM/CTR) and for the DigitalOcean
 * API over TLS (a TLS 1.3 context with a non-empty trust store) must be there. jdeps cannot see
 * these: they are looked up by name at run time, so a missing module only shows up on a user's
 * machine, as "no such algorithm", in the middle of connecting. Prints what failed and exits 1.
 */
public final class RuntimeCheck {

    public static void main(String[] args) throws Exception {
        List<String> failed = new ArrayList<>();
        check(failed, "EC P-256 keys + ECDSA", () -> {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            sign(g.generateKeyPair(), "SHA256withECDSA");
        });
        check(failed, "ECDH key agreement", () -> {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            agree("ECDH", g.generateKeyPair(), g.generateKeyPair());
        });
        check(failed, "X25519 key agreement", () -> {
            KeyPairGenerator g = KeyPairGenerator.getInstance("X25519");
            agree("X25519", g.generateKeyPair(), g.generateKeyPair());
        });
        check(failed, "Ed25519 keys + signatures", () -> sign(KeyPairGenerator.getInstance("Ed25519").generateKeyPair(), "Ed25519"));
        check(failed, "RSA keys + SHA-256 signatures", () -> {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            sign(g.generateKeyPair(), "SHA256withRSA");
        });
        check(failed, "AES-GCM and AES-CTR", () -> {
            KeyGenerator k = KeyGenerator.getInstance("AES");
            k.init(256);
            Cipher.getInstance("AES/GCM/NoPadding");
            Cipher c = Cipher.getInstance("AES/CTR/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, k.generateKey());
        });
        check(failed, "TLS 1.3 with a non-empty trust store", () -> {
            SSLContext.getInstance("TLSv1.3").init(null, null, null);
            TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            f.init((java.security.KeyStore) null);
            X509TrustManager tm = (X509TrustManager) f.getTrustManagers()[0];
            if (tm.getAcceptedIssuers().length == 0) {
                throw new IllegalStateException("no trusted certificate authorities");
            }
        });
        // With the app's jar on the class path: the embedded store (sqlite-jdbc) finds its native
        // library for this system (the Linux package keeps only this system's).
        if (RuntimeCheck.class.getClassLoader().getResource("org/sqlite/JDBC.class") != null) {
            check(failed, "sqlite-jdbc's native library for this system", () -> {
                try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite::memory:");
                     java.sql.Statement st = c.createStatement()) {
                    st.executeQuery("select sqlite_version()").close();
                }
            });
        }
        if (!failed.isEmpty()) {
            System.err.println("runtime check failed: " + String.join("; ", failed));
            System.exit(1);
        }
        System.out.println("runtime check: SSH and TLS algorithms present");
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void check(List<String> failed, String what, Step step) {
        try {
            step.run();
        } catch (Exception | LinkageError e) {
            failed.add(what + " (" + e + ")");
        }
    }

    private static void sign(KeyPair kp, String algorithm) throws Exception {
        Signature s = Signature.getInstance(algorithm);
        s.initSign(kp.getPrivate());
        s.update(new byte[] {1, 2, 3});
        byte[] sig = s.sign();
        s.initVerify(kp.getPublic());
        s.update(new byte[] {1, 2, 3});
        if (!s.verify(sig)) {
            throw new IllegalStateException(algorithm + " signature does not verify");
        }
    }

    private static void agree(String algorithm, KeyPair a, KeyPair b) throws Exception {
        KeyAgreement x = KeyAgreement.getInstance(algorithm);
        x.init(a.getPrivate());
        x.doPhase(b.getPublic(), true);
        KeyAgreement y = KeyAgreement.getInstance(algorithm);
        y.init(b.getPrivate());
        y.doPhase(a.getPublic(), true);
        if (!java.util.Arrays.equals(x.generateSecret(), y.generateSecret())) {
            throw new IllegalStateException(algorithm + " secrets differ");
        }
    }
}
