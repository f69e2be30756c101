package dev.orrery.proxy;

import dev.orrery.it.Spawned;
import dev.orrery.it.Sys;
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
import dev.orrery.remote.HostKeyPrompt;
import dev.orrery.remote.OrreryKnownHosts;
import dev.orrery.remote.PassphrasePrompt;
import dev.orrery.remote.SshConnector;
import dev.orrery.remote.SshHost;
import dev.orrery.remote.SshSettings;
import dev.orrery.remote.SshTarget;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A balancer host and app hosts on the test hosts: the real balancer binary on host 0 (driven
 * over real SSH by the push workflow), the test app (Node) on hosts 1..N listening on
 * {@link #APP_PORT}, and extra client source addresses on this machine's side of the bridge.
 */
public final class BalancerRig implements AutoCloseable {
    public static final int APP_PORT = 3000;

    public final TestHosts hosts;
    public final BalancerKind kind;
    public final SshHost balancer;
    public final BalancerLayout layout;
    public final List<Spawned> apps = new ArrayList<>();
    public final List<String> clients = new ArrayList<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    public BalancerRig(BalancerKind kind, int appServers, int clientAddresses, String... extraHostDirs) throws Exception {
        this.kind = kind;
        this.hosts = TestHosts.start(appServers + 1, extraHostDirs);
        try {
            TestHost lb = hosts.get(0);
            Path known = hosts.scratch("proxy-known").resolve("known_hosts");
            Files.writeString(known, lb.knownHostsLine() + "\n");
            SshConnector c = new SshConnector(SshSettings.defaults(), new OrreryKnownHosts(known, List.of()),
                    HostKeyPrompt.REFUSE, PassphrasePrompt.NONE, null);
            balancer = new SshHost(SshTarget.of("lb-1", lb.address(), lb.sshPort(), lb.user(), lb.privateKey()), c, scheduler);
            // The droplet's own paths in the host's private /etc, /run, /var/log; started by Orrery rather than systemd.
            layout = BalancerLayout.droplet(kind).withSystemdUnit(null);
            for (int i = 1; i <= appServers; i++) {
                apps.add(startApp(i, "1"));
            }
            String bridge = "orrbr" + hosts.bridgeAddress().split("\\.")[2];
            String prefix = hosts.bridgeAddress().substring(0, hosts.bridgeAddress().lastIndexOf('.') + 1);
            for (int i = 0; i < clientAddresses; i++) {
                String a = prefix + (200 + i);
                Sys.run("ip", "addr", "add", a + "/24", "dev", bridge).orThrow("client address " + a);
                clients.add(a);
            }
            for (int i = 1; i <= appServers; i++) {
                String address = hosts.get(i).address();
                dev.orrery.it.Wait.until("test app on " + address, () -> {
                    try {
                        return RawHttp.once(null, address, APP_PORT, "GET", "/health").status() == 200;
                    } catch (java.io.IOException e) {
                        return false;
                    }
                });
            }
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    public static Path testApp() throws URISyntaxException {
        return Path.of(BalancerRig.class.getResource("/testapp/server.js").toURI());
    }

    /** Starts the test app on host {@code i} as app-i; {@code env} adds settings such as {@code DELAY_MS=50}. */
    public Spawned startApp(int i, String version, String... env) throws URISyntaxException {
        List<String> argv = new ArrayList<>(List.of("env", "PORT=" + APP_PORT, "SERVER=app-" + i, "VERSION=" + version));
        argv.addAll(List.of(env));
        argv.addAll(List.of("node", testApp().toString()));
        return hosts.get(i).spawn(argv.toArray(String[]::new));
    }

    /** Restarts every app with extra settings and waits until each answers its health check. */
    public void restartApps(String... env) throws URISyntaxException {
        for (int i = 1; i <= apps.size(); i++) {
            apps.get(i - 1).stop();
            apps.set(i - 1, startApp(i, "1", env));
        }
        for (int i = 1; i <= apps.size(); i++) {
            String address = hosts.get(i).address();
            dev.orrery.it.Wait.until("test app on " + address, () -> {
                try {
                    return RawHttp.once(null, address, APP_PORT, "GET", "/health").status() == 200;
                } catch (java.io.IOException e) {
                    return false;
                }
            });
        }
    }

    public Cluster cluster(Stickiness stickiness) {
        List<Server> servers = new ArrayList<>();
        TestHost lb = hosts.get(0);
        servers.add(Server.of("lb-1", Role.BALANCER, lb.address()));
        for (int i = 1; i < hosts.size(); i++) {
            servers.add(Server.of("app-" + i, Role.APP, hosts.get(i).address()));
        }
        Balancer b = new Balancer(kind, stickiness, new HealthCheck("/health", 500, 2, 2, 1000), null, 80, 443, List.of());
        return new Cluster("it", new AppSpec("it", APP_PORT, null, null), b, servers);
    }

    public String balancerAddress() {
        return hosts.get(0).address();
    }

    public RawHttp.Response get(String client, String path) throws java.io.IOException {
        return RawHttp.once(client, balancerAddress(), 80, "GET", path);
    }

    @Override
    public void close() {
        apps.forEach(Spawned::stop);
        if (balancer != null) {
            try {
                balancer.exec(BalancerCommands.stop(kind, layout), dev.orrery.remote.LineListener.IGNORE);
            } catch (Exception e) {
                System.err.println("stopping the balancer: " + e.getMessage());
            }
            balancer.close();
        }
        scheduler.shutdownNow();
        // A namespace can outlive its processes while the kernel still holds sockets of it (connections to
        // a host whose network was cut), and its veth then stays behind and blocks the slot for the next
        // run. Remove our veths while the slot is still ours, before the fixture gives it back.
        String slot = hosts.bridgeAddress().split("\\.")[2];
        for (int i = 0; i < hosts.size(); i++) {
            Sys.run("ip", "link", "del", "orrv" + slot + "h" + i);
        }
        hosts.close();
    }
}
