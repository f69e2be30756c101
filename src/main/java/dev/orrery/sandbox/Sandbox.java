package dev.orrery.sandbox;

import dev.orrery.deploy.BalancerControl;
import dev.orrery.deploy.BalancerControls;
import dev.orrery.deploy.HostProvider;
import dev.orrery.deploy.Rollout;
import dev.orrery.deploy.ServerJoin;
import dev.orrery.deploy.RolloutOptions;
import dev.orrery.health.HealthMonitor;
import dev.orrery.model.Cluster;
import dev.orrery.model.Release;
import dev.orrery.model.Server;
import dev.orrery.model.ServerState;
import dev.orrery.remote.LocalHost;
import dev.orrery.sampleapp.SampleReleases;
import dev.orrery.store.OrreryHome;
import dev.orrery.task.Progress;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Orrery's whole job on this machine, with no cloud account: a cluster whose "droplets" are app
 * processes here, each in its own directory and on its own loopback address, driven by the same
 * code as real servers — {@link LocalHost} for the host, the portable supervisor, the same
 * release layout, {@link Rollout} for deploys, {@link ServerJoin} for added capacity,
 * {@link dev.orrery.proxy.ProxyPush} for a real nginx, {@link HealthMonitor} for health.
 *
 * <p>The processes outlive this object (the command line starts them and exits); {@link #stop}
 * or {@link #close} stops them, and {@link #start} first stops any a crash left behind.
 * Methods that change the cluster run one at a time.
 */
public final class Sandbox implements AutoCloseable {
    private static final Pattern VERSION = Pattern.compile(Pattern.quote(SandboxCluster.APP) + "-v(\\d+)\\.jar");

    private final SandboxPaths paths;
    private final ExecutorService io;
    private final ScheduledExecutorService scheduler;
    private final SandboxBalancer balancer;
    private final RolloutOptions options;
    private final SandboxApps apps;
    private final String addressBlock;
    private HealthMonitor monitor;
    private final SandboxClusterFile file;
    private final SandboxScaling scaling;

    public Sandbox(SandboxPaths paths, ExecutorService io, ScheduledExecutorService scheduler) {
        this(paths, io, scheduler, SandboxAddresses.PREFIX);
    }

    /** {@code addressBlock}: the loopback /24 a new sandbox cluster's app servers get ("127.66.0."); tests use their own. */
    public Sandbox(SandboxPaths paths, ExecutorService io, ScheduledExecutorService scheduler, String addressBlock) {
        SandboxAddresses.requirePrefix(addressBlock);
        this.addressBlock = addressBlock;
        this.paths = paths;
        this.io = io;
        this.scheduler = scheduler;
        this.balancer = new SandboxBalancer(paths);
        this.options = rolloutOptions(paths);
        this.apps = new SandboxApps(paths, options.stopTimeoutSeconds());
        this.file = new SandboxClusterFile(paths);
        this.scaling = new SandboxScaling(paths, file, balancer, apps, options);
    }

    /** How the sandbox's servers are deployed: the supervisor, each in its own folder, as the user. */
    public static RolloutOptions rolloutOptions(SandboxPaths paths) {
        return RolloutOptions.defaults()
                .withInit(RolloutOptions.Init.SUPERVISOR)
                .withLayoutBase(s -> paths.serverBase(s.name()).toString())
                // The sandbox's processes are the user's own, like any program they start: no app user, no root.
                .withRunAsCurrentUser(true)
                .withStopTimeoutSeconds(10)
                .withHealthDeadline(Duration.ofSeconds(60));
    }

    /** True for a cluster whose servers are sandbox processes on this machine. */
    public static boolean isSandbox(Cluster cluster) {
        return !cluster.servers().isEmpty() && cluster.servers().stream().allMatch(s -> SandboxCluster.PROVIDER.equals(s.provider()));
    }

    /**
     * The sandbox cluster as {@link #start} will bring it up: the saved one, or the one a first
     * start makes (the balancer's port is chosen then). For placeholder nodes while it starts.
     */
    public Cluster preview() throws Exception {
        if (exists()) {
            return cluster();
        }
        return SandboxCluster.create(balancer.installed() ? PREVIEW_PORT : 0, Path.of(System.getProperty("java.home")), addressBlock);
    }

    private static final int PREVIEW_PORT = 8080;

    /** The fact a process's state goes under ("running" / "exited"); the live state reads the same key. */
    public static final String PROCESS_FACT = "process";

    public static Sandbox open(OrreryHome home, ExecutorService io, ScheduledExecutorService scheduler) {
        return new Sandbox(SandboxPaths.of(home), io, scheduler);
    }

    public SandboxPaths paths() {
        return paths;
    }

    public boolean exists() {
        return file.exists();
    }

    /** The sandbox cluster as last saved. */
    public Cluster cluster() throws Exception {
        return file.load();
    }

    /** {@code http://127.0.0.1:PORT/} of the balancer, or empty without one. */
    public java.util.Optional<String> balancerUrl() throws Exception {
        Cluster c = cluster();
        return c.balancerServer().map(b -> "http://127.0.0.1:" + c.balancer().httpPort() + "/");
    }

    /**
     * Creates the cluster when there is none, stops what a crash left behind, and brings every
     * server up: the first time v1 is deployed through a {@link Rollout}; later each server's app
     * is started on the release it had. Then the balancer is pushed.
     */
    public synchronized Cluster start(Progress progress) throws Exception {
        if (exists()) {
            // Until each server's turn comes, it is down on purpose: nobody is alarmed.
            for (Server s : cluster().servers()) {
                progress.serverStep(s.name(), "waiting", true);
            }
        }
        List<Long> leftover = new SandboxReaper(paths.root()).reap(Duration.ofSeconds(15));
        if (!leftover.isEmpty()) {
            progress.log("stopped " + leftover.size() + " sandbox process(es) left behind by an earlier run: " + leftover);
        }
        boolean nginx = balancer.installed();
        Cluster cluster;
        if (!exists()) {
            progress.step("Create the sandbox cluster");
            cluster = SandboxCluster.create(nginx ? SandboxAddresses.freePort() : 0, Path.of(System.getProperty("java.home")), addressBlock);
            save(cluster);
        } else {
            cluster = cluster();
            if (nginx && cluster.balancerServer().isEmpty()) {
                cluster = SandboxCluster.withBalancer(cluster, SandboxAddresses.freePort());
                save(cluster);
            }
        }
        if (!nginx) {
            progress.log(SandboxBalancer.MISSING);
        }
        // this sandbox's own leftovers were stopped above: whoever still listens there is not ours
        SandboxAddresses.requireFree(cluster);
        progress.checkCancelled();
        if (cluster.app().currentRelease() == null) {
            progress.step("Deploy v1 of the sample app");
            // Nothing is live and no balancer sends traffic yet: no draining, and no wait for nginx's fail_timeout.
            cluster = rollout(BalancerControls.NONE).deploy(cluster, SampleReleases.write(paths.bundle(1), "v1", false), progress);
        } else {
            for (Server s : cluster.appServers()) {
                progress.serverStep(s.name(), "launch", true);
                apps.start(s, progress);
                progress.serverDone(s.name(), "started");
            }
        }
        for (Server s : cluster.servers()) {
            cluster = cluster.replaceServer(s.name(), s.withState(ServerState.READY));
        }
        save(cluster);
        progress.checkCancelled();
        progress.step("Push the balancer");
        balancer.push(cluster, progress);
        progress.fraction(1);
        return cluster;
    }

    /** Starts one more app server on the live release, then puts it behind the balancer. */
    public synchronized Server addServer(Progress progress) throws Exception {
        return scaling.add(progress, appServers -> {
            if (monitor != null) {
                monitor.setServers(appServers);
            }
        });
    }

    /**
     * Takes an app server out for good: the balancer stops sending it traffic (pushed without
     * it) first, then its process is stopped, its folder removed and the cluster saved without
     * it. Returns the server removed.
     */
    public synchronized Server removeServer(String serverName, Progress progress) throws Exception {
        return scaling.remove(serverName, progress);
    }

    /** Stops everything, deletes the sandbox's folder (cluster, releases, logs) and starts a new one. */
    public synchronized Cluster reset(Progress progress) throws Exception {
        stop(progress);
        progress.step("Delete " + paths.root());
        SandboxScaling.deleteTree(paths.root());
        return start(progress);
    }

    /**
     * What this machine says about each server right now, read from pid files and the process
     * table (no command is run): {@code process} (running / exited), {@code pid}, {@code listen}
     * (address:port) and {@code log} (the log file). Shown instead of SSH settings.
     */
    public Map<String, Map<String, String>> facts(Cluster cluster) {
        return new SandboxFacts(apps::layout, balancer.layout()).of(cluster);
    }

    /** Deploys the sample app's next version (v2, v3 …) one server at a time. */
    public synchronized Cluster deployNext(Progress progress) throws Exception {
        Cluster cluster = cluster();
        int next = currentVersion(cluster) + 1;
        Path bundle = SampleReleases.write(paths.bundle(next), "v" + next, false);
        progress.log("deploying v" + next + " of the sample app, one server at a time");
        return rollout(BalancerControls.forCluster(cluster, s -> new LocalHost(s.name()))).deploy(cluster, bundle, progress);
    }

    /**
     * Simulates a failure: the server crashes — its app and its supervisor are killed outright
     * (SIGKILL), so open connections break at once and nothing restarts it until {@link #restart}.
     */
    public void fail(String serverName, Progress progress) throws Exception {
        Server s = file.appServer(serverName);
        List<Long> killed = apps.kill(s);
        progress.log(s.name() + (killed.isEmpty() ? ": was not running" : ": crashed (SIGKILL to " + killed + "); nothing restarts it until Restart"));
    }

    /** Starts a stopped server's app again (on the release it had). */
    public void restart(String serverName, Progress progress) throws Exception {
        apps.start(file.appServer(serverName), progress);
    }

    /** "running (…)" or "stopped", from the server's supervisor. */
    public String processState(String serverName) throws Exception {
        return apps.state(file.appServer(serverName));
    }

    /** A health monitor over the sandbox's app servers on the given executors (started; closed by {@link #close}). */
    public synchronized HealthMonitor monitor() throws Exception {
        if (monitor == null) {
            monitor = HealthMonitor.create(cluster(), scheduler, io);
            monitor.start();
        }
        return monitor;
    }

    /**
     * Stops every app (through its supervisor) and nginx, then sweeps for anything still running
     * from the sandbox directory. Returns the pids the sweep had to stop (empty when all went).
     */
    public synchronized List<Long> stop(Progress progress) {
        if (monitor != null) {
            monitor.close();
            monitor = null;
        }
        if (exists()) {
            try {
                // All at once: each app takes a moment to finish its requests after SIGTERM.
                progress.step("Stop the app servers");
                Cluster running = cluster();
                apps.stopAll(running, progress, io);
                // Stopped on purpose: the file says so, and nobody is alarmed that they do not answer.
                Cluster stopped = running;
                for (Server s : running.servers()) {
                    stopped = stopped.replaceServer(s.name(), s.withState(ServerState.STOPPED));
                }
                save(stopped);
            } catch (Exception e) {
                progress.log("cannot read the sandbox cluster (" + e.getMessage() + "); stopping its processes by their pid files");
            }
        }
        progress.step("Stop the balancer");
        balancer.stop(progress);
        List<Long> swept = new SandboxReaper(paths.root()).reap(Duration.ofSeconds(10));
        if (!swept.isEmpty()) {
            progress.log("stopped " + swept.size() + " more sandbox process(es): " + swept);
        }
        return swept;
    }

    /** Stops everything (the window closing). */
    @Override
    public void close() {
        stop(Progress.NONE);
    }

    /** The version number of the live release (1 before any: v1 is deployed first). */
    static int currentVersion(Cluster cluster) {
        Release live = cluster.app().currentRelease();
        if (live == null) {
            return 0;
        }
        Matcher m = VERSION.matcher(live.bundle());
        return m.matches() ? Integer.parseInt(m.group(1)) : 1;
    }

    private Rollout rollout(BalancerControl control) throws Exception {
        HostProvider hosts = s -> new LocalHost(s.name());
        dev.orrery.store.PrivateFiles.createDirectories(paths.locksDir());
        // Each record is applied to the file as it is now, then shown, like every other save.
        return new Rollout(hosts, control, file, io, paths.locksDir(), options);
    }

    private void save(Cluster cluster) throws java.io.IOException {
        file.save(cluster);
    }

    /**
     * Told every cluster this sandbox saves, right after it is on disk, on the saving thread
     * (the window shows it: each server's release during a rollout, the stopped state …).
     */
    public void setOnSaved(dev.orrery.deploy.ClusterSink.Saver observer) {
        file.setOnSaved(observer);
    }
}
