package dev.orrery.provision;

import dev.orrery.cloud.DropletTemplate;
import dev.orrery.cloud.FakeApiFixture;
import dev.orrery.deploy.DeployFixture;
import dev.orrery.deploy.PassiveDrain;
import dev.orrery.engine.CloudWiring;
import dev.orrery.engine.ReleaseBundles;
import dev.orrery.it.TestHost;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Server;
import dev.orrery.proxy.ProxyPush;
import dev.orrery.proxy.RawHttp;
import dev.orrery.remote.HostKeyPrompt;
import dev.orrery.remote.OrreryKnownHosts;
import dev.orrery.remote.PassphrasePrompt;
import dev.orrery.remote.SshConnector;
import dev.orrery.remote.SshHost;
import dev.orrery.remote.SshHosts;
import dev.orrery.remote.SshSettings;
import dev.orrery.store.ClusterStore;
import dev.orrery.task.Progress;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The deploy test rig (three app hosts, an nginx balancer host, the test app) with the fake
 * DigitalOcean API beside it: the cluster starts with app-1 and app-2 running release v1 behind
 * the balancer, and the fourth test host (app-3's in the deploy rig) is what the fake hands out
 * as the new droplet — its networks carry that host's address, so SSH, the app check, the
 * deploy and the balancer push of a provision run for real. Orrery's known_hosts here lists the
 * other hosts only, so the provision must record the new one's key itself.
 */
public final class ProvisionRig implements AutoCloseable {
    public final DeployFixture f;
    public final FakeApiFixture api;
    public final TestHost droplet;
    public final Path clusterFile;
    public final Path knownHosts;
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
    private final SshHosts hosts;
    private final CloudWiring.Wiring wiring;

    public ProvisionRig() throws Exception {
        this(BalancerKind.NGINX);
    }

    public ProvisionRig(BalancerKind kind) throws Exception {
        this(kind, null);
    }

    /** With {@code sudoUser}: hardened hosts (root login off), Orrery logs in as that user everywhere, the new droplet too. */
    public ProvisionRig(BalancerKind kind, String sudoUser) throws Exception {
        f = new DeployFixture(kind, sudoUser);
        try {
            droplet = f.testHost("app-3");
            clusterFile = f.scratch.resolve("crater.json");
            f.cluster = f.cluster.withoutServer("app-3");
            ClusterStore.save(clusterFile, f.cluster);
            knownHosts = f.scratch.resolve("orrery_known_hosts");
            Files.writeString(knownHosts, f.testHost("app-1").knownHostsLine() + "\n" + f.testHost("app-2").knownHostsLine() + "\n"
                    + f.testHost("lb-1").knownHostsLine() + "\n");
            OrreryKnownHosts known = new OrreryKnownHosts(knownHosts, List.of());
            hosts = new SshHosts(new SshConnector(SshSettings.defaults(), known, HostKeyPrompt.REFUSE, PassphrasePrompt.NONE, null), scheduler);
            wiring = new CloudWiring.Wiring(prompt -> new SshConnector(SshSettings.defaults(), known, prompt, PassphrasePrompt.NONE, null),
                    hosts, scheduler, k -> f.balancerLayout, DeployFixture.options(), new ReleaseBundles(List.of(f.scratch)));
            push();
            f.rollout(control()).deploy(f.cluster, f.v1(), DeployFixture.printing("v1"));
            api = new FakeApiFixture();
            String address = droplet.address();
            api.fake.addresses(id -> new String[]{address, address});
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    /** How a rollout drains a server behind this rig's balancer (nginx: passively; HAProxy: its runtime API). */
    public dev.orrery.deploy.BalancerControl control() {
        return control(f.cluster);
    }

    public dev.orrery.deploy.BalancerControl control(dev.orrery.model.Cluster c) {
        if (c.balancer().kind() == BalancerKind.HAPROXY) {
            return new dev.orrery.deploy.HaproxyRuntimeDrain(f.ssh(c.server("lb-1").orElseThrow()), f.balancerLayout, c);
        }
        return PassiveDrain.forOrreryNginx();
    }

    /** The seams' wiring (SSH, pushes), for workflows a test builds itself. */
    public CloudWiring.Wiring wiring() {
        return wiring;
    }

    /** Pushes the balancer configuration of the cluster file as it is now. */
    public void push() throws Exception {
        try (SshHost lb = f.ssh(f.cluster.server("lb-1").orElseThrow())) {
            new ProxyPush(lb, f.balancerLayout).push(ClusterStore.load(clusterFile), Progress.NONE);
        }
    }

    public ProvisionWorkflow workflow() throws Exception {
        return new ProvisionWorkflow(api.provider(), new FileClusterModel(clusterFile), CloudWiring.seams(wiring), ProvisionTimeouts.DEFAULT);
    }

    public ProvisionRequest request(String name) {
        DropletTemplate t = new DropletTemplate("nyc3", "s-1vcpu-1gb", String.valueOf(api.fake.baseImage().id()), List.of(), null, null);
        return new ProvisionRequest(name, t, droplet.user(), droplet.sshPort(), droplet.privateKey().toString());
    }

    /**
     * Makes the test host a blank droplet again: {@code name} out of the cluster file and the
     * balancer, its droplet deleted in the fake, the app stopped and its directory removed.
     */
    public void retire(String name) throws Exception {
        f.cluster = ClusterStore.load(clusterFile).withoutServer(name);
        ClusterStore.save(clusterFile, f.cluster);
        push();
        api.fake.droplets().forEach(d -> api.provider().delete(String.valueOf(d.id())));
        droplet.exec("/opt/crater/bin/orrery-supervise", "stop");
        droplet.exec("rm", "-rf", "/opt/crater");
    }

    /** The balancer configuration live on the balancer host. */
    public String balancerConfig() {
        return f.testHost("lb-1").exec("cat", f.balancerLayout.configPath()).output();
    }

    /**
     * Asks the balancer, one request at a time, until {@code server} answers one (true) or the
     * deadline or request budget runs out (false).
     */
    /**
     * Whether one of {@code maxRequests} requests through the balancer is answered by that server.
     * Bounded by count, not by the clock; a refused request (nginx reloading) counts as one that was
     * not answered by it. To wait until it answers, call it from {@code Wait.until}.
     */
    public boolean answersThroughBalancer(String server, int maxRequests) {
        for (int i = 0; i < maxRequests; i++) {
            try {
                if (RawHttp.once(null, f.balancerAddress(), 80, "GET", "/").server().equals(server)) {
                    return true;
                }
            } catch (java.io.IOException refused) {
                // not answered by it; the next request asks again
            }
        }
        return false;
    }

    public Server server(String name) throws Exception {
        return ClusterStore.load(clusterFile).server(name).orElse(null);
    }

    @Override
    public void close() {
        if (hosts != null) {
            hosts.close();
        }
        scheduler.shutdownNow();
        if (api != null) {
            api.close();
        }
        f.close();
    }
}
