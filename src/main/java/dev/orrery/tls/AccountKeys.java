package dev.orrery.tls;

import dev.orrery.cloud.StoredSecret;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

/**
 * The ACME account key: one for this Orrery, made on first use and kept like the DigitalOcean
 * token (the system keychain, else {@code ORRERY_HOME/secrets/acme-account-key}, mode 0600,
 * refused when others can read it); never in a cluster file or a log.
 *
 * <p>RSA 2048, because the balancer's renewal script ({@code dehydrated}) signs with the same
 * account and takes RSA account keys only. Stored as one line: base64 of the PKCS#8 key.
 */
public final class AccountKeys {
    private final StoredSecret store;

    public AccountKeys(StoredSecret store) {
        this.store = store;
    }

    public String describe() {
        return store.describe();
    }

    /** The stored key, or a new one saved first (so an account is never made with a key that is then lost). */
    public synchronized KeyPair loadOrCreate() throws IOException {
        var stored = store.load();
        if (stored.isPresent()) {
            return decode(stored.get());
        }
        KeyPair fresh = generate();
        store.save(Base64.getEncoder().encodeToString(fresh.getPrivate().getEncoded()));
        return fresh;
    }

    /** The private key as a PEM file ({@code BEGIN PRIVATE KEY}), for the balancer's renewal script. */
    public static byte[] pem(KeyPair key) {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getPrivate().getEncoded());
        return ("-----BEGIN PRIVATE KEY-----\n" + b64 + "\n-----END PRIVATE KEY-----\n").getBytes(StandardCharsets.US_ASCII);
    }

    static KeyPair generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java has RSA", e);
        }
    }

    static KeyPair decode(String base64) throws IOException {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey priv = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
            return new KeyPair(rsa.generatePublic(new RSAPublicKeySpec(priv.getModulus(), priv.getPublicExponent())), priv);
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            // Never echo the stored text: it is the key.
            throw new IOException("the stored ACME account key does not read as an RSA key (" + e.getClass().getSimpleName() + ")");
        }
    }
}
