package dev.orrery.remote;

import dev.orrery.model.Server;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where and as whom to log in.
 *
 * @param name    the server's name, for logs and errors
 * @param keyFile a private key file; null means the defaults (the agent's keys, then
 *                ~/.ssh/id_ed25519 and ~/.ssh/id_rsa); {@link #agentOnly} means the agent's keys only
 */
public record SshTarget(String name, String address, int port, String user, Path keyFile, boolean agentOnly) {

    public SshTarget {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(user, "user");
        name = name != null ? name : address;
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("SSH port must be 1..65535, not " + port);
        }
    }

    public static SshTarget of(String name, String address, int port, String user, Path keyFile) {
        return new SshTarget(name, address, port, user, keyFile, false);
    }

    /** From a server of the cluster: its public address, SSH user and port, and its key ({@code agent}, a path, or null). */
    public static SshTarget of(Server s) {
        String key = s.sshKey();
        boolean agent = "agent".equals(key);
        Path file = key == null || key.isBlank() || agent ? null : expandHome(key);
        return new SshTarget(s.name(), s.publicAddress(), s.sshPort(), s.sshUser(), file, agent);
    }

    static Path expandHome(String path) {
        if (path.equals("~") || path.startsWith("~/")) {
            return Path.of(System.getProperty("user.home") + path.substring(1));
        }
        return Path.of(path);
    }

    /** {@code app-1 (root@203.0.113.7)}, or {@code root@203.0.113.7:2222} when the name is the address. */
    public String label() {
        String where = user + "@" + address + (port == 22 ? "" : ":" + port);
        return name.equals(address) ? where : name + " (" + where + ")";
    }
}
