package dev.orrery.remote;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 as lowercase hex, the form {@code sha256sum} prints. */
final class Sha256 {
    private Sha256() {
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(MessageDigest d) {
        return HexFormat.of().formatHex(d.digest());
    }

    static String hex(byte[] content) {
        MessageDigest d = digest();
        d.update(content);
        return hex(d);
    }

    /** The hash from a {@code sha256sum} output line ({@code HASH  FILE}), or null if there is none. */
    static String fromSha256sum(String output) {
        for (String line : output.lines().toList()) {
            String first = line.strip().split("\\s+")[0];
            if (first.matches("[0-9a-f]{64}")) {
                return first;
            }
        }
        return null;
    }
}
