package dev.orrery.ha;

import dev.orrery.cloud.ApiToken;
import dev.orrery.cloud.DigitalOceanClient;
import dev.orrery.cloud.DigitalOceanConfig;
import dev.orrery.cloud.fake.FakeDigitalOcean;
import dev.orrery.cloud.fake.FakeDroplet;
import dev.orrery.cloud.fake.NoDelayServerSockets;
import dev.orrery.engine.Engine;
import dev.orrery.engine.FailoverDrillJob;
import dev.orrery.engine.FailoverSetupJob;
import dev.orrery.engine.PushProxyJob;
import dev.orrery.it.Spawned;
import dev.orrery.it.Sys;
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
import dev.orrery.proxy.BalancerCommands;
import dev.orrery.proxy.BalancerLayout;
import dev.orrery.proxy.BalancerRig;
import dev.orrery.proxy.RawHttp;
import dev.orrery.remote.HostKeyPrompt;
import dev.orrery.remote.LineListener;
import dev.orrery.remote.OrreryKnownHosts;
import dev.orrery.remote.PassphrasePrompt;
import dev.orrery.remote.SshConnector;
import dev.orrery.remote.SshHosts;
import dev.orrery.remote.SshSettings;
import dev.orrery.task.Progress;
import mockwebserver3.MockWebServer;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Two balancers and three app servers on the test hosts, with the fake DigitalOcean API on this
 * machine's bridge address (so the balancers' notify scripts reach it as they would reach
 * api.digitalocean.com). Hosts 0 and 1 run the real nginx or HAProxy (pushed by Orrery) and the real
 * keepalived Orrery installs; hosts 2–4 run the test app. The reserved IP is an address on the
 * test bridge; the fake's {@code assign} action moves it the way DigitalOcean's network does: off
 * the old holder's eth0, onto the new one's, and this machine forgets the old holder's MAC.
 */
public final class FailoverRig implements AutoCloseable {
    public static final String TOKEN = "dop_v1_f4k3t0k3n5ecr3t";

    public final TestHosts hosts;
    public final BalancerKind kind;
    public final String vip;
    public final FakeDigitalOcean fake = new FakeDigitalOcean(TOKEN);
    public final MockWebServer api = new MockWebServer();
    public final BalancerLayout balancerLayout;
    public final HaLayout haLayout = HaLayout.droplet().withoutSystemd();
    public final Engine engine = new Engine();
    public final SshHosts ssh;
    /** The cluster's real lock, kept on its balancer like every workstation's (both jobs hold it). */
    public final dev.orrery.lock.ClusterLock lock;
    public final List<FakeDroplet> droplets = new ArrayList<>();
    public final List<Spawned> apps = new ArrayList<>();
    public Cluster cluster;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final String bridge;

    public FailoverRig(BalancerKind kind) throws Exception {
        this.kind = kind;
        this.hosts = TestHosts.start(5, "/etc/keepalived");
        try {
            bridge = "orrbr" + hosts.bridgeAddress().split("\\.")[2];
            vip = hosts.bridgeAddress().substring(0, hosts.bridgeAddress().lastIndexOf('.') + 1) + "250";
            StringBuilder known = new StringBuilder();
            hosts.all().forEach(h -> known.append(h.knownHostsLine()).append('\n'));
            Path knownFile = Files.writeString(hosts.scratch("failover").resolve("known_hosts"), known);
            ssh = new SshHosts(new SshConnector(SshSettings.defaults(), new OrreryKnownHosts(knownFile, List.of()),
                    HostKeyPrompt.REFUSE, PassphrasePrompt.NONE, null), scheduler);
            balancerLayout = BalancerLayout.droplet(kind).withSystemdUnit(null);
            lock = new dev.orrery.lock.ServerClusterLock(ssh, h -> { }, scheduler, engine.io(), hosts.scratch("failover-data"),
                    new dev.orrery.lock.LocalHolds(), new dev.orrery.deploy.LocalClusterLock(hosts.scratch("failover-locks")));
            api.setServerSocketFactory(new NoDelayServerSockets());
            api.setDispatcher(fake);
            api.start(InetAddress.getByName(hosts.bridgeAddress()), 0);
            List<Server> servers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                FakeDroplet d = fake.droplet("lb-" + (i + 1), List.of());
                droplets.add(d);
                TestHost h = hosts.get(i);
                servers.add(Server.of("lb-" + (i + 1), Role.BALANCER, h.address()).withAddresses(h.address(), h.address())
                        .withSsh(h.user(), h.sshPort(), h.privateKey().toString())
                        .withProvider("digitalocean", String.valueOf(d.id()), "nyc3", "s-1vcpu-1gb"));
            }
            for (int i = 2; i < 5; i++) {
                TestHost h = hosts.get(i);
                servers.add(Server.of("app-" + (i - 1), Role.APP, h.address()).withSsh(h.user(), h.sshPort(), h.privateKey().toString()));
                apps.add(h.spawn("env", "PORT=" + BalancerRig.APP_PORT, "SERVER=app-" + (i - 1), "VERSION=1", "node",
                        BalancerRig.testApp().toString()));
            }
            Balancer b = new Balancer(kind, Stickiness.NONE, new HealthCheck("/health", 500, 2, 2, 1000), null, 80, 443, List.of())
                    .withFailover(new Failover(null, 51, "eth0"));
            cluster = new Cluster("crater", new AppSpec("crater", BalancerRig.APP_PORT, Map.of(), List.of()), b, servers);
            for (int i = 2; i < 5; i++) {
                String a = hosts.get(i).address();
                Wait.until("test app on " + a, () -> answers(a, BalancerRig.APP_PORT, "/health"));
            }
            // DigitalOcean's network: the address reaches the droplet the API assigned it to.
            fake.reservedIps().listen((ip, from, to) -> move(ip, from, to));
            engine.submit(new PushProxyJob(cluster, PushProxyJob.pushOrder(cluster).stream()
                    .map(s -> new PushProxyJob.Target(ssh.hostFor(s), balancerLayout)).toList())).result().get();
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    /** The account already has the address (on the bridge), held by lb-1: the setup adopts it. */
    public void reservedIpOnFirstBalancer() {
        fake.reservedIps().add(vip, "nyc3", droplets.get(0).id());
        hosts.get(0).exec("ip", "addr", "add", vip + "/32", "dev", "eth0").orThrow("reserved IP on lb-1");
        cluster = cluster.withBalancer(cluster.balancer().withFailover(cluster.balancer().failover().withReservedIp(vip)));
    }

    private void move(String ip, long from, long to) {
        for (int i = 0; i < droplets.size(); i++) {
            if (droplets.get(i).id() == from) {
                hosts.get(i).exec("ip", "addr", "del", ip + "/32", "dev", "eth0");
            }
        }
        for (int i = 0; i < droplets.size(); i++) {
            if (droplets.get(i).id() == to) {
                hosts.get(i).exec("ip", "addr", "add", ip + "/32", "dev", "eth0");
            }
        }
        Sys.run("ip", "neigh", "flush", "to", ip, "dev", bridge);
    }

    public DigitalOceanClient client() {
        return new DigitalOceanClient(DigitalOceanConfig.defaults(api.url("/").uri()), new ApiToken(TOKEN));
    }

    public String apiBase() {
        String u = api.url("/").toString();
        return u.substring(0, u.length() - 1);
    }

    public FailoverDrillJob drillJob() {
        return new FailoverDrillJob(cluster, new FailoverDrill(ssh, client().reservedIps(), balancerLayout, ReservedIpProbe.HTTP), lock);
    }

    /** Runs the setup through the engine, as the faces do; the fake knows one token, so the balancers get that one. */
    public FailoverSetup.Result setup(Progress progress) throws Exception {
        return engine.submit(new FailoverSetupJob(cluster, new FailoverSetup(ssh, client().reservedIps(), apiBase(), haLayout,
                new BalancerToken(TOKEN), ip -> cluster = cluster.withBalancer(
                cluster.balancer().withFailover(cluster.balancer().failover().withReservedIp(ip)))), lock)).result().get();
    }

    public int holderIndex() {
        long d = fake.reservedIps().holder(vip);
        return droplets.get(0).id() == d ? 0 : droplets.get(1).id() == d ? 1 : -1;
    }

    public KeepalivedState state(int balancer) {
        return FailoverSetup.read(ssh.hostFor(cluster.balancerServers().get(balancer)), haLayout);
    }

    /** Kills the balancer program on balancer {@code i} at once (SIGKILL: a crash, not a stop). */
    public void killBalancerProgram(int i) {
        killInHost(i, kind == BalancerKind.NGINX ? "nginx" : "haproxy");
    }

    /** Starts the balancer program on balancer {@code i} again, over SSH as Orrery would. */
    public void startBalancerProgram(int i) throws Exception {
        ssh.hostFor(cluster.balancerServers().get(i)).run(BalancerCommands.start(kind, balancerLayout));
    }

    /** The whole droplet gone: its network cut and every process of it killed. */
    public void killHost(int i) {
        hosts.get(i).exec("ip", "link", "set", "eth0", "down").orThrow("cut balancer " + i);
        killInHost(i, "keepalived", "nginx", "haproxy");
    }

    /** SIGKILL to the processes called {@code names} in host {@code i}'s network namespace only (never another test's). */
    private void killInHost(int i, String... names) {
        List<String> wanted = List.of(names);
        for (String pid : Sys.run("ip", "netns", "pids", hosts.get(i).name()).output().split("\\s+")) {
            if (!pid.matches("\\d+")) {
                continue;
            }
            try {
                String comm = Files.readString(Path.of("/proc", pid, "comm")).strip();
                if (wanted.contains(comm)) {
                    Sys.run("kill", "-KILL", pid);
                }
            } catch (java.io.IOException gone) {
                // exited meanwhile
            }
        }
    }

    public boolean vipAnswers() {
        return ReservedIpProbe.HTTP.answers(vip, 80);
    }

    static boolean answers(String address, int port, String path) {
        try {
            return RawHttp.once(null, address, port, "GET", path).status() == 200;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    public static Duration since(long t0) {
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    @Override
    public void close() {
        apps.forEach(Spawned::stop);
        engine.close();
        if (ssh != null) {
            ssh.close();
        }
        scheduler.shutdownNow();
        try {
            api.close();
        } catch (Exception e) {
            System.err.println("fake API: " + e.getMessage());
        }
        String slot = hosts.bridgeAddress().split("\\.")[2];
        for (int i = 0; i < hosts.size(); i++) {
            Sys.run("ip", "link", "del", "orrv" + slot + "h" + i);
        }
        hosts.close();
    }
}
