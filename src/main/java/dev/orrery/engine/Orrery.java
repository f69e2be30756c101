package dev.orrery.engine;

import dev.orrery.cloud.DigitalOceanProvider;
import dev.orrery.deploy.RolloutOptions;
import dev.orrery.engine.state.LiveClusterState;
import dev.orrery.health.HealthTargets;
import dev.orrery.proxy.BalancerLayout;
import dev.orrery.remote.HostKeyPrompt;
import dev.orrery.remote.OrreryKnownHosts;
import dev.orrery.remote.PassphrasePrompt;
import dev.orrery.remote.SshAgent;
import dev.orrery.remote.SshConnector;
import dev.orrery.remote.SshHosts;
import dev.orrery.remote.SshSettings;
import dev.orrery.store.OrreryHome;
import dev.orrery.model.Cluster;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine as both faces use it: THE wiring factory and the way work is submitted. It builds
 * the SSH connector (Orrery's known_hosts, the ssh-agent, the face's prompts), the pooled SSH
 * connections, the DigitalOcean provider and the health monitors, and keeps one
 * {@link LiveClusterState} per cluster fed by every job submitted here. The window and the
 * command line differ only in the {@link Prompts} they pass.
 *
 * <pre>{@code
 * try (Orrery orrery = new Orrery(home, new Prompts(hostKeyPrompt, passphrasePrompt), System.getenv())) {
 *     LiveClusterState live = orrery.live(cluster.name());
 *     JobHandle<ProxyConfig> h = orrery.submit(PushProxyJob.forCluster(cluster, orrery.sshHosts()));
 *     h.result().join();
 * }
 * }</pre>
 */
public final class Orrery implements AutoCloseable {

    /**
     * How a face asks its user: about an unknown host key, and for a key's passphrase.
     * The only part of the wiring that differs between the window and the command line.
     */
    public record Prompts(HostKeyPrompt hostKeys, PassphrasePrompt passphrases) {
        /** For unattended runs: unknown keys refused, no passphrases. */
        public static Prompts none() {
            return new Prompts(HostKeyPrompt.REFUSE, PassphrasePrompt.NONE);
        }
    }

    private final Engine engine;
    private final boolean ownsEngine;
    private final OrreryHome home;
    private final Map<String, String> env;
    private final Prompts prompts;
    private final OrreryKnownHosts knownHosts;
    private final SshAgent agent;
    private final Map<String, LiveClusterState> live = new ConcurrentHashMap<>();
    private SshHosts sshHosts;

    public Orrery(OrreryHome home, Prompts prompts, Map<String, String> env) {
        this(new Engine(), true, home, prompts, env);
    }

    /** On an engine someone else owns and closes (tests, the window's app). */
    public Orrery(Engine engine, OrreryHome home, Prompts prompts, Map<String, String> env) {
        this(engine, false, home, prompts, env);
    }

    private Orrery(Engine engine, boolean ownsEngine, OrreryHome home, Prompts prompts, Map<String, String> env) {
        this.engine = engine;
        this.ownsEngine = ownsEngine;
        this.home = home;
        this.env = Map.copyOf(env);
        this.prompts = prompts;
        this.knownHosts = OrreryKnownHosts.standard(home.knownHosts());
        this.agent = SshAgent.fromEnvironment(env);
        engine.addListener(event -> live.values().forEach(l -> l.onEvent(event)));
    }

    public Engine engine() {
        return engine;
    }

    public OrreryHome home() {
        return home;
    }

    public Map<String, String> env() {
        return env;
    }

    public Prompts prompts() {
        return prompts;
    }

    public OrreryKnownHosts knownHosts() {
        return knownHosts;
    }

    /** The SSH connector with this face's prompts. */
    public SshConnector ssh() {
        return ssh(prompts.hostKeys());
    }

    /**
     * The SSH connector with another answer for unknown host keys: {@link HostKeyPrompt#ACCEPT_NEW}
     * for {@code --accept-new-host-keys} and for a droplet Orrery just made,
     * {@link HostKeyPrompt#REFUSE} for unattended probes.
     */
    public SshConnector ssh(HostKeyPrompt hostKeys) {
        return new SshConnector(SshSettings.defaults(), knownHosts, hostKeys, prompts.passphrases(), agent);
    }

    /** One pooled SSH connection per server, shared by every job of this face; closed with it. */
    public synchronized SshHosts sshHosts() {
        if (sshHosts == null) {
            sshHosts = new SshHosts(ssh(), engine.scheduler());
        }
        return sshHosts;
    }

    /** A separate pool with another host-key answer (for {@code --accept-new-host-keys}); the caller closes it. */
    public SshHosts sshHosts(HostKeyPrompt hostKeys) {
        return new SshHosts(ssh(hostKeys), engine.scheduler());
    }

    /** DigitalOcean with the stored token and settings. Blocks (disk, keychain): not on the FX thread. */
    public DigitalOceanProvider digitalOcean() throws IOException {
        return CloudWiring.provider(home, env);
    }

    /** What the provision workflow's seams connect through, for a cluster in {@code clusterFile}. */
    public CloudWiring.Wiring provisionWiring(Path clusterFile, SshHosts hosts) {
        return new CloudWiring.Wiring(this::ssh, hosts, engine.scheduler(), BalancerLayout::droplet,
                RolloutOptions.defaults(), CloudWiring.bundlesFor(home, clusterFile));
    }

    /** A health monitor for the cluster's probed servers, its route chosen as asked; not started. */
    public HealthTargets.Monitored monitor(Cluster cluster, HealthTargets.Route route) {
        return HealthTargets.monitor(cluster, engine.scheduler(), engine.io(), () -> ssh(HostKeyPrompt.REFUSE), route);
    }

    /**
     * Where the cluster's deploy lock is read from. Today the lock file in the data folder; a lock
     * on the cluster's own servers replaces it here, and every reader follows.
     */
    public LockReader lockReader() {
        return LockReader.deployLockFiles(home.locksDir());
    }

    /** The live state of the cluster called {@code name}, made on first use and fed by this engine's jobs. */
    public LiveClusterState live(String name) {
        return live.computeIfAbsent(name, LiveClusterState::new);
    }

    /** Drops a cluster's live state (another cluster opened): nothing of it carries over. */
    public void forget(String name) {
        live.remove(name);
    }

    public <T> JobHandle<T> submit(Job<T> job) {
        return engine.submit(job);
    }

    @Override
    public synchronized void close() {
        if (sshHosts != null) {
            sshHosts.close();
        }
        if (ownsEngine) {
            engine.close();
        }
    }
}
