package dev.orrery.ha;

import dev.orrery.deploy.DeployFixture;
import dev.orrery.deploy.LoadClient;
import dev.orrery.it.Wait;
import dev.orrery.model.BalancerKind;
import dev.orrery.proxy.BalancerCommands;
import dev.orrery.model.Server;
import dev.orrery.remote.Command;
import dev.orrery.remote.LineListener;
import dev.orrery.remote.SshHost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    /**
     * Orrery's own host firewall on both balancers (SSH from this machine only, web ports open,
     * VRRP from the peer only): lb-2 keeps hearing lb-1's adverts through the VRRP rule, so it stays
     * BACKUP; the tests after this one fail over, drill and fail over again with it in place.
     */
    @Test
    @Order(2)
    void theHostFirewallOnBothBalancersLetsTheirVrrpThrough() throws Exception {
        List<dev.orrery.security.HostFirewall> rules = dev.orrery.security.HostFirewall.forCluster(rig.cluster,
                List.of(rig.hosts.bridgeAddress() + "/32"));
        for (int i = 0; i < 2; i++) {
            Server s = rig.cluster.balancerServers().get(i);
            dev.orrery.security.HostFirewall f = rules.stream().filter(r -> r.server().equals(s.name())).findFirst().orElseThrow();
            assertThat(f.vrrpFrom()).containsExactly(rig.cluster.balancerServers().get(1 - i).privateAddress());
            dev.orrery.security.FirewallApply.Outcome o = new dev.orrery.security.FirewallApply(Duration.ofSeconds(15)).apply(
                    rig.ssh.hostFor(s), () -> {
                        try (SshHost fresh = rig.ssh.fresh(s)) {
                            fresh.run(Command.of("true").asLoginUser());
                        }
                    }, f, DeployFixture.printing("firewall " + s.name()));
            assertThat(o.applied()).as(o.detail()).isTrue();
        }
        long before = vrrpAccepted(1);
        Wait.until("lb-1's adverts accepted by lb-2's VRRP rule", () -> vrrpAccepted(1) > before);
        assertThat(rig.state(0).master()).isTrue();
        assertThat(rig.state(1).state()).isEqualTo("BACKUP");
        assertThat(rig.holderIndex()).isZero();
        assertThat(rig.vipAnswers()).isTrue();
    }

    /** Packets counted by balancer {@code i}'s VRRP rule (-1 when it is not there). */
    private long vrrpAccepted(int i) {
        String table = rig.hosts.get(i).exec("nft", "list", "table", "inet", "orrery").output();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("ip protocol (?:vrrp|112) counter packets (\\d+)").matcher(table);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    @Test
    @Order(3)
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
    @Order(4)
    void drillStopsTheActiveBalancerTimesTheTakeoverAndRestores() throws Exception {
        // another workstation's deploy holds the cluster's lock: the drill is refused and stops nothing
        dev.orrery.lock.ClusterLock other = new dev.orrery.lock.ServerClusterLock(rig.ssh, h -> { }, rig.engine.scheduler(),
                rig.engine.io(), rig.hosts.scratch("other-workstation"), new dev.orrery.lock.LocalHolds(),
                new dev.orrery.deploy.LocalClusterLock(rig.hosts.scratch("other-locks")));
        try (dev.orrery.lock.ClusterLock.Held deploy = other.acquire(rig.cluster, "deploy", "deploy of crater-7 elsewhere")) {
            assertThatThrownBy(() -> rig.engine.submit(rig.drillJob()).result().get())
                    .rootCause().isInstanceOf(dev.orrery.lock.ClusterLockedException.class).hasMessageContaining("deploy of crater-7 elsewhere");
        }
        assertThat(rig.holderIndex()).isEqualTo(1);
        assertThat(rig.state(1).master()).isTrue();

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
    @Order(5)
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
