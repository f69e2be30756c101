package dev.orrery.security;

import dev.orrery.it.Spawned;
import dev.orrery.it.TestHost;
import dev.orrery.it.TestHosts;
import dev.orrery.model.AppSpec;
import dev.orrery.model.Balancer;
import dev.orrery.model.Cluster;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.remote.Command;
import dev.orrery.remote.HostKeyPrompt;
import dev.orrery.remote.OrreryKnownHosts;
import dev.orrery.remote.PassphrasePrompt;
import dev.orrery.remote.SshConnector;
import dev.orrery.remote.SshHost;
import dev.orrery.remote.SshHosts;
import dev.orrery.remote.SshSettings;
import dev.orrery.task.Progress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The host firewall with real nftables in test hosts' own network namespaces: an app server
 * (a real listener on the app port), a balancer, and a stranger. After {@code apply} the app
 * port is refused from the stranger and answered from the balancer, and Orrery still logs in;
 * a rule set that would cut Orrery's SSH is put back by the server itself when the window ends.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FirewallIT {
    static final int APP_PORT = 3000;
    static final Duration WINDOW = Duration.ofSeconds(15);
    static TestHosts hosts;
    static TestHost app, lb, stranger;
    static Cluster cluster;
    static SshHosts ssh;
    static ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
    static Spawned listener;

    @BeforeAll
    static void start() throws Exception {
        hosts = TestHosts.start(3);
        app = hosts.get(0);
        lb = hosts.get(1);
        stranger = hosts.get(2);
        Path known = Files.writeString(hosts.scratch("fw").resolve("known_hosts"), app.knownHostsLine() + "\n" + lb.knownHostsLine() + "\n");
        // a short connect timeout: a login the new rules drop fails well within the window
        ssh = new SshHosts(new SshConnector(SshSettings.defaults().withConnectTimeout(Duration.ofSeconds(4)),
                new OrreryKnownHosts(known, List.of()), HostKeyPrompt.REFUSE, PassphrasePrompt.NONE, null), scheduler);
        cluster = new Cluster("crater", new AppSpec("crater", APP_PORT, Map.of(), List.of()), Balancer.defaults(), List.of(
                server("app-1", Role.APP, app), server("lb-1", Role.BALANCER, lb)));
        listener = app.spawn("python3", "-m", "http.server", Integer.toString(APP_PORT), "--bind", app.address(), "--directory", "/tmp");
        await().atMost(Duration.ofMinutes(3)).until(() -> connects(stranger, app.address(), APP_PORT).startsWith("ok"));
    }

    @AfterAll
    static void stop() {
        if (ssh != null) {
            ssh.close();
        }
        scheduler.shutdownNow();
        if (hosts != null) {
            hosts.close();
        }
    }

    static Server server(String name, Role role, TestHost h) {
        return Server.of(name, role, h.address()).withSsh(h.user(), h.sshPort(), h.privateKey().toString());
    }

    /** "ok", "refused" or "timeout": a TCP connect from inside {@code from}. */
    static String connects(TestHost from, String address, int port) {
        return from.exec("python3", "-c", "import socket,sys\n"
                + "try:\n socket.create_connection((sys.argv[1], int(sys.argv[2])), 3); print('ok')\n"
                + "except ConnectionRefusedError: print('refused')\n"
                + "except OSError as e: print('timeout', e)\n", address, Integer.toString(port)).output().strip();
    }

    static FirewallApply.Outcome apply(Server s, List<String> sshFrom) throws Exception {
        HostFirewall rules = HostFirewall.forCluster(cluster, sshFrom).stream().filter(f -> f.server().equals(s.name())).findFirst().orElseThrow();
        return new FirewallApply(WINDOW).apply(ssh.hostFor(s), () -> {
            try (SshHost fresh = ssh.fresh(s)) {
                fresh.run(Command.of("true").asLoginUser());
            }
        }, rules, printing());
    }

    static ServerSecurity checked(String name) {
        Server s = cluster.server(name).orElseThrow();
        return new SecurityCheck(Duration.ofSeconds(3)).check(cluster, s, ssh.hostFor(s), Map.of());
    }

    @Test
    @Order(0)
    void beforeApplyTheCheckSaysTheAppPortAnswersFromOutside() {
        ServerSecurity before = checked("app-1");
        assertThat(before.reached()).as(String.valueOf(before.error())).isTrue();
        assertThat(before.login()).isEqualTo("root");
        assertThat(before.init()).isEqualTo("supervisor"); // a test host runs no systemd
        assertThat(before.hostFirewall()).isIn("open", "other-rules");
        assertThat(before.appPortOutside()).isEqualTo("open");
        assertThat(before.appPortExposed()).isTrue();
        assertThat(before.cloudFirewall()).isEqualTo("not a droplet");
    }

    @Test
    @Order(1)
    void afterApplyTheAppPortAnswersTheBalancerOnlyAndOrreryStillLogsIn() throws Exception {
        FirewallApply.Outcome o = apply(cluster.server("app-1").orElseThrow(), List.of(hosts.bridgeAddress() + "/32"));
        System.out.println("apply: " + o);
        assertThat(o.applied()).as(o.detail()).isTrue();
        assertThat(connects(lb, app.address(), APP_PORT)).isEqualTo("ok");
        assertThat(connects(stranger, app.address(), APP_PORT)).isEqualTo("refused");
        assertThat(connects(stranger, app.address(), 22)).startsWith("timeout"); // SSH only from Orrery's address
        try (SshHost fresh = ssh.fresh(cluster.server("app-1").orElseThrow())) {
            assertThat(fresh.run(Command.of("nft", "list", "table", "inet", "orrery")).output()).contains("policy drop");
        }
        // confirmed, so kept for the next boot
        assertThat(o.detail()).contains(FirewallCommands.PERSISTED);
        assertThat(app.exec("cat", FirewallCommands.PERSISTED).output()).contains("tcp dport 3000 reject with tcp reset")
                .contains(hosts.bridgeAddress());
        // ssh-check's view from this machine (outside the test hosts' network): the app port is now refused
        ServerSecurity after = checked("app-1");
        assertThat(after.hostFirewall()).isEqualTo("orrery");
        assertThat(after.appPortOutside()).isEqualTo("refused");
        assertThat(after.appPortExposed()).isFalse();
    }

    @Test
    @Order(2)
    void rulesThatWouldLockOrreryOutAreRolledBackByTheServerToThePreviousOnes() throws Exception {
        String before = app.exec("nft", "list", "table", "inet", "orrery").output();
        long t0 = System.nanoTime();
        // SSH allowed only from a documentation address: Orrery's next login is dropped
        FirewallApply.Outcome o = apply(cluster.server("app-1").orElseThrow(), List.of("198.51.100.7/32"));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("lock-out rollback: " + ms + " ms from apply to rolled back (window " + WINDOW.toSeconds() + " s): " + o);
        assertThat(o.applied()).isFalse();
        // a rolled-back rule set is never kept for the next boot
        assertThat(app.exec("cat", FirewallCommands.PERSISTED).output()).contains(hosts.bridgeAddress()).doesNotContain("198.51.100.7");
        // this change's own watchdog put it back (test 1's, armed earlier and confirmed, must not claim it)
        assertThat(o.took()).isGreaterThanOrEqualTo(WINDOW);
        assertThat(o.detail()).contains("a new SSH login failed").contains("put back by the server itself");
        assertThat(app.exec("nft", "list", "table", "inet", "orrery").output()).isEqualTo(before);
        assertThat(app.exec("cat", FirewallCommands.DIR + "/log").output()).contains("rolled back");
        try (SshHost fresh = ssh.fresh(cluster.server("app-1").orElseThrow())) {
            assertThat(fresh.run(Command.of("true")).ok()).isTrue();
        }
        assertThat(connects(stranger, app.address(), APP_PORT)).isEqualTo("refused");
        assertThat(connects(lb, app.address(), APP_PORT)).isEqualTo("ok");
    }

    @Test
    @Order(3)
    void aLockOutOnAHostWithNoRulesLeavesItWithNone() throws Exception {
        FirewallApply.Outcome o = apply(cluster.server("lb-1").orElseThrow(), List.of("198.51.100.7/32"));
        assertThat(o.applied()).isFalse();
        assertThat(lb.exec("nft", "list", "table", "inet", "orrery").exit()).isNotZero();
        assertThat(connects(stranger, lb.address(), 22)).isEqualTo("ok");
    }

    static Progress printing() {
        return new Progress() {
            @Override public void step(String name) { System.out.println("» " + name); }
            @Override public void fraction(double done) { }
            @Override public void log(String line) { System.out.println("  " + line); }
            @Override public boolean cancelled() { return false; }
        };
    }
}
