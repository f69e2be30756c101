package dev.orrery.health;

import dev.orrery.health.ActOnHealthPolicy.Action;
import dev.orrery.health.ActOnHealthPolicy.Context;
import dev.orrery.model.BalancerKind;
import org.junit.jupiter.api.Test;

import static dev.orrery.health.HealthState.CHECKING;
import static dev.orrery.health.HealthState.DOWN;
import static dev.orrery.health.HealthState.UP;
import static org.assertj.core.api.Assertions.assertThat;

class ActOnHealthPolicyTest {
    private static final StateChange WENT_DOWN = new StateChange("app-2", UP, DOWN, 1000, "2 failures");
    private static final StateChange CAME_BACK = new StateChange("app-2", DOWN, UP, 2000, "2 successes");

    private static Context stockNginx(boolean marked, int othersServing) {
        return new Context(true, BalancerKind.NGINX, false, false, marked, othersServing);
    }

    private static Action decide(StateChange c, Context ctx) {
        return ActOnHealthPolicy.decide(c, ctx).action();
    }

    @Test
    void marksDownOnStockNginxAndBringsBackWhatItMarked() {
        assertThat(decide(WENT_DOWN, stockNginx(false, 2))).isEqualTo(Action.MARK_DOWN);
        assertThat(decide(CAME_BACK, stockNginx(true, 2))).isEqualTo(Action.MARK_UP);
    }

    @Test
    void doesNothingWhenOff() {
        Context off = new Context(false, BalancerKind.NGINX, false, false, false, 2);
        assertThat(decide(WENT_DOWN, off)).isEqualTo(Action.NONE);
    }

    @Test
    void onlyOnStockNginx() {
        assertThat(decide(WENT_DOWN, new Context(true, BalancerKind.HAPROXY, false, false, false, 2))).isEqualTo(Action.NONE);
        assertThat(decide(WENT_DOWN, new Context(true, BalancerKind.NGINX, true, false, false, 2))).isEqualTo(Action.NONE);
        assertThat(decide(CAME_BACK, new Context(true, BalancerKind.HAPROXY, false, false, true, 2))).isEqualTo(Action.NONE);
    }

    @Test
    void onlyOnChangesBetweenUpAndDown() {
        assertThat(decide(new StateChange("app-2", CHECKING, DOWN, 0, "x"), stockNginx(false, 2))).isEqualTo(Action.NONE);
        assertThat(decide(new StateChange("app-2", CHECKING, UP, 0, "x"), stockNginx(true, 2))).isEqualTo(Action.NONE);
    }

    @Test
    void neverTwiceAndNeverAUsersDrain() {
        assertThat(decide(WENT_DOWN, stockNginx(true, 2))).isEqualTo(Action.NONE);
        assertThat(decide(WENT_DOWN, new Context(true, BalancerKind.NGINX, false, true, false, 2))).isEqualTo(Action.NONE);
        assertThat(decide(CAME_BACK, stockNginx(false, 2))).isEqualTo(Action.NONE);
    }

    @Test
    void neverTakesOutTheLastServingServer() {
        ActOnHealthPolicy.Decision d = ActOnHealthPolicy.decide(WENT_DOWN, stockNginx(false, 0));
        assertThat(d.action()).isEqualTo(Action.NONE);
        assertThat(d.reason()).contains("no server serving");
    }
}
