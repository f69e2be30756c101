package dev.orrery.health;

import dev.orrery.model.Balancer;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.HealthCheck;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.model.Stickiness;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The option wired to a monitor on a manual clock, with a recording balancer. */
class ActOnHealthTest {
    private final ManualProbeClock clock = new ManualProbeClock(0);
    private final ScriptedProber prober = new ScriptedProber();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final BalancerActions actions = new BalancerActions() {
        @Override
        public void markDown(String server) {
            calls.add("down " + server);
        }

        @Override
        public void markUp(String server) {
            calls.add("up " + server);
        }
    };

    private ActOnHealth wire(BalancerKind kind, boolean enabled) {
        HealthMonitor m = new HealthMonitor(HealthCheck.DEFAULT, 3000, new DirectRoute(), prober, clock, Runnable::run);
        m.setServers(List.of(Server.of("app-1", Role.APP, "10.0.1.1"), Server.of("app-2", Role.APP, "10.0.1.2")));
        Balancer b = new Balancer(kind, Stickiness.IP_HASH, HealthCheck.DEFAULT, null, 80, 443, List.of());
        ActOnHealth act = new ActOnHealth(m, () -> b, actions, Runnable::run);
        act.setEnabled(enabled);
        m.addListener(act);
        prober.healthy("10.0.1.1:3000");
        prober.healthy("10.0.1.2:3000");
        m.start();
        clock.advance(3000);
        return act;
    }

    @Test
    void marksDownOnceAndBringsBackOnStockNginx() {
        ActOnHealth act = wire(BalancerKind.NGINX, true);
        prober.refused("10.0.1.2:3000");
        clock.advance(5000);
        assertThat(calls).containsExactly("down app-2");
        assertThat(act.marked()).containsExactly("app-2");
        prober.healthy("10.0.1.2:3000");
        clock.advance(3000);
        assertThat(calls).containsExactly("down app-2", "up app-2");
        assertThat(act.marked()).isEmpty();
    }

    @Test
    void leavesTheLastServingServerAlone() {
        wire(BalancerKind.NGINX, true);
        prober.refused("10.0.1.2:3000");
        clock.advance(5000);
        prober.refused("10.0.1.1:3000");
        clock.advance(5000);
        assertThat(calls).containsExactly("down app-2");
    }

    @Test
    void offByDefaultAndNeverOnHaproxy() {
        wire(BalancerKind.NGINX, false);
        wire(BalancerKind.HAPROXY, true);
        prober.refused("10.0.1.2:3000");
        clock.advance(5000);
        assertThat(calls).isEmpty();
    }

    @Test
    void restoreAllBringsBackWhatItTookOut() {
        ActOnHealth act = wire(BalancerKind.NGINX, true);
        prober.refused("10.0.1.2:3000");
        clock.advance(5000);
        act.restoreAll();
        assertThat(calls).containsExactly("down app-2", "up app-2");
    }
}
