package dev.orrery.ui.live;

import dev.orrery.engine.state.JobInfo;
import dev.orrery.engine.state.JobKind;
import dev.orrery.engine.state.ServerLive;
import dev.orrery.model.Role;
import dev.orrery.model.ServerState;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How a rollout's end is said: every server on vN, or where it stopped and why, and who runs what now. */
class JobSummaryTest {
    private static ServerLive app(String name, String release, String label) {
        return ServerLive.of(name, Role.APP, ServerState.READY).withRelease(release, label);
    }

    private static JobInfo job(String outcome) {
        return new JobInfo(7, "Deploy sample-v3.jar to sandbox", JobKind.DEPLOY, "app-2 · health gate", 0.7, 0, outcome);
    }

    @Test
    void aFinishedRolloutSaysEveryServerRunsTheRelease() {
        String id = "20261201-084551-9f3c2a1b";
        assertThat(JobSummary.heading(job("succeeded"))).isEqualTo("Deploy finished");
        assertThat(JobSummary.text(job("succeeded"), List.of(app("app-1", id, "v3"), app("app-2", id, "v3")), "app-2", "done"))
                .isEqualTo("Every app server runs v3 (" + id + ").");
    }

    @Test
    void aStoppedRolloutSaysWhereAndWhyAndWhoRunsWhat() {
        JobInfo failed = job("failed: app-2: health gate failed: not healthy within 60 s");
        assertThat(JobSummary.heading(failed)).isEqualTo("Deploy stopped");
        assertThat(JobSummary.text(failed, List.of(app("app-1", "r3", "v3"), app("app-2", "r2", "v2"), app("app-3", "r2", "v2")),
                "app-2", "health gate"))
                .isEqualTo("at app-2 (health gate): app-2: health gate failed: not healthy within 60 s. Now app-1 on v3; app-2, app-3 on v2.");
    }

    @Test
    void aCancelledRolloutSaysWhereItStopped() {
        assertThat(JobSummary.heading(job("cancelled"))).isEqualTo("Deploy cancelled");
        assertThat(JobSummary.text(job("cancelled"), List.of(app("app-1", "r3", "v3"), app("app-2", null, null)), "app-1", "done"))
                .isEqualTo("After app-1. app-1 on v3; app-2 on no release.");
    }

    @Test
    void theStatusBarCountsBadgesAndSaysTheJob() {
        var up = new dev.orrery.engine.state.Look("UP", "up", dev.orrery.engine.state.Tone.GOOD, false, "");
        var down = new dev.orrery.engine.state.Look("DOWN", "down", dev.orrery.engine.state.Tone.BAD, true, "");
        assertThat(LiveSummary.servers(List.of(up, down, up))).isEqualTo("app servers: 2 up · 1 down");
        assertThat(LiveSummary.tone(List.of(up, down, up))).isEqualTo(dev.orrery.engine.state.Tone.BAD);
        assertThat(LiveSummary.job(job(null))).isEqualTo("Deploy sample-v3.jar to sandbox — app-2 · health gate (70%)");
        assertThat(LiveSummary.job(job("succeeded"))).isEmpty();
    }
}
