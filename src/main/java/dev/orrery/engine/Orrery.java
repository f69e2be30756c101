package dev.orrery.engine;

import dev.orrery.cloud.DigitalOceanProvider;
import dev.orrery.deploy.RolloutOptions;
import dev.orrery.deploy.LocalClusterLock;
import dev.orrery.engine.state.LiveClusterState;
import dev.orrery.engine.state.LockInfo;
import dev.orrery.lock.ClusterLock;
import dev.orrery.lock.ServerClusterLock;
import dev.orrery.remote.HostResolver;
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
import dev.orrery.logs.LogCollector;
import dev.orrery.logs.LogStore;
import dev.orrery.logs.LogTargets;
import dev.orrery.model.Cluster;
import dev.orrery.deploy.ClusterSink;
import dev.orrery.proxy.ProxyRenderer;
import dev.orrery.sandbox.Sandbox;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;

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
    private final ClusterAccess access;
    private final EngineLocks locks;
    private final HistoryStores stores;
    private final FailoverWiring failover = new FailoverWiring(this);
    private SshHosts sshHosts;
    private TlsService tls;

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
        // An anonymous class, not this::digitalOceanClient: a method reference's call site names
        // the client class and loads it (with okhttp and Jackson behind it) before the first frame.
        this.access = new ClusterAccess(home, this::sshHosts, new java.util.function.Supplier<>() {
            @Override
            public dev.orrery.cloud.DigitalOceanClient get() {
                return digitalOceanClient();
            }
        });
        this.locks = new EngineLocks(engine, home, access, this::live, this::sshHosts, this::sshHosts);
        this.stores = new HistoryStores(home, engine);
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

    /**
     * The host for any server of any cluster: a droplet over the pooled SSH connections, a
     * sandbox server as this machine. Every job submitted by a face reaches servers through this.
     */
    public HostResolver hosts() {
        return access;
    }

    /** Where the cluster's balancer keeps its files: the sandbox's own folder, or the distribution's paths. */
    public BalancerLayout balancerLayout(Cluster cluster) {
        return access.balancerLayout(cluster);
    }

    /**
     * The configuration the cluster's balancer runs now, where Orrery can read it without a
     * connection: the sandbox's nginx file. Empty for a droplet (a push shows what it replaces).
     * Reads the disk: not on the FX thread.
     */
    public java.util.Optional<String> runningBalancerConfig(Cluster cluster) throws java.io.IOException {
        if (!Sandbox.isSandbox(cluster) || cluster.balancerServer().isEmpty()) {
            return java.util.Optional.empty();
        }
        Path file = Path.of(access.balancerLayout(cluster).configPath());
        return java.nio.file.Files.exists(file) ? java.util.Optional.of(java.nio.file.Files.readString(file)) : java.util.Optional.empty();
    }

    /** The DigitalOcean API client with the stored token and settings (a managed balancer's API). Reads the disk. */
    public dev.orrery.cloud.DigitalOceanClient digitalOceanClient() {
        try {
            return digitalOcean().client();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read the DigitalOcean settings or token: " + e.getMessage(), e);
        }
    }

    /** How a deploy takes the cluster's servers out of rotation, over the given hosts (the command line's own SSH pool). */
    public dev.orrery.deploy.BalancerControl balancerControl(Cluster cluster, HostResolver hosts) {
        return dev.orrery.deploy.BalancerControls.forCluster(cluster, hosts::hostFor, this::digitalOceanClient);
    }

    /** Creates or updates the cluster's DigitalOcean Load Balancer through the API (the kind do-load-balancer). */
    public ManagedBalancerJob managedBalancerJob(Cluster cluster) {
        return new ManagedBalancerJob(cluster, this::digitalOceanClient);
    }

    /**
     * Feeds the cluster's DigitalOcean Load Balancer status into {@link #live} every {@code period}
     * (nothing for a balancer on a droplet). Close it to stop.
     */
    public AutoCloseable watchManagedBalancer(Cluster cluster, java.time.Duration period) {
        if (!cluster.balancer().managedKind()) {
            return () -> { };
        }
        return new ManagedBalancerWatch(cluster, this::digitalOceanClient, live(cluster.name())).every(engine.scheduler(), period);
    }

    /**
     * Asks the API once for the cluster's DigitalOcean Load Balancer and records what it said in
     * {@link #live} (status {@code unknown} with the reason when the call fails). Blocks: not on the FX thread.
     */
    public java.util.Optional<dev.orrery.cloud.LoadBalancer> readManagedBalancer(Cluster cluster) {
        return new ManagedBalancerWatch(cluster, this::digitalOceanClient, live(cluster.name())).refresh();
    }

    /** Pushes the cluster's balancer configuration to its balancer (a droplet over SSH, or the sandbox's nginx). */
    public PushProxyJob pushProxyJob(Cluster cluster) {
        BalancerLayout layout = access.balancerLayout(cluster);
        ProxyRenderer.requireRenderable(cluster, layout);
        return new PushProxyJob(cluster, PushProxyJob.pushOrder(cluster).stream().map(access::hostFor).toList(), layout);
    }

    /** Deploys {@code bundle} to the cluster as the caller holds it; each server's release goes to {@code sink} as it goes live. */
    public DeployJob deployJob(Cluster cluster, Path bundle, ClusterSink sink) {
        return DeployJob.deploy(cluster, sink, bundle, deployWiring(cluster));
    }

    /** Rolls the cluster back, recording through {@code sink}. */
    public DeployJob rollbackJob(Cluster cluster, ClusterSink sink) {
        return DeployJob.rollback(cluster, sink, deployWiring(cluster));
    }

    private DeployJob.Wiring deployWiring(Cluster cluster) {
        // The sandbox's deploys share its own lock (its menu's deploy and Cluster > Deploy... exclude each other).
        ClusterLock lock = Sandbox.isSandbox(cluster) ? new LocalClusterLock(access.locksDir(cluster)) : clusterLock(access);
        return new DeployJob.Wiring(access.hostProvider(), access::balancerControl, engine.io(), lock,
                access.rolloutOptions(cluster));
    }

    /**
     * Keeps the live state's local facts (process, pid, address:port, log file) of a cluster that
     * runs on this machine (the sandbox) current, read every {@code everyMs} on the io pool; for
     * any other cluster it does nothing. Close to stop.
     */
    public AutoCloseable watchLocalFacts(Cluster cluster, LiveClusterState state, long everyMs) {
        if (!Sandbox.isSandbox(cluster)) {
            return () -> { };
        }
        Sandbox sandbox = new Sandbox(access.sandboxPaths(), engine.io(), engine.scheduler());
        ScheduledFuture<?> poll = IoPoll.every(engine, everyMs, () -> {
            try {
                Cluster now = state.snapshot().cluster();
                sandbox.facts(now == null ? cluster : now).forEach(state::setFacts);
            } catch (RuntimeException e) {
                // a server removed meanwhile: the next round reads the cluster again
            }
        });
        return () -> poll.cancel(false);
    }

    /**
     * Closes the cluster's servers (Cloud Firewalls by tag for its droplets, then each server's
     * nftables), holding the cluster's lock like a deploy; {@code sshFrom} empty means the cluster
     * file's {@code firewall.sshFrom}. Throws {@link IllegalArgumentException} at once for a bad
     * allow-list or a cluster that cannot be closed safely.
     */
    public Job<FirewallJob.Result> firewallJob(Cluster cluster, List<String> sshFrom, List<String> only, FirewallJob.Layers layers,
                                               SshHosts hosts, java.time.Duration window) {
        List<String> from = sshFrom == null || sshFrom.isEmpty() ? cluster.sshFrom() : sshFrom;
        FirewallJob job = new FirewallJob(cluster, from, only, layers, () -> digitalOcean().client(), hosts, window);
        return Locked.by(clusterLock(hosts), () -> cluster, job);
    }

    /** The same over the window's pooled connections, with the cluster file's allow-list. */
    public Job<FirewallJob.Result> firewallJob(Cluster cluster) {
        return firewallJob(cluster, List.of(), List.of(), FirewallJob.Layers.BOTH, sshHosts(), java.time.Duration.ofSeconds(60));
    }

    /** What {@code orrery ssh-check} says of each server (login, systemd, firewalls, app port from outside), as a job. */
    public SecurityCheckJob securityCheckJob(Cluster cluster, HostResolver hosts) {
        return new SecurityCheckJob(cluster, hosts, () -> digitalOcean().client());
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
     * The cluster's lock, kept on the cluster's balancer (see {@link ServerClusterLock}), reached
     * through {@code hosts}; a cluster with no server to keep it on uses this data folder. Every
     * lock object of this Orrery shares what it holds: work of one kind shares the lock, other
     * work is refused. Taking and giving back show in {@link #live}'s lock.
     */
    public ClusterLock clusterLock(HostResolver hosts) {
        return locks.clusterLock(hosts);
    }

    /** Who holds a cluster's lock, read where it lives, through {@code hosts} (blocks on SSH). */
    public LockReader lockReader(HostResolver hosts) {
        return locks.lockReader(hosts);
    }

    /**
     * Where the cluster's lock is read from: the cluster's balancer (or, with no server to keep
     * it, this data folder), through this face's SSH pool. Every reader follows it.
     */
    public LockReader lockReader() {
        return locks.lockReader();
    }

    /**
     * Keeps {@link #live}'s lock of {@code cluster} up to date with the lock on its server every
     * {@code every} (another workstation's deploy shows too); close to stop. Reads run on the io pool.
     */
    public AutoCloseable watchLock(Cluster cluster, HostResolver hosts, java.time.Duration every) {
        return locks.watchLock(cluster, hosts, every);
    }


    /** What this Orrery itself holds on {@code cluster}. */
    public Optional<LockInfo> holding(String cluster) {
        return locks.holding(cluster);
    }

    /** The live state of the cluster called {@code name}, made on first use and fed by this engine's jobs. */
    public LiveClusterState live(String name) {
        return live.computeIfAbsent(name, LiveClusterState::new);
    }

    /** Drops a cluster's live state (another cluster opened): nothing of it carries over. */
    public void forget(String name) {
        live.remove(name);
    }

    /**
     * One of Orrery's secrets (the ACME account key, webhook URLs), kept like the DigitalOcean token:
     * the system keychain, else an owner-only file. {@code ORRERY_SECRETS=file} (or the system
     * property {@code orrery.secrets=file}) keeps them in the file only: tests, headless boxes, and
     * never touching a developer's keyring.
     */
    public dev.orrery.cloud.StoredSecret secret(dev.orrery.cloud.SecretSlot slot) {
        boolean fileOnly = "file".equals(env.get("ORRERY_SECRETS")) || "file".equals(System.getProperty("orrery.secrets"));
        return fileOnly ? dev.orrery.cloud.StoredSecret.fileOnly(home, slot) : dev.orrery.cloud.StoredSecret.forThisSystem(home, slot);
    }

    /** The one history store (opened on first use, closed with this). Blocks (disk): not on the FX thread. */
    public dev.orrery.store.history.HistoryDb history() throws IOException {
        return stores.history();
    }

    /** The log lines kept for search, in the history store. Blocks (disk): not on the FX thread. */
    public LogStore logStore() throws IOException {
        return stores.logStore();
    }

    /**
     * Follows every log of {@code cluster} (not started): over this face's SSH connections, or
     * this machine's files for the sandbox; lines kept in {@code store} (null: none), with this
     * engine's job markers for the cluster in the stream until the collector is closed.
     */
    public LogCollector logs(Cluster cluster, LogStore store) {
        LogTargets.Places places = LogWiring.places(cluster, home);
        java.util.function.Function<String, dev.orrery.remote.Host> hosts = LogWiring.hosts(cluster, this::sshHosts);
        LogCollector c = new LogCollector(cluster.name(), LogTargets.of(cluster, places), hosts, store, engine.io(), engine.scheduler(),
                System::currentTimeMillis);
        return LogWiring.withMarkers(c, engine, cluster.name());
    }

    /**
     * As {@link #logs(Cluster, LogStore)} for the command line: the logs {@code which} passes, no
     * store; back to {@code sinceEpochMs}, then following or not.
     */
    public LogCollector logsOnce(Cluster cluster, java.util.function.Predicate<dev.orrery.logs.LogTarget> which, long sinceEpochMs, boolean follow) {
        LogCollector c = LogCollector.once(cluster.name(), LogTargets.of(cluster, LogWiring.places(cluster, home)).stream().filter(which).toList(),
                LogWiring.hosts(cluster, this::sshHosts), engine.io(), engine.scheduler(), sinceEpochMs, follow);
        return follow ? LogWiring.withMarkers(c, engine, cluster.name()) : c;
    }

    /**
     * The history store's one batching writer (commits every 250 ms on the io pool), made on first
     * use. Blocks (disk): not on the FX thread.
     */
    public dev.orrery.store.history.HistoryWriter historyWriter() throws IOException {
        return stores.historyWriter();
    }

    /**
     * Starts watching a cluster: metrics sampling into the history store, probe results, deploy
     * markers and the alert rules (see {@link ClusterWatch}). Blocks briefly (opens the store):
     * not on the FX thread. The caller closes it.
     */
    public ClusterWatch watch(Cluster cluster, ClusterWatch.Options options) throws Exception {
        return new ClusterWatch(this, cluster, options);
    }

    /** Certificates: their jobs, status and renewal schedule. */
    /** The certificate's plan, over this face's SSH pool (sandbox servers on this machine). Blocks. */
    public dev.orrery.tls.CertificatePlan tlsPlan(Cluster cluster) throws Exception {
        return tls().plan(cluster, access);
    }

    /** The served certificate, read from outside. Blocks. */
    public dev.orrery.tls.CertificateStatus tlsStatus(Cluster cluster) throws Exception {
        return tls().status(cluster, access);
    }

    /** Get or renew the certificate, as a job. */
    public TlsJob tlsJob(Cluster cluster, TlsJob.Action action, boolean pushAllowed) throws Exception {
        return tls().job(cluster, access, action, pushAllowed);
    }

    /** Renews the given clusters' certificates when due, while this Orrery runs. */
    public dev.orrery.tls.RenewalScheduler watchTls(java.util.function.Supplier<List<Cluster>> clusters) {
        return tls().watch(clusters, access);
    }

    /**
     * Switches the balancer program as a job holding the cluster's lock, with the droplet's paths;
     * {@code saver} records the new kind once the new program answers.
     */
    public BalancerSwitchJob balancerSwitchJob(String clusterName, java.util.concurrent.Callable<Cluster> current,
                                               BalancerSwitchJob.KindSaver saver, dev.orrery.model.BalancerKind to) {
        return new BalancerSwitchJob(clusterName, current, saver, to, access, clusterLock(access), BalancerLayout::droplet);
    }

    /**
     * Installs balancer failover (reserved IP, keepalived, scripts, the balancers' token) as a job,
     * with the droplets' paths; {@code saver} writes a created or adopted reserved IP into the
     * cluster file. The balancers' token comes from {@link dev.orrery.ha.BalancerToken#slot}.
     * Blocks (keychain, disk): not on the FX thread.
     */
    public FailoverSetupJob failoverSetupJob(Cluster cluster, dev.orrery.ha.FailoverSetup.IpSaver saver) throws IOException {
        return failoverSetupJob(cluster, saver, access);
    }

    /** As {@link #failoverSetupJob(Cluster, dev.orrery.ha.FailoverSetup.IpSaver)} reaching the balancers through {@code hosts}. */
    public FailoverSetupJob failoverSetupJob(Cluster cluster, dev.orrery.ha.FailoverSetup.IpSaver saver, HostResolver hosts) throws IOException {
        return failover.setupJob(cluster, saver, hosts);
    }

    /** A failover drill on the cluster's balancers, as a job. Blocks (keychain, disk): not on the FX thread. */
    public FailoverDrillJob failoverDrillJob(Cluster cluster) throws IOException {
        return failoverDrillJob(cluster, access);
    }

    /** As {@link #failoverDrillJob(Cluster)} reaching the balancers through {@code hosts}. */
    public FailoverDrillJob failoverDrillJob(Cluster cluster, HostResolver hosts) throws IOException {
        return failover.drillJob(cluster, hosts);
    }

    /**
     * Keeps {@link #live}'s failover facts of {@code cluster} (who holds the reserved IP says the
     * API, and each balancer's keepalived state over SSH) current every {@code every}, on the io
     * pool, over its own SSH pool that never asks about host keys; close to stop. Does nothing for
     * a cluster without failover or its reserved IP.
     */
    public AutoCloseable watchFailover(Cluster cluster, java.time.Duration every) {
        return failover.watch(cluster, every);
    }

    /** Reads the failover status once into {@link #live} (blocks: API and SSH). */
    public dev.orrery.ha.FailoverStatus readFailover(Cluster cluster, HostResolver hosts) throws IOException {
        return failover.read(cluster, hosts);
    }


    /**
     * Like {@link #watchLock(Cluster, HostResolver, java.time.Duration)} over its own SSH pool that
     * never asks about host keys (a background read must not pop up a question); closing closes it.
     */
    public AutoCloseable watchLock(Cluster cluster, java.time.Duration every) {
        return locks.watchLock(cluster, every);
    }

    public synchronized TlsService tls() {
        if (tls == null) {
            tls = new TlsService(this, java.time.Clock.systemUTC());
        }
        return tls;
    }

    public <T> JobHandle<T> submit(Job<T> job) {
        return engine.submit(job);
    }

    @Override
    public synchronized void close() {
        if (tls != null) {
            tls.close();
        }
        stores.closeWriter(); // flushes what is queued before the store closes below
        if (sshHosts != null) {
            sshHosts.close();
        }
        stores.closeStore();
        if (ownsEngine) {
            engine.close();
        }
    }
}
