package dev.orrery.deploy;

import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.task.Progress;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** With two failover balancers a server leaves and rejoins rotation on both; a failed undrain on one still undrains the other. */
class EveryBalancerTest {
    private final List<String> calls = new ArrayList<>();

    private BalancerControl recording(String lb, boolean undrainFails) {
        return new BalancerControl() {
            @Override public String describe() { return "HAProxy runtime API"; }
            @Override public void drain(Server s, Progress p) { calls.add(lb + " drain " + s.name()); }
            @Override public String awaitIdle(Server s, Duration max, Progress p) { calls.add(lb + " idle " + s.name()); return lb + ": 0 sessions"; }
            @Override public void undrain(Server s, Progress p) {
                calls.add(lb + " undrain " + s.name());
                if (undrainFails) {
                    throw new IllegalStateException(lb + " unreachable");
                }
            }
        };
    }

    @Test
    void drainsAndUndrainsOnEveryBalancer() throws Exception {
        EveryBalancer both = new EveryBalancer(List.of(recording("lb-1", true), recording("lb-2", false)));
        Server app = Server.of("app-1", Role.APP, "10.0.1.11");
        both.drain(app, Progress.NONE);
        assertThat(both.awaitIdle(app, Duration.ofSeconds(1), Progress.NONE)).isEqualTo("lb-1: 0 sessions; lb-2: 0 sessions");
        assertThatThrownBy(() -> both.undrain(app, Progress.NONE)).hasMessage("lb-1 unreachable");
        assertThat(calls).containsExactly("lb-1 drain app-1", "lb-2 drain app-1", "lb-1 idle app-1", "lb-2 idle app-1",
                "lb-1 undrain app-1", "lb-2 undrain app-1");
        assertThat(both.describe()).isEqualTo("HAProxy runtime API on each of 2 balancers");
    }
}
