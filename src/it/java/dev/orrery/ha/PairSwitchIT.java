package dev.orrery.ha;

import dev.orrery.deploy.LoadClient;
import dev.orrery.engine.BalancerSwitchJob;
import dev.orrery.engine.Engine;
import dev.orrery.engine.JobEvent;
import dev.orrery.engine.JobHandle;
import dev.orrery.engine.JobListener;
import dev.orrery.engine.PushProxyJob;
import dev.orrery.it.Spawned;
import dev.orrery.it.TestHost;
import dev.orrery.it.TestHosts;
import dev.orrery.it.Wait;
import dev.orrery.model.AppSpec;
import dev.orrery.model.Balancer;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.Failover;
import dev.orrery.model.HealthCheck;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.model.Stickiness;
import dev.orrery.proxy.BalancerLayout;
import dev.orrery.proxy.BalancerRig;
import dev.orrery.proxy.BalancerSwitch;
import dev.orrery.proxy.ProxyPushException;
import dev.orrery.proxy.RawHttp;
import dev.orrery.remote.HostKeyPrompt;
import dev.orrery.remote.OrreryKnownHosts;
import dev.orrery.remote.PassphrasePrompt;
import dev.orrery.remote.SshConnector;
import dev.orrery.remote.SshHosts;
import dev.orrery.remote.SshSettings;
import dev.orrery.store.ClusterStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The balancer switch of a failover pair on real parts: lb-1 and lb-2 are two test hosts (each
 * its own network stack, so both listen on port 80), each running the real nginx / HAProxy over
 * real SSH, with two app hosts running the test app. lb-1 holds the reserved IP (keepalived is not
 * needed: the switch never touches it), and a steady keep-alive GET + POST load goes through it
 * during the switch. The switch is the engine's {@link BalancerSwitchJob} on the cluster file, as
 * {@code orrery balancer switch} runs it.
 *
 * <p>What each balancer listens with and what the cluster file says are read on the job's own
 * thread when the job reports a balancer done and when it finishes, so the test sees the order:
 * the file changes only after both serve the new program.
 *
 * <p>First the failure: lb-1's real {@code haproxy -c} refuses the configuration (its ACME token
 * map path is a folder), so lb-2, already switched, is switched back. Then, lb-1 mended, the
 * switch itself.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PairSwitchIT {
    private static final String TOKENS_MAP = BalancerLayout.droplet(BalancerKind.HAPROXY).acmeMap();
    private static final Pattern PROCESS = Pattern.compile("\\(\"([^\"]+)\",pid=");

    private static TestHosts hosts;
    private static ScheduledExecutorService scheduler;
    private static SshHosts ssh;
    private static Engine engine;
    private static dev.orrery.lock.ClusterLock lock;
    private static final List<Spawned> apps = new ArrayList<>();
    private static Path file;
    private static String vip;

    @BeforeAll
    static void pair() throws Exception {
        hosts = TestHosts.start(4);
        scheduler = Executors.newSingleThreadScheduledExecutor();
        engine = new Engine();
        StringBuilder known = new StringBuilder();
        hosts.all().forEach(h -> known.append(h.knownHostsLine()).append('\n'));
        Path dir = hosts.scratch("pair-switch");
        ssh = new SshHosts(new SshConnector(SshSettings.defaults(), new OrreryKnownHosts(Files.writeString(dir.resolve("known_hosts"), known),
                List.of()), HostKeyPrompt.REFUSE, PassphrasePrompt.NONE, null), scheduler);
        lock = new dev.orrery.lock.ServerClusterLock(ssh, h -> { }, scheduler, engine.io(), hosts.scratch("pair-data"),
                new dev.orrery.lock.LocalHolds(), new dev.orrery.deploy.LocalClusterLock(hosts.scratch("pair-locks")));

        vip = hosts.bridgeAddress().substring(0, hosts.bridgeAddress().lastIndexOf('.') + 1) + "250";
        hosts.get(0).exec("ip", "addr", "add", vip + "/32", "dev", "eth0").orThrow("reserved IP on lb-1");
        List<Server> servers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            TestHost h = hosts.get(i);
            String name = i < 2 ? "lb-" + (i + 1) : "app-" + (i - 1);
            Server s = Server.of(name, i < 2 ? Role.BALANCER : Role.APP, h.address()).withSsh(h.user(), h.sshPort(), h.privateKey().toString());
            // a pair's balancers are droplets: the reserved IP is assigned to one by its id (the switch never asks the API)
            servers.add(i < 2 ? s.withAddresses(h.address(), h.address()).withProvider("digitalocean", "316444" + i, "nyc3", "s-1vcpu-1gb") : s);
            if (i >= 2) {
                apps.add(h.spawn("env", "PORT=" + BalancerRig.APP_PORT, "SERVER=" + name, "VERSION=1", "DELAY_MS=5", "node",
                        BalancerRig.testApp().toString()));
            }
        }
        Balancer b = new Balancer(BalancerKind.NGINX, Stickiness.NONE, new HealthCheck("/health", 500, 2, 2, 1000), null, 80, 443, List.of())
                .withFailover(new Failover(vip, 51, "eth0"));
        Cluster cluster = new Cluster("crater", new AppSpec("crater", BalancerRig.APP_PORT, Map.of(), List.of()), b, servers);
        file = dir.resolve("crater.json");
        ClusterStore.save(file, cluster);
        for (int i = 2; i < 4; i++) {
            String a = hosts.get(i).address();
            Wait.until("test app on " + a, () -> FailoverRig.answers(a, BalancerRig.APP_PORT, "/health"));
        }
        BalancerLayout nginx = BalancerLayout.droplet(BalancerKind.NGINX).withSystemdUnit(null);
        engine.submit(new PushProxyJob(cluster, PushProxyJob.pushOrder(cluster).stream()
                .map(s -> new PushProxyJob.Target(ssh.hostFor(s), nginx)).toList())).result().get();
    }

    @AfterAll
    static void stop() {
        apps.forEach(Spawned::stop);
        if (engine != null) {
            engine.close();
        }
        if (ssh != null) {
            ssh.close();
        }
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        if (hosts != null) {
            hosts.close(); // kills every process in the hosts' namespaces: both balancers too
        }
    }

    @Test
    @Order(1)
    void whenLb1RefusesHaproxyLb2IsSwitchedBackAndTheFileStillSaysNginx() throws Exception {
        // lb-1's real haproxy -c cannot read its ACME token map: a folder stands where the file goes
        hosts.get(0).exec("mkdir", "-p", TOKENS_MAP).orThrow("a folder as lb-1's token map");
        try {
            Switched s = switchUnderLoad(BalancerKind.HAPROXY);

            assertThat(s.error).as("the job fails").isInstanceOf(ProxyPushException.class);
            assertThat(s.error.getMessage()).as("says what happened")
                    .startsWith("lb-1: push failed at switch")
                    .contains("push failed at validation").contains(TOKENS_MAP).contains("Is a directory")
                    .contains("lb-2 switched back to nginx: both balancers run nginx as before");
            assertThat(s.logs).contains("lb-2 already runs HAProxy: switching it back to nginx so both balancers run the same program");
            assertThat(s.timeline).as("lb-2 was switched (the standby first), then back; the file never changed").containsExactly(
                    "lb-2 done: file NGINX, lb-1 [nginx], lb-2 [haproxy]",
                    "finished: file NGINX, lb-1 [nginx], lb-2 [nginx]");
            assertServe(BalancerKind.NGINX);
            assertThat(s.load.failed.get()).as("failed requests: " + s.load.failures).isZero();
        } finally {
            hosts.get(0).exec("rm", "-rf", TOKENS_MAP);
        }
    }

    @Test
    @Order(2)
    void bothSwitchTheStandbyFirstAndTheKindIsSavedOnlyOnceBothServeHaproxy() throws Exception {
        assertThat(listeners(0) + " " + listeners(1)).as("both run nginx before").isEqualTo("[nginx] [nginx]");

        Switched s = switchUnderLoad(BalancerKind.HAPROXY);

        assertThat(s.error).as("the job succeeds").isNull();
        assertThat(s.result.closedMs()).as("the ports were never closed").isZero();
        assertThat(s.timeline).as("the standby first; the file says HAProxy only once both serve it").containsExactly(
                "lb-2 done: file NGINX, lb-1 [nginx], lb-2 [haproxy]",
                "lb-1 done: file NGINX, lb-1 [haproxy], lb-2 [haproxy]",
                "finished: file HAPROXY, lb-1 [haproxy], lb-2 [haproxy]");
        assertServe(BalancerKind.HAPROXY);
        assertThat(s.load.failed.get()).as("failed requests: " + s.load.failures).isZero();
    }

    /** What one switch did: its result or error, its log, the observed order, the load's counts. */
    private record Switched(BalancerSwitch.Result result, Throwable error, List<String> logs, List<String> timeline, LoadClient load) {
    }

    private static Switched switchUnderLoad(BalancerKind to) throws Exception {
        List<String> logs = new CopyOnWriteArrayList<>();
        List<String> timeline = new CopyOnWriteArrayList<>();
        // Events come on the job's thread, so each snapshot is taken before the job goes on.
        JobListener watch = e -> {
            if (e instanceof JobEvent.Log l) {
                logs.add(l.line());
            } else if (e instanceof JobEvent.ServerDone d) {
                timeline.add(d.server() + " done: " + snapshot());
            } else if (e instanceof JobEvent.Finished) {
                timeline.add("finished: " + snapshot());
            }
        };
        LoadClient load = new LoadClient(vip, 80, 4, 5, 20_000).start();
        long t0 = System.nanoTime();
        BalancerSwitch.Result result = null;
        Throwable error = null;
        engine.addListener(watch);
        try {
            Wait.until("load through lb-1 before the switch", () -> load.total() >= 200);
            JobHandle<BalancerSwitch.Result> job = engine.submit(new BalancerSwitchJob(file, "crater", to, ssh, lock));
            Wait.until("the switch job ends", () -> job.result().isDone());
            try {
                result = job.result().get();
            } catch (ExecutionException e) {
                error = e.getCause();
            }
            long after = load.total();
            Wait.until("load through lb-1 after the switch", () -> load.total() >= after + 200);
        } finally {
            engine.removeListener(watch);
            load.close();
        }
        System.out.printf("[pair switch to %s] %s in %.1f s; %d requests, %d failed: %s%n", to, error == null ? "switched" : "failed",
                (System.nanoTime() - t0) / 1e9, load.total(), load.failed.get(), load.failures);
        return new Switched(result, error, logs, timeline, load);
    }

    /** Both balancers listen with {@code kind} only, answer from an app server, and the file says {@code kind}. */
    private static void assertServe(BalancerKind kind) throws Exception {
        String program = kind == BalancerKind.NGINX ? "nginx" : "haproxy";
        assertThat(ClusterStore.load(file).balancer().kind()).isEqualTo(kind);
        for (int i = 0; i < 2; i++) {
            assertThat(listeners(i)).as("lb-" + (i + 1) + " listens on 80 with").isEqualTo("[" + program + "]");
            assertThat(RawHttp.once(null, hosts.get(i).address(), 80, "GET", "/").server()).as("lb-" + (i + 1) + " serves").startsWith("app-");
        }
    }

    private static String snapshot() {
        try {
            return "file " + ClusterStore.load(file).balancer().kind() + ", lb-1 " + listeners(0) + ", lb-2 " + listeners(1);
        } catch (Exception e) {
            return "cannot read: " + e;
        }
    }

    /** The programs listening on port 80 in balancer {@code i}'s network namespace, as {@code ss} names them. */
    private static String listeners(int i) {
        Matcher m = PROCESS.matcher(hosts.get(i).exec("ss", "-Hltnp", "( sport = :80 )").output());
        TreeSet<String> names = new TreeSet<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return names.toString();
    }
}
