package dev.orrery.deploy;

import dev.orrery.cloud.DigitalOceanClient;
import dev.orrery.cloud.FakeApiFixture;
import dev.orrery.cloud.LoadBalancer;
import dev.orrery.cloud.fake.FakeDroplet;
import dev.orrery.model.AppSpec;
import dev.orrery.model.Cluster;
import dev.orrery.model.ManagedBalancer;
import dev.orrery.model.Release;
import dev.orrery.model.Server;
import dev.orrery.proxy.managed.ManagedBalancerPush;
import dev.orrery.proxy.managed.ManagedBalancerPushTest;
import dev.orrery.task.Progress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A rolling deploy behind a DigitalOcean Load Balancer (the fake API): each server leaves the
 * balancer by losing its tag before its app stops, and is back (tagged, listed) before the next
 * one leaves. The app servers are the rollout tests' in-memory hosts.
 */
class TagDrainDeployTest {
    @TempDir
    Path tmp;

    private final FakeApiFixture f = new FakeApiFixture();
    private final List<String> waits = Collections.synchronizedList(new ArrayList<>());
    private ExecutorService pool;

    TagDrainDeployTest() throws Exception {
    }

    @AfterEach
    void stop() {
        f.close();
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    @Test
    void eachServerIsOutOfTheBalancerWhileItsAppRestartsAndBackBeforeTheNext() throws Exception {
        List<FakeDroplet> droplets = List.of(f.fake.droplet("crater-app-1", List.of()), f.fake.droplet("crater-app-2", List.of()),
                f.fake.droplet("crater-app-3", List.of()));
        f.fake.loadBalancers().readsUntilActive(0);
        Cluster base = ManagedBalancerPushTest.cluster(droplets, ManagedBalancer.in("nyc3"));
        Release old = new Release("old", Release.Kind.NODE, "v1.tar.gz", "00", Instant.parse("2026-01-01T00:00:00Z"));
        List<Server> servers = base.servers().stream().map(s -> s.withRelease("old")).toList();
        Cluster cluster = new Cluster("crater", new AppSpec("crater", 3000, Map.of(), List.of(old)), base.balancer(), servers);
        DigitalOceanClient client = f.client();
        LoadBalancer lb = new ManagedBalancerPush(client.loadBalancers(), client.tags()).push(cluster, Progress.NONE);
        assertThat(lb.dropletIds()).hasSize(3);

        // When each app stops, note which droplets the balancer lists at that moment.
        Map<String, List<Long>> behindAtStop = new LinkedHashMap<>();
        List<String> events = Collections.synchronizedList(new ArrayList<>() {
            @Override
            public boolean add(String e) {
                if (e.endsWith(" exec stop crater")) {
                    behindAtStop.put(e.substring(0, e.indexOf(' ')), f.fake.loadBalancers().dropletIds(lb.id()));
                }
                return super.add(e);
            }
        });
        Map<String, FakeHost> hosts = new LinkedHashMap<>();
        for (Server s : servers) {
            hosts.put(s.name(), new FakeHost(s.name(), "old", events));
        }
        TagDrain drain = new TagDrain(client.loadBalancers(), client.tags(), cluster, Duration.ofSeconds(10),
                d -> waits.add(d.toSeconds() + " s"), java.time.Clock.fixed(FakeApiFixture.NOW, java.time.ZoneOffset.UTC));
        pool = Executors.newFixedThreadPool(4);
        HealthGate.Clock fastClock = new HealthGate.Clock() {
            long now;
            @Override public long millis() { return now; }
            @Override public void sleep(long ms) { now += ms; }
        };
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        Progress progress = new Progress() {
            @Override public void step(String name) { }
            @Override public void fraction(double done) { }
            @Override public void log(String line) { log.add(line); }
            @Override public boolean cancelled() { return false; }
        };
        Path bundle = TestBundles.nodeApp(tmp, "v2.tar.gz", "node server.js");
        Cluster done = new Rollout(s -> hosts.get(s.name()), drain, ClusterSink.of(c -> { }), pool, tmp.resolve("locks"),
                RolloutOptions.defaults().withHealthDeadline(Duration.ofSeconds(10)), fastClock).deploy(cluster, bundle, progress);

        assertThat(done.appServers()).allSatisfy(s -> assertThat(s.release()).isEqualTo(done.app().currentRelease().id()));
        assertThat(behindAtStop).containsOnlyKeys("app-1", "app-2", "app-3");
        for (int i = 0; i < 3; i++) {
            long self = droplets.get(i).id();
            List<Long> others = droplets.stream().map(FakeDroplet::id).filter(id -> id != self).toList();
            assertThat(behindAtStop.get("app-" + (i + 1))).as("behind the balancer while app-" + (i + 1) + " stops")
                    .containsExactlyInAnyOrderElementsOf(others);
        }
        String tag = "orrery-crater-app";
        assertThat(f.fake.tags().changes()).containsSubsequence("-" + tag + " " + droplets.get(0).id(), "+" + tag + " " + droplets.get(0).id(),
                "-" + tag + " " + droplets.get(1).id(), "+" + tag + " " + droplets.get(1).id(),
                "-" + tag + " " + droplets.get(2).id(), "+" + tag + " " + droplets.get(2).id());
        assertThat(f.fake.loadBalancers().dropletIds(lb.id())).hasSize(3);
        assertThat(waits).containsExactly("10 s", "10 s", "10 s"); // the grace for in-flight requests, once per server
        assertThat(log).anyMatch(l -> l.contains("tag orrery-crater-app taken off"));
    }

    @Test
    void aMissingBalancerStopsTheDrainWithAClearError() {
        FakeDroplet d = f.fake.droplet("crater-app-1", List.of("orrery-crater-app"));
        Cluster cluster = ManagedBalancerPushTest.cluster(List.of(d), ManagedBalancer.in("nyc3"));
        DigitalOceanClient client = f.client();
        TagDrain drain = new TagDrain(client.loadBalancers(), client.tags(), cluster, Duration.ofSeconds(10),
                x -> waits.add(x.toString()), java.time.Clock.fixed(FakeApiFixture.NOW, java.time.ZoneOffset.UTC));
        Server s = cluster.appServers().get(0);
        assertThatThrownBy(() -> drain.awaitIdle(s, Duration.ofSeconds(30), Progress.NONE))
                .hasMessageContaining("orrery-crater does not exist");
        assertThatThrownBy(() -> BalancerControls.forCluster(cluster, x -> null))
                .hasMessageContaining("needs the DigitalOcean API");
    }
}
