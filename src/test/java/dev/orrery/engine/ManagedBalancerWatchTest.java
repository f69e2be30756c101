package dev.orrery.engine;

import dev.orrery.cloud.FakeApiFixture;
import dev.orrery.cloud.fake.FakeDroplet;
import dev.orrery.engine.state.LiveClusterState;
import dev.orrery.engine.state.LiveEvent;
import dev.orrery.engine.state.Look;
import dev.orrery.engine.state.ServerLook;
import dev.orrery.engine.state.Tone;
import dev.orrery.model.Cluster;
import dev.orrery.model.ManagedBalancer;
import dev.orrery.proxy.managed.ManagedBalancerPushTest;
import dev.orrery.task.Progress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The managed balancer's status from the fake API into the live state, and the look every face shows for it. */
class ManagedBalancerWatchTest {
    private final FakeApiFixture f = new FakeApiFixture();

    ManagedBalancerWatchTest() throws Exception {
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void newThenActiveThenErroredWithAnAlarmAndAMissingOneIsUnknown() {
        FakeDroplet d = f.fake.droplet("crater-app-1", List.of());
        Cluster c = ManagedBalancerPushTest.cluster(List.of(d), ManagedBalancer.in("nyc3"));
        LiveClusterState live = new LiveClusterState("crater");
        List<LiveEvent> events = new CopyOnWriteArrayList<>();
        live.addListener(events::add);
        ManagedBalancerWatch watch = new ManagedBalancerWatch(c, f::client, live);

        watch.refresh();
        assertThat(look(live).word()).isEqualTo("managed · status unknown");
        assertThat(look(live).detail()).contains("no load balancer named orrery-crater");

        f.fake.loadBalancers().readsUntilActive(2);
        new ManagedBalancerJob(c, f::client).run(Progress.NONE);
        watch.refresh(); // the first read: still being built
        assertThat(look(live).badge()).isEqualTo("NEW");
        assertThat(look(live).tone()).isEqualTo(Tone.BUSY);
        watch.refresh();
        Look active = look(live);
        assertThat(active.badge()).isEqualTo("ACTIVE");
        assertThat(active.tone()).isEqualTo(Tone.GOOD);
        assertThat(active.detail()).contains("203.0.113.").contains("1 droplet(s)");
        assertThat(events).noneMatch(e -> e instanceof LiveEvent.Alarm);

        f.fake.loadBalancers().error(f.fake.loadBalancers().idByName("orrery-crater").orElseThrow());
        watch.refresh();
        assertThat(look(live).badge()).isEqualTo("ERRORED");
        assertThat(events).filteredOn(e -> e instanceof LiveEvent.Alarm).hasSize(1);
    }

    private static Look look(LiveClusterState live) {
        return ServerLook.of(live.managedBalancer().orElseThrow(), 0);
    }
}
