package dev.orrery.remote;

import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * A server's public host key as SSH writes it: the type name ({@code ssh-ed25519}, {@code ssh-rsa} …)
 * and the key blob. Compared byte for byte; shown to people as its OpenSSH SHA-256 fingerprint.
 */
public record HostKey(String type, byte[] blob) {

    public HostKey {
        Objects.requireNonNull(type, "type");
        blob = blob.clone();
    }

    public static HostKey of(PublicKey key) {
        byte[] blob = new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
        return new HostKey(KeyType.fromKey(key).toString(), blob);
    }

    /** From the two fields of a known_hosts or .pub line: {@code ssh-ed25519 AAAA…}. */
    public static HostKey parse(String type, String base64) {
        return new HostKey(type, Base64.getDecoder().decode(base64));
    }

    @Override
    public byte[] blob() {
        return blob.clone();
    }

    public String base64() {
        return Base64.getEncoder().encodeToString(blob);
    }

    /** {@code SHA256:} and the unpadded base64 of the blob's SHA-256, exactly as {@code ssh-keygen -l} prints it. */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean sameAs(HostKey other) {
        return type.equals(other.type) && Arrays.equals(blob, other.blob);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HostKey k && sameAs(k);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + Arrays.hashCode(blob);
    }

    @Override
    public String toString() {
        return type + " " + fingerprint();
    }
}
