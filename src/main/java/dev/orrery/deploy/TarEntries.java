package dev.orrery.deploy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Reads the names in a gzip'd tar (ustar, GNU long names, pax paths) and the contents of the few
 * small files release detection needs, without unpacking anything to disk.
 */
final class TarEntries {
    private static final int BLOCK = 512;
    private static final int MAX_KEPT = 1 << 20;

    private TarEntries() {
    }

    /** Every entry name (leading "./" removed) mapped to its content when its name is in {@code wanted}, else null. */
    static Map<String, byte[]> read(Path tarGz, Set<String> wanted) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(tarGz), 1 << 16)) {
            byte[] header = new byte[BLOCK];
            String longName = null;
            while (readFully(in, header)) {
                if (isZero(header)) {
                    break;
                }
                String name = longName != null ? longName : ustarName(header);
                longName = null;
                long size = octal(header, 124, 12);
                char type = (char) header[156];
                long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
                if (type == 'L' || type == 'x') {
                    byte[] data = readBytes(in, size);
                    skip(in, padded - size);
                    longName = type == 'L' ? cString(data) : paxPath(data);
                    continue;
                }
                String clean = name.startsWith("./") ? name.substring(2) : name;
                boolean keep = wanted.contains(clean) && size <= MAX_KEPT && (type == '0' || type == 0);
                if (keep) {
                    entries.put(clean, readBytes(in, size));
                    skip(in, padded - size);
                } else {
                    if (!clean.isEmpty()) {
                        entries.put(clean, null);
                    }
                    skip(in, padded);
                }
            }
        }
        return entries;
    }

    private static String ustarName(byte[] h) {
        String name = cString(java.util.Arrays.copyOfRange(h, 0, 100));
        String magic = new String(h, 257, 5, StandardCharsets.US_ASCII);
        if (magic.equals("ustar")) {
            String prefix = cString(java.util.Arrays.copyOfRange(h, 345, 500));
            if (!prefix.isEmpty()) {
                return prefix + "/" + name;
            }
        }
        return name;
    }

    private static String paxPath(byte[] data) {
        // Records: "<len> key=value\n"; only "path" matters here.
        String text = new String(data, StandardCharsets.UTF_8);
        for (String record : text.split("\n")) {
            int sp = record.indexOf(' ');
            if (sp > 0 && record.startsWith("path=", sp + 1)) {
                return record.substring(sp + 6);
            }
        }
        return null;
    }

    private static String cString(byte[] b) {
        int end = 0;
        while (end < b.length && b[end] != 0) {
            end++;
        }
        return new String(b, 0, end, StandardCharsets.UTF_8);
    }

    /** A tar header's octal number field (NUL- or space-padded). */
    static long octal(byte[] h, int off, int len) throws IOException {
        long v = 0;
        for (int i = off; i < off + len; i++) {
            byte c = h[i];
            if (c == 0 || c == ' ') {
                if (v > 0) {
                    break;
                }
                continue;
            }
            if (c < '0' || c > '7') {
                throw new IOException("not a tar archive (bad numeric field)");
            }
            v = v * 8 + (c - '0');
        }
        return v;
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean readFully(InputStream in, byte[] b) throws IOException {
        int n = in.readNBytes(b, 0, b.length);
        if (n == 0) {
            return false;
        }
        if (n < b.length) {
            throw new IOException("truncated tar archive");
        }
        return true;
    }

    private static byte[] readBytes(InputStream in, long size) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) size);
        byte[] buf = in.readNBytes((int) size);
        if (buf.length < size) {
            throw new IOException("truncated tar archive");
        }
        out.write(buf);
        return out.toByteArray();
    }

    private static void skip(InputStream in, long n) throws IOException {
        long left = n;
        while (left > 0) {
            long s = in.skip(left);
            if (s <= 0) {
                if (in.read() < 0) {
                    throw new IOException("truncated tar archive");
                }
                s = 1;
            }
            left -= s;
        }
    }
}
