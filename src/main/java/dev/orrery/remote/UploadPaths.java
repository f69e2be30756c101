package dev.orrery.remote;

import java.util.UUID;

/** Where a verified upload goes before its rename: a hidden temporary name in the same directory (so the rename is atomic). */
final class UploadPaths {
    private UploadPaths() {
    }

    static void requireAbsolute(String remotePath) {
        if (!remotePath.startsWith("/") || remotePath.endsWith("/") || remotePath.indexOf('\0') >= 0 || remotePath.contains("\n")) {
            throw new IllegalArgumentException("upload target must be an absolute file path: " + remotePath);
        }
    }

    static String parent(String remotePath) {
        int slash = remotePath.lastIndexOf('/');
        return slash == 0 ? "/" : remotePath.substring(0, slash);
    }

    static String temp(String remotePath) {
        int slash = remotePath.lastIndexOf('/');
        String base = remotePath.substring(slash + 1);
        // keep the name well under the 255-byte limit whatever the final name's length
        String shortBase = base.length() > 100 ? base.substring(0, 100) : base;
        return remotePath.substring(0, slash + 1) + "." + shortBase + ".orrery-" + UUID.randomUUID().toString().substring(0, 8) + ".tmp";
    }
}
