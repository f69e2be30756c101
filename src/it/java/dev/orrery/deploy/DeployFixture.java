package dev.orrery.deploy;

import dev.orrery.it.LaptopLink;
import dev.orrery.it.TestHost;
import dev.orrery.it.TestHosts;
import dev.orrery.model.AppSpec;
import dev.orrery.model.Balancer;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.HealthCheck;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.model.Stickiness;
import dev.orrery.proxy.BalancerLayout;
import dev.orrery.proxy.ProxyPush;
import dev.orrery.remote.HostKeyPrompt;
import dev.orrery.remote.OrreryKnownHosts;
import dev.orrery.remote.PassphrasePrompt;
import dev.orrery.remote.SshConnector;
import dev.orrery.remote.SshHost;
import dev.orrery.remote.SshSettings;
import dev.orrery.remote.SshTarget;
import dev.orrery.store.ClusterStore;
import dev.orrery.task.Progress;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Three app hosts and one balancer host (real sshd, real nginx or HAProxy, real node processes
 * under Orrery's supervisor), a cluster file describing them, and the Meteor-like test app as
 * releases v1 (a Meteor server bundle), v2 (a Node app) and v3 (a Node app whose /health says 503).
 */
public final class DeployFixture implements AutoCloseable {
    static final int APP_PORT = 3000;

    final TestHosts hosts;
    public final Path scratch;
    final Path clusterFile;
    final Path locks;
    final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
    final ExecutorService pool = Executors.newFixedThreadPool(4);
    final SshConnector connector;
    public final BalancerLayout balancerLayout;
    /** How many app servers (app-1…app-N); the balancer lb-1 is the host after them. */
    public final int apps;
    /** What {@link #rollout(BalancerControl)} deploys with: the supervisor on namespace hosts, systemd (detected) on systemd hosts. */
    private final RolloutOptions defaultOptions;
    public Cluster cluster;

    public DeployFixture(BalancerKind kind) throws Exception {
        this(kind, LaptopLink.UNSHAPED, null);
    }

    /** With {@code sudoUser}: every host is {@link TestHost#harden hardened} (root login off) and Orrery logs in as that user. */
    public DeployFixture(BalancerKind kind, String sudoUser) throws Exception {
        this(kind, LaptopLink.UNSHAPED, sudoUser);
    }

    /** With this machine (where Orrery runs) behind {@code link} to the hosts, which talk among themselves unshaped. */
    public DeployFixture(BalancerKind kind, LaptopLink link) throws Exception {
        this(kind, link, null);
    }

    /** With {@code apps} app servers (app-1…app-N) instead of three. */
    public DeployFixture(BalancerKind kind, LaptopLink link, int apps) throws Exception {
        this(kind, TestHosts.start(apps + 1, link), null, BalancerLayout.under("/srv/lb", kind), options(), apps);
    }

    private DeployFixture(BalancerKind kind, LaptopLink link, String sudoUser) throws Exception {
        this(kind, TestHosts.start(4, link), sudoUser, BalancerLayout.under("/srv/lb", kind), options(), 3);
    }

    /**
     * Four hosts that boot systemd ({@link TestHosts#startSystemd}), like droplets: the balancer is
     * the host's own {@code nginx.service} (Debian's paths, reloaded through systemctl), the app
     * runs as Orrery's systemd unit, and Orrery logs in as {@code sudoUser} (root login off).
     */
    public static DeployFixture onSystemdHosts(String sudoUser) throws Exception {
        return new DeployFixture(BalancerKind.NGINX, TestHosts.startSystemd(4), sudoUser, BalancerLayout.droplet(BalancerKind.NGINX),
                options().withInit(RolloutOptions.Init.AUTO), 3);
    }

    private DeployFixture(BalancerKind kind, TestHosts hosts, String sudoUser, BalancerLayout layout, RolloutOptions defaultOptions,
                          int apps) throws Exception {
        this.apps = apps;
        this.hosts = hosts;
        this.defaultOptions = defaultOptions;
        if (sudoUser != null) {
            hosts.all().forEach(h -> h.harden(sudoUser, true));
        }
        scratch = hosts.scratch("deploy");
        StringBuilder known = new StringBuilder();
        for (TestHost h : hosts.all()) {
            known.append(h.knownHostsLine()).append('\n');
        }
        Path knownFile = Files.writeString(scratch.resolve("known_hosts"), known);
        connector = new SshConnector(SshSettings.defaults(), new OrreryKnownHosts(knownFile, List.of()), HostKeyPrompt.REFUSE, PassphrasePrompt.NONE, null);
        List<Server> servers = new ArrayList<>();
        for (int i = 0; i < apps; i++) {
            servers.add(server("app-" + (i + 1), Role.APP, hosts.get(i)));
        }
        servers.add(server("lb-1", Role.BALANCER, hosts.get(apps)));
        Map<String, String> env = new LinkedHashMap<>();
        env.put("METEOR_SETTINGS", "{\"public\":{\"greeting\":\"it's \\\"quoted\\\" $(not run) `nor this`\"}}");
        Balancer balancer = new Balancer(kind, Stickiness.NONE, new HealthCheck("/health", 250, 2, 2, 1000), null, 80, 443, List.of());
        cluster = new Cluster("crater", new AppSpec("crater", APP_PORT, env, List.of()), balancer, servers);
        clusterFile = scratch.resolve("crater.json");
        ClusterStore.save(clusterFile, cluster);
        locks = Files.createDirectories(scratch.resolve("locks"));
        balancerLayout = layout;
        try (SshHost lb = ssh(cluster.server("lb-1").orElseThrow())) {
            new ProxyPush(lb, balancerLayout).push(cluster, Progress.NONE);
        }
    }

    private Server server(String name, Role role, TestHost h) {
        return Server.of(name, role, h.address()).withSsh(h.user(), h.sshPort(), h.privateKey().toString());
    }

    public SshHost ssh(Server s) {
        return new SshHost(SshTarget.of(s), connector, scheduler);
    }

    public TestHost testHost(String server) {
        return hosts.get(server.equals("lb-1") ? apps : Integer.parseInt(server.substring(4)) - 1);
    }

    /** Client /24s toward the balancer ({@link TestHosts#clientSubnets}): per group the address to connect to and the source nginx sees. */
    public List<String[]> clientSubnets(int groups) {
        return hosts.clientSubnets(testHost("lb-1"), groups);
    }

    public String balancerAddress() {
        return hosts.get(apps).address();
    }

    public Rollout rollout(BalancerControl balancer) {
        return rollout(balancer, defaultOptions);
    }

    public static RolloutOptions options() {
        return RolloutOptions.defaults().withInit(RolloutOptions.Init.SUPERVISOR)
                .withHealthDeadline(Duration.ofSeconds(30)).withStopTimeoutSeconds(10);
    }

    public Rollout rollout(BalancerControl balancer, RolloutOptions options) {
        return new Rollout(this::ssh, balancer, dev.orrery.deploy.ClusterSink.of(c -> {
            cluster = c;
            ClusterStore.save(clusterFile, c);
        }), pool, locks, options);
    }

    /** What the laptop's link is, as applied (see {@link TestHosts#laptopLinkNote()}). */
    public String laptopLinkNote() {
        return hosts.laptopLinkNote();
    }

    /**
     * A Node release padded with {@code mb} MB of random (incompressible) data, made with tar. The
     * padding is the same in every release of that size (a fixed seed), so two of them differ in
     * package.json only: one changed file.
     */
    public Path bigRelease(String name, String envPrefix, int mb) throws Exception {
        Path small = nodeRelease(name + "-small", envPrefix);
        Path src = scratch.resolve(name + "-small.tar.gz-src");
        byte[] chunk = new byte[1 << 20];
        java.util.Random r = new java.util.Random(42);
        try (var out = Files.newOutputStream(src.resolve("payload.bin"))) {
            for (int i = 0; i < mb; i++) {
                r.nextBytes(chunk);
                out.write(chunk);
            }
        }
        Path tar = scratch.resolve(name + ".tar.gz");
        Process p = new ProcessBuilder("tar", "-czf", tar.toString(), "-C", src.toString(), "package.json", "server.js", "payload.bin")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0 || !Files.exists(small)) {
            throw new IOException("tar failed: " + out);
        }
        return tar;
    }

    /** The version the app on one server answers with, asked directly (not through the balancer). */
    public String versionOn(String server) throws Exception {
        String addr = cluster.server(server).orElseThrow().publicAddress();
        // HTTP/1.1: java.net.http's default h2c upgrade attempt would read as a WebSocket upgrade to the test app.
        HttpClient c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> r = c.send(HttpRequest.newBuilder(URI.create("http://" + addr + ":" + APP_PORT + "/")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.headers().firstValue("X-Version").orElse("?");
    }

    /** The pid of the app process on a server (changes when it restarts). */
    String appPid(String server) {
        TestHost h = testHost(server);
        if (h.isSystemd()) {
            return h.exec("systemctl", "show", "-p", "MainPID", "--value", AppLayout.of("crater").unitName()).output().strip();
        }
        return h.exec("cat", "/opt/crater/run/app.pid").output().strip();
    }

    public Path v1() throws Exception {
        String main = "process.env.VERSION = 'v1'; process.env.SERVER = process.env.ORRERY_SERVER;\n" + testApp();
        return TestBundles.tarGz(scratch, "v1.tar.gz", Map.of("bundle/main.js", main,
                "bundle/programs/server/package.json", "{\"name\":\"server\",\"version\":\"1.0.0\",\"private\":true}",
                "bundle/README", "a Meteor-shaped server bundle made by DeployFixture\n"));
    }

    public Path nodeRelease(String name, String envPrefix) throws Exception {
        return TestBundles.tarGz(scratch, name + ".tar.gz", Map.of(
                "package.json", "{\"name\":\"crater\",\"version\":\"1.0.0\",\"scripts\":{\"start\":\"" + envPrefix + " SERVER=$ORRERY_SERVER exec node server.js\"}}",
                "server.js", testApp()));
    }

    static String testApp() throws IOException {
        try (InputStream in = DeployFixture.class.getResourceAsStream("/testapp/server.js")) {
            if (in == null) {
                throw new IOException("testapp/server.js is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Prints the rollout's steps and log with a time stamp, for the test output. */
    public static Progress printing(String prefix) {
        long t0 = System.nanoTime();
        return new Progress() {
            @Override public void step(String name) { System.out.printf("%s %6d ms  » %s%n", prefix, (System.nanoTime() - t0) / 1_000_000, name); }
            @Override public void fraction(double done) { }
            @Override public void log(String line) { System.out.printf("%s %6d ms    %s%n", prefix, (System.nanoTime() - t0) / 1_000_000, line); }
            @Override public boolean cancelled() { return false; }
        };
    }

    @Override
    public void close() {
        pool.shutdownNow();
        scheduler.shutdownNow();
        hosts.close();
    }
}
