package dev.orrery.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * What a release tarball holds, file by file, with each regular file's SHA-256: the client's side
 * of "send only what changed" ({@link DeltaPlan}). {@link #writeSubset} copies chosen entries,
 * header blocks and all (long-name and pax headers included), into a smaller tar.gz that the
 * server unpacks exactly as it would the whole bundle.
 *
 * @param entries        every entry, in tar order
 * @param hasTarHardlinks the tar has hard-link entries (type 1), which name another entry: such a
 *                       bundle is always uploaded whole
 */
public record BundleManifest(List<Entry> entries, boolean hasTarHardlinks) {
    private static final int BLOCK = 512;

    /**
     * One tar entry.
     *
     * @param ordinal position in the tar (what {@link #writeSubset} selects by)
     * @param path    the path inside the release after {@code strip} leading components; null
     *                when tar would drop the entry (fewer components than stripped)
     * @param sha256  hex SHA-256 of a regular file's content; null for other types
     */
    public record Entry(int ordinal, String tarName, String path, char type, long size, int mode, String sha256) {
        public boolean regular() {
            return type == '0' || type == 0 || type == '7';
        }

        /**
         * A path the server-side scripts may name in their plan (tab-separated lines, hard links,
         * {@code sha256sum -c}): no tab, newline, backslash or {@code ..} segment. Others are simply
         * always sent inside the tar.
         */
        public boolean plannable() {
            return path != null && !path.isEmpty() && !path.startsWith("/") && path.chars().noneMatch(c -> c == '\t' || c == '\n' || c == '\r' || c == '\\')
                    && Arrays.stream(path.split("/")).noneMatch(s -> s.equals("..") || s.equals(".") || s.isEmpty());
        }
    }

    /** Reads a tar.gz, hashing each regular file; {@code strip} as {@code tar --strip-components}. */
    public static BundleManifest read(Path tarGz, int strip) throws IOException {
        List<Entry> entries = new ArrayList<>();
        boolean hardlinks = false;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(tarGz), 1 << 16)) {
            MessageDigest md = sha256();
            byte[] header = new byte[BLOCK];
            byte[] buf = new byte[1 << 16];
            String longName = null;
            int ordinal = 0;
            while (readHeader(in, header)) {
                long size = octal(header, 124, 12);
                char type = (char) header[156];
                long padded = pad(size);
                if (type == 'L' || type == 'x') {
                    byte[] data = in.readNBytes((int) Math.min(size, 1 << 20));
                    skip(in, padded - data.length);
                    String n = type == 'L' ? cString(data, 0, data.length) : paxPath(data);
                    if (n != null) {
                        longName = n;
                    }
                    continue;
                }
                if (type == 'g') {
                    skip(in, padded);
                    ordinal++;
                    continue;
                }
                String name = longName != null ? longName : ustarName(header);
                longName = null;
                hardlinks |= type == '1';
                int mode = (int) octal(header, 100, 8) & 07777;
                String sha = null;
                Entry e;
                if (type == '0' || type == 0 || type == '7') {
                    md.reset();
                    long left = size;
                    while (left > 0) {
                        int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                        if (n < 0) {
                            throw new IOException("truncated tar archive");
                        }
                        md.update(buf, 0, n);
                        left -= n;
                    }
                    skip(in, padded - size);
                    sha = HexFormat.of().formatHex(md.digest());
                } else {
                    skip(in, padded);
                }
                e = new Entry(ordinal++, name, stripped(name, strip), type, size, mode, sha);
                entries.add(e);
            }
        }
        return new BundleManifest(List.copyOf(entries), hardlinks);
    }

    /**
     * Writes a tar.gz holding only the entries whose ordinal is in {@code keep}, each with the
     * header blocks that describe it (long names, pax); pax global headers are always kept.
     * Returns the bytes written.
     */
    public static long writeSubset(Path tarGz, Set<Integer> keep, Path out) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(tarGz), 1 << 16);
             OutputStream os = new GZIPOutputStream(Files.newOutputStream(out), 1 << 16)) {
            byte[] header = new byte[BLOCK];
            List<byte[]> pending = new ArrayList<>();
            int ordinal = 0;
            while (readHeader(in, header)) {
                long size = octal(header, 124, 12);
                char type = (char) header[156];
                byte[] data = in.readNBytes((int) pad(size));
                if (data.length < pad(size)) {
                    throw new IOException("truncated tar archive");
                }
                if (type == 'L' || type == 'x') {
                    pending.add(header.clone());
                    pending.add(data);
                    continue;
                }
                boolean selected = type == 'g' || keep.contains(ordinal);
                ordinal++;
                if (selected) {
                    for (byte[] p : pending) {
                        os.write(p);
                    }
                    os.write(header);
                    os.write(data);
                }
                pending.clear();
            }
            os.write(new byte[BLOCK * 2]);
        }
        return Files.size(out);
    }

    static String stripped(String name, int strip) {
        String n = name;
        while (n.startsWith("./")) {
            n = n.substring(2);
        }
        if (n.equals(".")) {
            return null;
        }
        n = n.replaceAll("/+$", "");
        String[] parts = n.split("/", -1);
        if (parts.length <= strip) {
            return null;
        }
        return String.join("/", Arrays.copyOfRange(parts, strip, parts.length));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long pad(long size) {
        return (size + BLOCK - 1) / BLOCK * BLOCK;
    }

    /** Reads the next header; false at the end marker or the end of the stream. */
    private static boolean readHeader(InputStream in, byte[] header) throws IOException {
        int n = in.readNBytes(header, 0, BLOCK);
        if (n == 0) {
            return false;
        }
        if (n < BLOCK) {
            throw new IOException("truncated tar archive");
        }
        for (byte b : header) {
            if (b != 0) {
                return true;
            }
        }
        return false;
    }

    private static String ustarName(byte[] h) {
        String name = cString(h, 0, 100);
        if (new String(h, 257, 5, StandardCharsets.US_ASCII).equals("ustar")) {
            String prefix = cString(h, 345, 155);
            if (!prefix.isEmpty()) {
                return prefix + "/" + name;
            }
        }
        return name;
    }

    private static String paxPath(byte[] data) {
        for (String record : new String(data, StandardCharsets.UTF_8).split("\n")) {
            int sp = record.indexOf(' ');
            if (sp > 0 && record.startsWith("path=", sp + 1)) {
                return record.substring(sp + 6);
            }
        }
        return null;
    }

    private static String cString(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] h, int off, int len) throws IOException {
        if ((h[off] & 0x80) != 0) {
            // GNU base-256 size (files over 8 GB): never a release file worth a delta; refuse clearly
            throw new IOException("tar entry uses a base-256 size field (over 8 GB); not supported for delta uploads");
        }
        return TarEntries.octal(h, off, len);
    }

    private static void skip(InputStream in, long n) throws IOException {
        in.skipNBytes(n); // EOFException on a truncated archive
    }
}
