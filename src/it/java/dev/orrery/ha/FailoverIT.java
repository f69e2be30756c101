package dev.orrery.ha;

import dev.orrery.deploy.DeployFixture;
import dev.orrery.deploy.LoadClient;
import dev.orrery.it.Wait;
import dev.orrery.model.BalancerKind;
import dev.orrery.proxy.BalancerCommands;
import dev.orrery.remote.LineListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two balancer test hosts running real nginx and the real keepalived Orrery installs (unicast
 * VRRP over the test bridge), three app servers, keep-alive GET+POST load sent to the reserved
 * address, and the fake DigitalOcean API whose {@code assign} moves the address between the two
 * hosts. One fixture for the class, in order: setup (adopting the address), nginx killed on the
 * active balancer, a failover drill back, then the whole active host killed. Prints the recovery
 * time and failed requests of each; asserts where the address went and that load is served again,
 * never how fast (the benchmark {@code dev.orrery.bench.FailoverBenchmark} gives the figures).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FailoverIT {
    private FailoverRig rig;

    @BeforeAll
    void start() throws Exception {
        rig = new FailoverRig(BalancerKind.NGINX);
        rig.reservedIpOnFirstBalancer();
    }

    @AfterAll
    void stop() {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    @Order(1)
    void setupInstallsKeepalivedOnBothBalancersAndAdoptsTheReservedIp() throws Exception {
        FailoverSetup.Result r = rig.setup(DeployFixture.printing("setup"));

        assertThat(r.reservedIp()).isEqualTo(rig.vip);
        assertThat(r.how()).isEqualTo("adopted");
        assertThat(r.holder()).isEqualTo("lb-1");
        Wait.until("lb-1 MASTER and lb-2 BACKUP", () -> rig.state(0).master() && rig.state(1).state().equals("BACKUP"));
        for (int i = 0; i < 2; i++) {
            assertThat(rig.hosts.get(i).exec("stat", "-c", "%a %U", rig.haLayout.tokenFile()).output().strip())
                    .as("the token on balancer %d", i).isEqualTo("600 root");
            assertThat(rig.hosts.get(i).exec("keepalived", "-t", "-f", rig.haLayout.configPath()).exit())
                    .as("keepalived -t on the installed configuration of balancer %d", i).isZero();
        }
        assertThat(rig.holderIndex()).isZero();
        assertThat(rig.vipAnswers()).as("the reserved IP answers through lb-1").isTrue();
    }

    @Test
    @Order(2)
    void nginxKilledOnTheActiveBalancerMovesTheAddressUnderLoad() throws Exception {
        Figures f = underLoad("nginx killed on lb-1", () -> rig.killBalancerProgram(0), 1);

        assertThat(rig.holderIndex()).as("lb-2 holds the reserved IP").isEqualTo(1);
        assertThat(rig.state(1).master()).isTrue();
        assertThat(f.okAfter).as("requests are served again through lb-2").isPositive();
        // lb-1 back: its keepalived leaves FAULT for BACKUP and does not take the address back (nopreempt)
        rig.startBalancerProgram(0);
        Wait.until("lb-1 BACKUP again", () -> rig.state(0).state().equals("BACKUP"));
        assertThat(rig.holderIndex()).isEqualTo(1);
    }

    @Test
    @Order(3)
    void drillStopsTheActiveBalancerTimesTheTakeoverAndRestores() throws Exception {
        FailoverDrill.Result d = rig.engine.submit(rig.drillJob()).result().get();
        System.out.printf("FailoverIT drill: %s → %s in %d ms%n", d.from(), d.to(), d.failoverMs());

        assertThat(d.from()).isEqualTo("lb-2");
        assertThat(d.to()).isEqualTo("lb-1");
        assertThat(rig.holderIndex()).isZero();
        assertThat(rig.ssh.hostFor(rig.cluster.balancerServers().get(1)).exec(BalancerCommands.running(rig.balancerLayout),
                LineListener.IGNORE).ok()).as("nginx runs on lb-2 again").isTrue();
        Wait.until("lb-2 BACKUP again", () -> rig.state(1).state().equals("BACKUP"));
    }

    @Test
    @Order(4)
    void wholeActiveHostKilledMovesTheAddressUnderLoad() throws Exception {
        Figures f = underLoad("host lb-1 killed", () -> rig.killHost(0), 1);

        assertThat(rig.holderIndex()).isEqualTo(1);
        assertThat(f.okAfter).as("requests are served again through lb-2").isPositive();
    }

    private record Figures(Duration recovery, long failed, long okAfter) {
    }

    /** Steady load on the reserved IP; {@code kill}; waits until {@code to} holds and answers, then for more successes. */
    private Figures underLoad(String what, Runnable kill, int to) throws Exception {
        assertThat(rig.holderIndex()).as("balancer " + to + " does not hold the address before the kill").isNotEqualTo(to);
        // 4 keep-alive connections, 20 ms apart, at most 1500 requests each: bounded whatever happens
        LoadClient load = new LoadClient(rig.vip, 80, 4, 20, 1500).start();
        try {
            Wait.until("load through " + rig.vip, () -> load.ok.get() >= 20);
            long t0 = System.nanoTime();
            kill.run();
            Wait.until(what + ": the reserved IP answers from balancer " + to, () -> rig.holderIndex() == to && rig.vipAnswers());
            Duration recovery = FailoverRig.since(t0);
            long okAt = load.ok.get();
            Wait.until("load served again", () -> load.ok.get() >= okAt + 20);
            load.close();
            Figures f = new Figures(recovery, load.failed.get(), load.ok.get() - okAt);
            System.out.printf("FailoverIT %s: recovered in %d ms, %d requests failed of %d (%s)%n", what, recovery.toMillis(),
                    f.failed, load.total(), load.failures.stream().limit(3).toList());
            return f;
        } finally {
            load.close();
        }
    }
}
