package dev.orrery.provision.bench;

import dev.orrery.cloud.ApiToken;
import dev.orrery.cloud.DigitalOceanClient;
import dev.orrery.cloud.DigitalOceanConfig;
import dev.orrery.cloud.DigitalOceanProvider;
import dev.orrery.cloud.DropletTemplate;
import dev.orrery.cloud.fake.FakeDigitalOcean;
import dev.orrery.cloud.fake.NoDelayServerSockets;
import dev.orrery.model.AppSpec;
import dev.orrery.model.Balancer;
import dev.orrery.model.Cluster;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.provision.InMemoryClusterModel;
import dev.orrery.provision.ProvisionRequest;
import dev.orrery.provision.ProvisionTimeouts;
import dev.orrery.provision.ProvisionWorkflow;
import dev.orrery.provision.Seams;
import dev.orrery.task.Progress;
import mockwebserver3.MockWebServer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Orrery's own time to provision one server — create, poll the action, read the addresses,
 * record it in the model, push — against the fake API on loopback, with the fake's action
 * finishing on its first poll (so the create-action time is zero and the figure is Orrery's
 * part alone) and SSH, deploy and push as no-ops. Not the drag→traffic figure: that needs the
 * real SSH, deploy and push on test hosts.
 * <p>
 * Run: {@code mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * && java -cp target/test-classes:target/classes:$(cat target/cp.txt) dev.orrery.provision.bench.ProvisionBench}
 */
public final class ProvisionBench {
    private static final int WARMUP = 10;
    private static final int RUNS = 40;

    public static void main(String[] args) throws Exception {
        String token = "dop_v1_bench";
        FakeDigitalOcean fake = new FakeDigitalOcean(token);
        fake.actionPolls(1);
        try (MockWebServer server = new MockWebServer()) {
            server.setServerSocketFactory(new NoDelayServerSockets());
            server.setDispatcher(fake);
            server.start();
            DigitalOceanProvider provider = new DigitalOceanProvider(new DigitalOceanClient(
                    DigitalOceanConfig.defaults(server.url("/").uri()), new ApiToken(token)));
            DropletTemplate template = new DropletTemplate("nyc3", "s-1vcpu-1gb", String.valueOf(fake.baseImage().id()),
                    List.of("289794"), null, null);
            Seams.ProvisionSeams noop = new Seams.ProvisionSeams((s, t, p) -> "SHA256:none", (c, s, p) -> { },
                    (c, s, r, p) -> { }, (c, p) -> { });
            Cluster start = new Cluster("bench", new AppSpec("bench", 3000, null, null), Balancer.defaults(),
                    List.of(Server.of("lb-1", Role.BALANCER, "198.18.0.10")));
            List<Long> micros = new ArrayList<>();
            for (int i = 0; i < WARMUP + RUNS; i++) {
                InMemoryClusterModel model = new InMemoryClusterModel(start);
                ProvisionWorkflow wf = new ProvisionWorkflow(provider, model, noop, ProvisionTimeouts.DEFAULT);
                long t0 = System.nanoTime();
                wf.run(new ProvisionRequest("app-" + (i + 1), template, "root", null), Progress.NONE);
                long took = (System.nanoTime() - t0) / 1000;
                if (i >= WARMUP) {
                    micros.add(took);
                }
            }
            Collections.sort(micros);
            System.out.printf("provision workflow, Orrery's own time against the fake API on loopback (create action 0 ms, SSH/deploy/push no-ops), %d runs: median %.1f ms, p95 %.1f ms, max %.1f ms%n",
                    RUNS, micros.get(RUNS / 2) / 1000.0, micros.get((int) (RUNS * 0.95)) / 1000.0, micros.get(RUNS - 1) / 1000.0);
            System.out.printf("API requests per provision: %d%n", fake.requests().size() / (WARMUP + RUNS));
        }
    }
}
