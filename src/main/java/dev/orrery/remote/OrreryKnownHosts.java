package dev.orrery.remote;

import dev.orrery.store.PrivateFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The host keys Orrery trusts: its own known_hosts file (where it records keys the user
 * accepted) plus, read only, the user's {@code ~/.ssh/known_hosts}. Files are re-read on every
 * check, so a key accepted in another window or removed by hand counts at once.
 *
 * <p>A host listed with some other key is {@link HostKeyCheck.Changed}: the caller must refuse,
 * whatever the user or a script said. Only {@link HostKeyCheck.Unknown} may be accepted.
 */
public final class OrreryKnownHosts {
    private final Path orreryFile;
    private final List<Path> readOnlyFiles;

    /** @param orreryFile Orrery's own file (created on first record); @param readOnlyFiles e.g. ~/.ssh/known_hosts */
    public OrreryKnownHosts(Path orreryFile, List<Path> readOnlyFiles) {
        this.orreryFile = orreryFile;
        this.readOnlyFiles = List.copyOf(readOnlyFiles);
    }

    /** Orrery's file and the user's {@code ~/.ssh/known_hosts}. */
    public static OrreryKnownHosts standard(Path orreryFile) {
        return new OrreryKnownHosts(orreryFile, List.of(Path.of(System.getProperty("user.home"), ".ssh", "known_hosts")));
    }

    public Path orreryFile() {
        return orreryFile;
    }

    public HostKeyCheck check(String host, int port, HostKey presented) {
        List<KnownHostsFile.Entry> lines = matching(host, port);
        for (KnownHostsFile.Entry e : lines) {
            if (e.revoked() && e.key().sameAs(presented)) {
                return new HostKeyCheck.Revoked(e.file(), e.line());
            }
        }
        for (KnownHostsFile.Entry e : lines) {
            if (!e.revoked() && e.key().sameAs(presented)) {
                return new HostKeyCheck.Known(e.file(), e.line());
            }
        }
        // the host is known with another key: name the line of the same type if there is one
        KnownHostsFile.Entry differing = lines.stream().filter(e -> !e.revoked() && e.key().type().equals(presented.type())).findFirst()
                .orElse(lines.stream().filter(e -> !e.revoked()).findFirst().orElse(null));
        return differing == null ? new HostKeyCheck.Unknown() : new HostKeyCheck.Changed(differing.file(), differing.line(), differing.key());
    }

    /** The key types already known for a host, so the key exchange asks for one of those first (as OpenSSH does). */
    public List<String> knownTypes(String host, int port) {
        Set<String> types = new LinkedHashSet<>();
        for (KnownHostsFile.Entry e : matching(host, port)) {
            if (!e.revoked()) {
                types.add(e.key().type());
            }
        }
        return List.copyOf(types);
    }

    /** Appends a key the user accepted to Orrery's file. Refuses if the host is known with another key. */
    public synchronized void record(String host, int port, HostKey key) throws IOException {
        HostKeyCheck now = check(host, port, key);
        if (now instanceof HostKeyCheck.Known) {
            return;
        }
        if (!(now instanceof HostKeyCheck.Unknown)) {
            throw new IllegalStateException("refusing to record a key for " + host + ": " + now);
        }
        Path dir = orreryFile.toAbsolutePath().getParent();
        if (dir != null) {
            PrivateFiles.createDirectories(dir);
        }
        // Host keys decide whom Orrery trusts: the file is the owner's alone, from its first byte.
        try (var out = Files.newByteChannel(orreryFile, java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE), PrivateFiles.fileMode(orreryFile))) {
            out.write(java.nio.ByteBuffer.wrap((KnownHostsFile.line(host, port, key) + "\n").getBytes(StandardCharsets.UTF_8)));
        }
        PrivateFiles.tighten(orreryFile, PrivateFiles.FILE);
    }

    private List<KnownHostsFile.Entry> matching(String host, int port) {
        List<KnownHostsFile.Entry> all = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        files.add(orreryFile);
        files.addAll(readOnlyFiles);
        for (Path f : files) {
            try {
                all.addAll(KnownHostsFile.read(f).matching(host, port));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read known hosts file " + f, e);
            }
        }
        return all;
    }
}
