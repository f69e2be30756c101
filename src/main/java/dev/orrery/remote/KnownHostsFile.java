package dev.orrery.remote;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One OpenSSH known_hosts file, read as OpenSSH reads it: host patterns (comma lists, {@code *}
 * and {@code ?} wildcards, {@code !} negation, {@code [host]:port}), hashed names
 * ({@code |1|salt|hmac}), and the {@code @revoked} marker. {@code @cert-authority} lines are
 * skipped (Orrery does not use host certificates). Lines it cannot read are skipped, never fatal.
 */
public final class KnownHostsFile {

    /** One key line: where it is (for warnings) and what it says. */
    public record Entry(Path file, int line, boolean revoked, String hosts, HostKey key) {

        /** Does this line name {@code host} on {@code port}? */
        public boolean matches(String host, int port) {
            String form = hostForm(host, port);
            if (hosts.startsWith("|1|")) {
                return hashedMatches(hosts, form);
            }
            boolean matched = false;
            for (String pattern : hosts.split(",")) {
                boolean negated = pattern.startsWith("!");
                String p = negated ? pattern.substring(1) : pattern;
                if (glob(p).matcher(form).matches() || (port == 22 && glob(p).matcher("[" + host + "]:22").matches())) {
                    if (negated) {
                        return false;
                    }
                    matched = true;
                }
            }
            return matched;
        }
    }

    private final Path file;
    private final List<Entry> entries;

    private KnownHostsFile(Path file, List<Entry> entries) {
        this.file = file;
        this.entries = List.copyOf(entries);
    }

    /** Reads a file; a missing file is an empty one. */
    public static KnownHostsFile read(Path file) throws IOException {
        List<Entry> entries = new ArrayList<>();
        if (Files.isRegularFile(file)) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                Entry e = parse(file, i + 1, lines.get(i));
                if (e != null) {
                    entries.add(e);
                }
            }
        }
        return new KnownHostsFile(file, entries);
    }

    static Entry parse(Path file, int lineNumber, String line) {
        String l = line.strip();
        if (l.isEmpty() || l.startsWith("#")) {
            return null;
        }
        String[] f = l.split("\\s+");
        int i = 0;
        boolean revoked = false;
        if (f[0].startsWith("@")) {
            if (!f[0].equals("@revoked")) {
                return null; // @cert-authority and unknown markers
            }
            revoked = true;
            i = 1;
        }
        if (f.length < i + 3) {
            return null;
        }
        try {
            return new Entry(file, lineNumber, revoked, f[i], HostKey.parse(f[i + 1], f[i + 2]));
        } catch (IllegalArgumentException badBase64) {
            return null;
        }
    }

    public Path file() {
        return file;
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The lines naming this host on this port, in file order. */
    public List<Entry> matching(String host, int port) {
        return entries.stream().filter(e -> e.matches(host, port)).toList();
    }

    /** How a host is written in known_hosts: {@code host} on port 22, {@code [host]:port} otherwise. */
    public static String hostForm(String host, int port) {
        return port == 22 ? host : "[" + host + "]:" + port;
    }

    /** A known_hosts line for a key, as Orrery appends it. */
    public static String line(String host, int port, HostKey key) {
        return hostForm(host, port) + " " + key.type() + " " + key.base64();
    }

    private static boolean hashedMatches(String hashed, String form) {
        String[] parts = hashed.split("\\|");
        if (parts.length != 4) {
            return false;
        }
        try {
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(salt, "HmacSHA1"));
            return MessageDigest.isEqual(expected, mac.doFinal(form.getBytes(StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }

    private static Pattern glob(String pattern) {
        StringBuilder re = new StringBuilder();
        for (char c : pattern.toLowerCase(java.util.Locale.ROOT).toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE);
    }
}
