package dev.orrery.engine.state;

import dev.orrery.health.BalancerView;
import dev.orrery.health.HealthState;
import dev.orrery.model.Role;
import dev.orrery.model.ServerState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The one state function: each documented rule, and every combination gives exactly one look. */
class ServerLookTest {
    private static final long NOW = 100_000;

    private static ServerLive app(ServerState lifecycle, boolean drained, HealthState health, ServerActivity activity, long settle) {
        return new ServerLive("app-1", Role.APP, lifecycle, drained, true, health, "HTTP 200 in 3.0 ms", null, activity, settle,
                null, null, Map.of());
    }

    static Stream<Arguments> rules() {
        ServerActivity stopping = new ServerActivity(1, JobKind.DEPLOY, "stop", true);
        ServerActivity uploading = new ServerActivity(1, JobKind.DEPLOY, "upload", false);
        ServerActivity provisioning = new ServerActivity(2, JobKind.PROVISION, "wait for SSH", false);
        return Stream.of(
                Arguments.of("failed", app(ServerState.FAILED, false, HealthState.UP, null, 0), "FAILED", Tone.BAD, false),
                Arguments.of("planned stop", app(ServerState.READY, false, HealthState.DOWN, stopping, 0), "DEPLOYING", Tone.PLANNED, false),
                Arguments.of("crash while uploading", app(ServerState.READY, false, HealthState.DOWN, uploading, 0), "DOWN", Tone.BAD, true),
                Arguments.of("uploading, up", app(ServerState.READY, false, HealthState.UP, uploading, 0), "DEPLOYING", Tone.BUSY, false),
                Arguments.of("provisioning job", app(ServerState.PROVISIONING, false, null, provisioning, 0), "PROVISIONING", Tone.BUSY, false),
                Arguments.of("provisioning, no job", app(ServerState.PROVISIONING, false, null, null, 0), "PROVISIONING", Tone.WARNING, false),
                Arguments.of("drained and down", app(ServerState.READY, true, HealthState.DOWN, null, 0), "DRAINED", Tone.PLANNED, false),
                Arguments.of("stopped", app(ServerState.STOPPED, false, HealthState.DOWN, null, 0), "STOPPED", Tone.NEUTRAL, false),
                Arguments.of("settling after deploy", app(ServerState.READY, false, HealthState.DOWN, null, NOW + 1), "RESTARTING", Tone.PLANNED, false),
                Arguments.of("settle time over", app(ServerState.READY, false, HealthState.DOWN, null, NOW), "DOWN", Tone.BAD, true),
                Arguments.of("down", app(ServerState.READY, false, HealthState.DOWN, null, 0), "DOWN", Tone.BAD, true),
                Arguments.of("up", app(ServerState.READY, false, HealthState.UP, null, 0), "UP", Tone.GOOD, false),
                Arguments.of("checking", app(ServerState.READY, false, HealthState.CHECKING, null, 0), "CHECKING", Tone.NEUTRAL, false),
                Arguments.of("no evidence yet", app(ServerState.READY, false, null, null, 0), "CHECKING", Tone.NEUTRAL, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void eachRuleGivesItsLook(String name, ServerLive s, String badge, Tone tone, boolean alarm) {
        Look look = ServerLook.of(s, NOW);
        assertThat(look.badge()).isEqualTo(badge);
        assertThat(look.tone()).isEqualTo(tone);
        assertThat(look.alarm()).isEqualTo(alarm);
        assertThat(look.word()).isNotBlank();
        assertThat(look.detail()).isNotBlank();
    }

    @Test
    void theBalancerDisagreeingIsAWarningNotAnOutage() {
        ServerLive s = app(ServerState.READY, false, HealthState.UP, null, 0)
                .withBalancer(new BalancerView.Entry("app-1", "down", false, 0, 2, "http"));
        Look look = ServerLook.of(s, NOW);
        assertThat(look.tone()).isEqualTo(Tone.WARNING);
        assertThat(look.word()).isEqualTo("up · balancer says down");
        assertThat(look.alarm()).isFalse();
    }

    @Test
    void unprobedServersShowTheFileOrTheirProcess() {
        ServerLive db = ServerLive.of("db-1", Role.DATABASE, ServerState.READY);
        assertThat(ServerLook.of(db, NOW)).extracting(Look::badge, Look::word, Look::tone)
                .containsExactly("READY", "not monitored", Tone.NEUTRAL);
        ServerLive lb = ServerLive.of("lb-1", Role.BALANCER, ServerState.READY).withFacts(Map.of(ServerLook.PROCESS, "running"));
        assertThat(ServerLook.of(lb, NOW).badge()).isEqualTo("RUNNING");
        ServerLive gone = lb.withFacts(Map.of(ServerLook.PROCESS, "exited"));
        assertThat(ServerLook.of(gone, NOW)).extracting(Look::badge, Look::alarm).containsExactly("DOWN", true);
    }

    /**
     * Every combination of lifecycle × drained × health × activity × settle: one look each, a
     * probed server never shows READY, and an alarm only ever comes with the BAD tone and never
     * while planned work explains the outage.
     */
    @Test
    void everyCombinationHasOneDocumentedLook() {
        List<ServerActivity> activities = new ArrayList<>();
        activities.add(null);
        for (JobKind k : JobKind.values()) {
            activities.add(new ServerActivity(7, k, "step", true));
            activities.add(new ServerActivity(7, k, "step", false));
        }
        List<HealthState> healths = new ArrayList<>(List.of(HealthState.values()));
        healths.add(null);
        int combos = 0;
        for (ServerState life : ServerState.values()) {
            for (boolean drained : new boolean[]{false, true}) {
                for (HealthState h : healths) {
                    for (ServerActivity a : activities) {
                        for (long settle : new long[]{0, NOW + 500}) {
                            ServerLive s = app(life, drained, h, a, settle);
                            Look look = ServerLook.of(s, NOW);
                            combos++;
                            assertThat(look.badge()).as("%s", s).isNotBlank().isUpperCase().isNotEqualTo("READY");
                            assertThat(look.tone()).isNotNull();
                            if (look.alarm()) {
                                assertThat(look.tone()).isEqualTo(Tone.BAD);
                                assertThat(h).isEqualTo(HealthState.DOWN);
                                assertThat(a == null || !a.mayBeDown()).isTrue();
                                assertThat(drained).isFalse();
                            }
                            if (h == HealthState.DOWN && life != ServerState.FAILED && !drained && a == null && settle == 0
                                    && life != ServerState.STOPPED && life != ServerState.PROVISIONING) {
                                assertThat(look.alarm()).as("an unplanned down server alarms: %s", s).isTrue();
                            }
                        }
                    }
                }
            }
        }
        assertThat(combos).isEqualTo(ServerState.values().length * 2 * healths.size() * activities.size() * 2);
    }
}
