package dev.orrery.engine.state;

import dev.orrery.engine.JobEvent;
import dev.orrery.health.HealthSample;
import dev.orrery.health.HealthState;
import dev.orrery.health.Outcome;
import dev.orrery.health.ProbeResult;
import dev.orrery.health.StateChange;
import dev.orrery.model.AppSpec;
import dev.orrery.model.Balancer;
import dev.orrery.model.Cluster;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.model.ServerState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class LiveClusterStateTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final List<LiveEvent> events = new ArrayList<>();
    private LiveClusterState live;

    private static Cluster cluster(Server... servers) {
        return new Cluster("crater", new AppSpec("crater", 3000, Map.of(), List.of()), Balancer.defaults(), List.of(servers));
    }

    private static Server app(String name, String address) {
        return Server.of(name, Role.APP, address).withState(ServerState.READY);
    }

    @BeforeEach
    void setUp() {
        live = new LiveClusterState("crater", now::get);
        live.addListener(events::add);
        live.setCluster(cluster(app("app-1", "10.0.0.1"), app("app-2", "10.0.0.2"), Server.of("lb-1", Role.BALANCER, "10.0.0.9")));
    }

    private List<LiveEvent.Alarm> alarms() {
        return events.stream().filter(e -> e instanceof LiveEvent.Alarm).map(e -> (LiveEvent.Alarm) e).toList();
    }

    private Look look(String server) {
        LiveSnapshot snap = live.snapshot();
        return snap.look(snap.server(server).orElseThrow());
    }

    private void health(String server, HealthState from, HealthState to) {
        live.onEvent(new StateChange(server, from, to, now.get(), "test"));
    }

    @Test
    void theFirstClusterIsAResetAndProbedServersStartChecking() {
        assertThat(events).singleElement().isInstanceOf(LiveEvent.Reset.class);
        assertThat(look("app-1").badge()).isEqualTo("CHECKING");
        assertThat(look("lb-1").word()).isEqualTo("not monitored");
    }

    @Test
    void anUnplannedDownRaisesOneAlarmAndComingBackClearsIt() {
        health("app-1", HealthState.CHECKING, HealthState.UP);
        health("app-1", HealthState.UP, HealthState.DOWN);
        assertThat(look("app-1").badge()).isEqualTo("DOWN");
        health("app-1", HealthState.DOWN, HealthState.UP);
        assertThat(alarms()).extracting(LiveEvent.Alarm::raised).containsExactly(true, false);
        assertThat(alarms().get(0).text()).startsWith("app-1 is down");
    }

    @Test
    void aPlannedDeployStopRaisesNoAlarmButACrashElsewhereDuringTheDeployDoes() {
        health("app-1", HealthState.CHECKING, HealthState.UP);
        health("app-2", HealthState.CHECKING, HealthState.UP);
        live.onEvent(new JobEvent.Started(5, "Deploy v2 to crater", "crater", JobKind.DEPLOY));
        live.onEvent(new JobEvent.ServerStep(5, "app-1", "stop", true));
        health("app-1", HealthState.UP, HealthState.DOWN);
        assertThat(look("app-1")).extracting(Look::badge, Look::word, Look::tone)
                .containsExactly("DEPLOYING", "deploying · stop", Tone.PLANNED);
        // app-2 crashes while app-1 is being switched: that is an outage, deploy or not.
        health("app-2", HealthState.UP, HealthState.DOWN);
        assertThat(alarms()).singleElement().extracting(LiveEvent.Alarm::server).isEqualTo("app-2");
        // app-1 is done; the probes have not seen it rise yet: still planned for the settle time.
        live.onEvent(new JobEvent.ServerDone(5, "app-1", "on v2"));
        assertThat(look("app-1").badge()).isEqualTo("RESTARTING");
        health("app-1", HealthState.DOWN, HealthState.UP);
        assertThat(look("app-1").badge()).isEqualTo("UP");
        assertThat(alarms()).hasSize(1);
    }

    @Test
    void aRestartTheProbesHaveNotSeenRiseByTheDoneStepIsStillPlanned() {
        health("app-1", HealthState.CHECKING, HealthState.UP);
        live.onEvent(new JobEvent.Started(5, "Deploy v2 to crater", "crater", JobKind.DEPLOY));
        live.onEvent(new JobEvent.ServerStep(5, "app-1", "health gate", true));
        health("app-1", HealthState.UP, HealthState.DOWN); // a slow restart: longer than fall × interval
        // The gate saw it up; the rollout's last step should leave it serving, but the probes need rise × interval.
        live.onEvent(new JobEvent.ServerStep(5, "app-1", "done", false));
        assertThat(look("app-1")).extracting(Look::badge, Look::tone, Look::alarm).containsExactly("DEPLOYING", Tone.PLANNED, false);
        live.onEvent(new JobEvent.ServerDone(5, "app-1", "on v2"));
        assertThat(look("app-1").badge()).isEqualTo("RESTARTING");
        health("app-1", HealthState.DOWN, HealthState.UP);
        assertThat(alarms()).as("the sandbox's rollout said 'app-2 is down' here under load").isEmpty();
    }

    @Test
    void aServerDownLongAfterItsStoppingStepDuringTheJobAlarms() {
        health("app-1", HealthState.CHECKING, HealthState.UP);
        live.onEvent(new JobEvent.Started(5, "Deploy", "crater", JobKind.DEPLOY));
        live.onEvent(new JobEvent.ServerStep(5, "app-1", "restart", true));
        health("app-1", HealthState.UP, HealthState.DOWN);
        live.onEvent(new JobEvent.ServerStep(5, "app-1", "enable", false));
        assertThat(alarms()).isEmpty();
        now.addAndGet(60_000);
        live.onEvent(new HealthSample("app-1", now.get(), ProbeResult.failed(Outcome.REFUSED, 0.2, "refused"), HealthState.DOWN, 0, 5));
        assertThat(alarms()).singleElement().extracting(LiveEvent.Alarm::text).asString().startsWith("app-1 is down");
    }

    @Test
    void aServerStillDownAfterTheSettleTimeAlarmsOnTheNextProbe() {
        health("app-1", HealthState.CHECKING, HealthState.UP);
        live.onEvent(new JobEvent.Started(5, "Deploy", "crater", JobKind.DEPLOY));
        live.onEvent(new JobEvent.ServerStep(5, "app-1", "restart", true));
        health("app-1", HealthState.UP, HealthState.DOWN);
        live.onEvent(new JobEvent.Finished(5, false, new IllegalStateException("health gate failed on app-1")));
        assertThat(alarms()).isEmpty();
        now.addAndGet(60_000);
        live.onEvent(new HealthSample("app-1", now.get(), ProbeResult.failed(Outcome.REFUSED, 0.2, "refused"), HealthState.DOWN, 0, 5));
        assertThat(alarms()).singleElement().extracting(LiveEvent.Alarm::raised).isEqualTo(true);
        assertThat(live.snapshot().jobs()).singleElement().extracting(JobInfo::outcome)
                .isEqualTo("failed: health gate failed on app-1");
    }

    @Test
    void anotherClustersJobsAreIgnored() {
        live.onEvent(new JobEvent.Started(9, "Deploy to other", "other", JobKind.DEPLOY));
        live.onEvent(new JobEvent.ServerStep(9, "app-1", "stop", true));
        assertThat(live.snapshot().jobs()).isEmpty();
        assertThat(live.snapshot().server("app-1").orElseThrow().activity()).isNull();
    }

    @Test
    void editsKeepLiveHealthAndRemovedServersAreAnnounced() {
        health("app-1", HealthState.CHECKING, HealthState.UP);
        live.setCluster(cluster(app("app-1", "10.0.0.1").withRelease("20261201-084551-9f3c2a1b")));
        assertThat(look("app-1").badge()).isEqualTo("UP");
        assertThat(live.snapshot().server("app-1").orElseThrow().releaseLabel()).isEqualTo("9f3c2a1b");
        assertThat(events).anyMatch(e -> e instanceof LiveEvent.ServerRemoved r && r.server().equals("app-2"));
    }

    @Test
    void theLockIsPartOfTheState() {
        live.setLock(new LockInfo("ana@laptop", "deploy of v3", 5, false));
        assertThat(live.snapshot().lock().describe()).isEqualTo("ana@laptop (deploy of v3)");
        assertThat(events).last().isInstanceOf(LiveEvent.LockChanged.class);
    }

    @Test
    void aReleaseNamedByTheRunningRolloutHasItsShortNameBeforeTheRolloutRecordsIt() {
        String id = "20261201-084551-9f3c2a1b";
        live.onEvent(new JobEvent.Started(5, "Deploy sample-v3.jar to crater", "crater", JobKind.DEPLOY));
        live.onEvent(new JobEvent.ReleaseNamed(5, id, "sample-v3.jar"));
        live.setCluster(cluster(app("app-1", "10.0.0.1").withRelease(id), app("app-2", "10.0.0.2")));
        assertThat(live.snapshot().server("app-1").orElseThrow().releaseLabel()).isEqualTo("v3");
        assertThat(live.snapshot().server("app-1").orElseThrow().release()).isEqualTo(id);
    }
}
