package dev.orrery.ui.health;

import dev.orrery.health.HealthSample;
import dev.orrery.health.HealthState;
import dev.orrery.health.ProbeResult;
import dev.orrery.health.StateChange;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The throttled redraw never leaves the last samples of a burst undrawn. */
class HealthFxModelRedrawTest {

    private static HealthSample up(long t, double ms) {
        return new HealthSample("app-1", t, ProbeResult.ok(ms, 200), HealthState.UP, 2, 0);
    }

    @Test
    void samplesHeldBackByTheThrottleAreDrawnOnALaterQuietPulse() {
        HealthFxModel model = new HealthFxModel(0);
        AtomicInteger draws = new AtomicInteger();
        int[] pointsDrawn = {0};
        model.onChanged(() -> {
            draws.incrementAndGet();
            pointsDrawn[0] = model.recentLatencies("app-1", 40).length;
        });
        model.accept(new HealthFxBridge.Batch(List.of(up(0, 1.0)),
                List.of(new StateChange("app-1", HealthState.CHECKING, HealthState.UP, 0, "rise"))));
        assertThat(draws).hasValue(1);
        // Samples only, right after: normally held back by the 250 ms throttle (not asserted:
        // a stalled machine may pass the 250 ms between the two lines and draw them at once).
        model.accept(new HealthFxBridge.Batch(List.of(up(750, 2.0), up(1500, 3.0)), List.of()));

        // No more batches come; quiet pulses alone must draw them once the throttle allows.
        await().atMost(Duration.ofMinutes(1)).until(() -> {
            model.drawIfDue();
            return pointsDrawn[0] == 3;
        });
        assertThat(model.dirty()).isFalse();
        int after = draws.get();
        model.drawIfDue();
        assertThat(draws).as("nothing new: no redraw").hasValue(after);
    }
}
