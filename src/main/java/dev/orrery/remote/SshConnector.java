package dev.orrery.remote;

import net.schmizz.keepalive.KeepAlive;
import net.schmizz.keepalive.KeepAliveProvider;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.method.AuthMethod;
import net.schmizz.sshj.userauth.method.AuthPublickey;
import net.schmizz.sshj.userauth.password.PasswordFinder;
import net.schmizz.sshj.userauth.password.Resource;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens one logged-in sshj connection: TCP connect with a timeout, host key checked against
 * {@link OrreryKnownHosts} (unknown keys to the {@link HostKeyPrompt}), keep-alive on, then
 * public-key login with the target's key file (passphrase through the {@link PassphrasePrompt})
 * or the agent's keys and the default key files. Every failure becomes a {@link RemoteException}
 * that says what to do.
 */
public final class SshConnector {
    private static final int PASSPHRASE_ATTEMPTS = 3;

    private final SshSettings settings;
    private final OrreryKnownHosts knownHosts;
    private final HostKeyPrompt hostKeyPrompt;
    private final PassphrasePrompt passphrasePrompt;
    private final SshAgent agent;

    /** @param agent the ssh-agent, or null for none */
    public SshConnector(SshSettings settings, OrreryKnownHosts knownHosts, HostKeyPrompt hostKeyPrompt,
                        PassphrasePrompt passphrasePrompt, SshAgent agent) {
        this.settings = settings;
        this.knownHosts = knownHosts;
        this.hostKeyPrompt = hostKeyPrompt;
        this.passphrasePrompt = passphrasePrompt;
        this.agent = agent;
    }

    public SshSettings settings() {
        return settings;
    }

    public SSHClient connect(SshTarget t) throws RemoteException {
        DefaultConfig config = new DefaultConfig();
        ReadClock reads = new ReadClock();
        config.setKeepAliveProvider(new KeepAliveProvider() {
            @Override
            public KeepAlive provide(net.schmizz.sshj.connection.ConnectionImpl connection) {
                return new IdleKeepAlive(connection, reads, settings.keepAliveMaxMissed());
            }
        });
        preferAesGcm(config);
        SSHClient client = new SSHClient(config);
        client.setSocketFactory(reads.sockets());
        KnownHostsVerifier verifier = new KnownHostsVerifier(knownHosts, hostKeyPrompt, t.name());
        client.addHostKeyVerifier(verifier);
        int connectMs = (int) settings.connectTimeout().toMillis();
        client.setConnectTimeout(connectMs);
        // the server's version line is read with the socket timeout: without one a server that
        // accepts and stays silent would hang the caller forever
        client.setTimeout(connectMs);
        client.getTransport().setTimeoutMs(connectMs);
        KeepAlive keepAlive = client.getConnection().getKeepAlive();
        keepAlive.setKeepAliveInterval((int) Math.max(1, settings.keepAliveInterval().toSeconds()));
        try {
            connectSocket(client, t, verifier);
            authenticate(client, t);
            // from now on silence is normal (an idle pooled connection): keep-alive detects dead peers
            client.getSocket().setSoTimeout(0);
            return client;
        } catch (java.net.SocketException e) {
            closeQuietly(client);
            throw new RemoteException(t.label(), "connection failed right after login: " + e.getMessage(), e);
        } catch (RemoteException | RuntimeException e) {
            closeQuietly(client);
            throw e;
        }
    }

    private void connectSocket(SSHClient client, SshTarget t, KnownHostsVerifier verifier) throws RemoteException {
        try {
            client.connect(t.address(), t.port());
        } catch (IOException e) {
            if (verifier.refusal() != null) {
                throw new HostKeyRejectedException(t.label(), verifier.refusal(), e);
            }
            throw new RemoteException(t.label(), "cannot connect: " + connectProblem(e, t), e);
        }
    }

    private String connectProblem(IOException e, SshTarget t) {
        if (e instanceof ConnectException) {
            return "connection refused on port " + t.port() + " (is sshd running, is the port right?)";
        }
        if (e instanceof SocketTimeoutException || String.valueOf(e.getMessage()).toLowerCase().contains("timeout")
                || String.valueOf(e.getMessage()).toLowerCase().contains("timed out")) {
            return "no SSH answer within " + settings.connectTimeout().toSeconds() + " s (wrong address, firewall, or the server is down)";
        }
        if (e instanceof UnknownHostException) {
            return "unknown host name " + t.address();
        }
        if (e instanceof NoRouteToHostException) {
            return "no route to " + t.address();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /**
     * The target's key file if it names one; otherwise the agent's keys first, and only if those
     * are refused the default key files, one at a time (so a passphrase is asked only when needed).
     */
    private void authenticate(SSHClient client, SshTarget t) throws RemoteException {
        List<String> tried = new ArrayList<>();
        if (t.keyFile() != null) {
            AuthMethod m = keyFileAuth(client, t, t.keyFile());
            tried.add(t.keyFile().toString());
            if (attempt(client, t, List.of(m))) {
                return;
            }
            throw refused(t, tried, null);
        }
        List<AuthMethod> agentKeys = agentMethods(t, tried);
        if (!agentKeys.isEmpty() && attempt(client, t, agentKeys)) {
            return;
        }
        String skipped = null;
        if (!t.agentOnly()) {
            for (String name : List.of("id_ed25519", "id_ecdsa", "id_rsa")) {
                Path f = Path.of(System.getProperty("user.home"), ".ssh", name);
                if (!Files.isReadable(f)) {
                    continue;
                }
                AuthMethod m;
                try {
                    m = keyFileAuth(client, t, f);
                } catch (AuthenticationFailedException unusable) {
                    skipped = unusable.getMessage(); // e.g. no passphrase given: try the next default key
                    continue;
                }
                tried.add(f.toString());
                if (attempt(client, t, List.of(m))) {
                    return;
                }
            }
        }
        if (tried.isEmpty()) {
            throw new AuthenticationFailedException(t.label(), "no key to log in with: set the server's SSH key file, or add a key to the ssh-agent"
                    + (skipped != null ? " (" + skipped + ")" : ""), null);
        }
        throw refused(t, tried, skipped);
    }

    private List<AuthMethod> agentMethods(SshTarget t, List<String> tried) throws RemoteException {
        List<AuthMethod> methods = new ArrayList<>();
        if (agent == null) {
            if (t.agentOnly()) {
                throw new AuthenticationFailedException(t.label(), "the server's key is set to `agent` but no ssh-agent runs (SSH_AUTH_SOCK is not set)", null);
            }
            return methods;
        }
        try {
            for (SshAgent.Identity id : agent.identities()) {
                methods.add(new AgentAuth(agent, id));
                tried.add("agent key " + id.comment());
            }
        } catch (IOException e) {
            if (t.agentOnly()) {
                throw new AuthenticationFailedException(t.label(), "cannot talk to the ssh-agent at " + agent.socket() + ": " + e.getMessage(), e);
            }
        }
        return methods;
    }

    /** True when the server let us in; false when it refused these keys. */
    private static boolean attempt(SSHClient client, SshTarget t, List<AuthMethod> methods) throws RemoteException {
        try {
            client.auth(t.user(), methods);
            return true;
        } catch (UserAuthException e) {
            return false;
        } catch (IOException e) {
            throw new RemoteException(t.label(), "connection failed during login: " + e.getMessage(), e);
        }
    }

    private static AuthenticationFailedException refused(SshTarget t, List<String> tried, String skipped) {
        return new AuthenticationFailedException(t.label(), "authentication refused for user " + t.user() + " (tried " + String.join(", ", tried)
                + (skipped != null ? "; skipped: " + skipped : "") + "); check that the public key is in ~" + t.user()
                + "/.ssh/authorized_keys on the server", null);
    }

    /** Loads a key file, asking for its passphrase now (so a wrong one is named as such, not as a refused login). */
    private AuthMethod keyFileAuth(SSHClient client, SshTarget t, Path file) throws RemoteException {
        if (!Files.isReadable(file)) {
            throw new AuthenticationFailedException(t.label(), "the key file " + file + " does not exist or cannot be read", null);
        }
        AtomicInteger attempts = new AtomicInteger();
        PasswordFinder finder = new PasswordFinder() {
            @Override
            public char[] reqPassword(Resource<?> resource) {
                return passphrasePrompt.passphrase(file, attempts.incrementAndGet());
            }

            @Override
            public boolean shouldRetry(Resource<?> resource) {
                return attempts.get() < PASSPHRASE_ATTEMPTS;
            }
        };
        try {
            KeyProvider keys = client.loadKeys(file.toString(), finder);
            keys.getPrivate();
            return new AuthPublickey(keys);
        } catch (IOException | RuntimeException e) {
            String why = attempts.get() == 0 ? e.getMessage()
                    : "no passphrase given or the passphrase is wrong (" + e.getMessage() + ")";
            throw new AuthenticationFailedException(t.label(), "cannot use the key file " + file + ": " + why, e);
        }
    }

    /**
     * AES-GCM first: the JDK runs it on the CPU's AES and carry-less multiply instructions, several
     * times faster than sshj's default first choice (ChaCha20-Poly1305 in pure Java) for uploads.
     * The other ciphers stay, in sshj's order, for servers without GCM.
     */
    static void preferAesGcm(DefaultConfig config) {
        List<net.schmizz.sshj.common.Factory.Named<net.schmizz.sshj.transport.cipher.Cipher>> ciphers = new ArrayList<>(config.getCipherFactories());
        ciphers.sort(java.util.Comparator.comparingInt(f -> f.getName().contains("gcm") ? 0 : 1));
        config.setCipherFactories(ciphers);
    }

    static void closeQuietly(SSHClient client) {
        try {
            client.close();
        } catch (IOException | RuntimeException ignored) {
            // already broken: nothing more to release
        }
    }
}
