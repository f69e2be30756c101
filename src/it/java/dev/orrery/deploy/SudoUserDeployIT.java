package dev.orrery.deploy;

import dev.orrery.it.TestHost;
import dev.orrery.it.TestHosts;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.Server;
import dev.orrery.proxy.ProxyPush;
import dev.orrery.remote.AuthenticationFailedException;
import dev.orrery.remote.Command;
import dev.orrery.remote.HostKeyPrompt;
import dev.orrery.remote.OrreryKnownHosts;
import dev.orrery.remote.PassphrasePrompt;
import dev.orrery.remote.SshConnector;
import dev.orrery.remote.SshHost;
import dev.orrery.remote.SshSettings;
import dev.orrery.remote.SshTarget;
import dev.orrery.remote.SudoRefusedException;
import dev.orrery.task.Progress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Hardened droplets: every host has {@code PermitRootLogin no} and a {@code deploy} user with
 * {@code NOPASSWD} sudo. As that user Orrery pushes the balancer configuration to a real nginx
 * and deploys behind it under keep-alive load with zero failed requests; everything it puts on
 * the servers is root's, as when it logs in as root. A user whose sudo wants a password is
 * refused at once with the sudoers line it needs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SudoUserDeployIT {
    static DeployFixture f;
    static final List<String> APPS = List.of("app-1", "app-2", "app-3");

    @BeforeAll
    static void start() throws Exception {
        f = new DeployFixture(BalancerKind.NGINX, "deploy"); // pushes the balancer configuration as deploy
    }

    @AfterAll
    static void stop() {
        if (f != null) {
            f.close();
        }
    }

    @Test
    @Order(1)
    void rootCannotLogInAndDeployRunsAsRootThroughSudo() throws Exception {
        Server lb = f.cluster.server("lb-1").orElseThrow();
        assertThat(lb.sshUser()).isEqualTo("deploy");
        Server asRoot = lb.withSsh("root", lb.sshPort(), lb.sshKey());
        try (SshHost root = f.ssh(asRoot)) {
            assertThatThrownBy(() -> root.run(Command.of("true"))).isInstanceOf(AuthenticationFailedException.class);
        }
        try (SshHost deploy = f.ssh(lb)) {
            assertThat(deploy.run(Command.of("id", "-un").asLoginUser()).output().strip()).isEqualTo("deploy");
            assertThat(deploy.run(Command.of("id", "-un")).output().strip()).isEqualTo("root");
        }
    }

    @Test
    @Order(2)
    void theBalancerConfigurationPushedAsDeployIsRootsAndNginxServesIt() throws Exception {
        TestHost lb = f.testHost("lb-1");
        String conf = f.balancerLayout.configPath();
        assertThat(lb.exec("stat", "-c", "%U:%G %a", conf).output().strip()).isEqualTo("root:root 644");
        assertThat(lb.exec("nginx", "-t", "-c", conf).exit()).as(lb.exec("nginx", "-t", "-c", conf).output()).isZero();
        // a second push (a changed configuration) replaces the file in place; no staged copy is left
        try (SshHost h = f.ssh(f.cluster.server("lb-1").orElseThrow())) {
            new ProxyPush(h, f.balancerLayout).push(f.cluster, Progress.NONE);
        }
        assertThat(lb.exec("sh", "-c", "ls -A /home/deploy/.orrery-upload").output().strip()).isEmpty();
        assertThat(lb.exec("stat", "-c", "%U %a", "/home/deploy/.orrery-upload").output().strip()).isEqualTo("deploy 700");
    }

    @Test
    @Order(3)
    void deployAndUpgradeUnderLoadAsTheSudoUserFailNoRequest() throws Exception {
        Cluster c = f.rollout(DeployIT.drain()).deploy(f.cluster, f.v1(), DeployFixture.printing("sudo v1"));
        for (String s : APPS) {
            assertThat(f.versionOn(s)).as(s).isEqualTo("v1");
        }
        String release = "/opt/crater/releases/" + c.app().currentRelease().id();
        assertThat(f.testHost("app-2").exec("stat", "-c", "%U", release).output().strip()).isEqualTo("root");
        Path v2 = f.nodeRelease("v2", "VERSION=v2");
        LoadClient l = new LoadClient(f.balancerAddress(), 80, 6, 15, 20_000).start();
        try {
            DeployIT.waitForRequests(l, 300);
            f.rollout(DeployIT.drain()).deploy(f.cluster, v2, DeployFixture.printing("sudo v2"));
            DeployIT.waitForRequests(l, l.total() + 300);
        } finally {
            l.close();
        }
        DeployIT.report("sudo user v1 → v2", l);
        for (String s : APPS) {
            assertThat(f.versionOn(s)).as(s).isEqualTo("v2");
        }
        assertThat(l.versions).containsKeys("v1", "v2");
        assertThat(l.failed.get()).as("failed requests: %s", l.failures).isZero();
    }

    @Test
    @Order(4)
    void sshCheckSaysEachServerIsReachedThroughSudoAndItsFirewallState() throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int exit = dev.orrery.cli.OrreryCli.run(new String[]{"ssh-check", f.clusterFile.toString(), "--accept-new-host-keys"},
                new java.io.PrintStream(out, true, StandardCharsets.UTF_8), new java.io.PrintStream(err, true, StandardCharsets.UTF_8),
                new java.io.BufferedReader(new java.io.StringReader("")), new dev.orrery.store.OrreryHome(f.scratch.resolve("home-check")));
        String table = out.toString(StandardCharsets.UTF_8);
        System.out.println(table);
        assertThat(exit).as(table + err).isZero();
        // app servers: the deploy's connection gate keeps its iptables chain, which ssh-check reports as other rules
        // columns: SERVER SSH RESULT AS INIT FIREWALL CLOUD-FIREWALL APP-PORT-FROM-OUTSIDE TIME
        for (String s : List.of("app-1", "app-2", "app-3")) {
            assertThat(table).containsPattern(s + "\\s+deploy@\\S+\\s+ok\\s+sudo\\s+supervisor\\s+(open|other-rules)\\s+not a droplet\\s+open\\s");
        }
        assertThat(table).containsPattern("lb-1\\s+deploy@\\S+\\s+ok\\s+sudo\\s+supervisor\\s+open\\s");
        assertThat(table).contains("warning: the app port answers from outside the private network on app-1, app-2, app-3");
    }

    @Test
    @Order(5)
    void passwordSudoIsRefusedAtOnceNamingTheSudoersLineAndNothingIsWritten() throws Exception {
        try (TestHosts one = TestHosts.start(1)) {
            TestHost h = one.get(0);
            h.harden("deploy", false);
            Path known = Files.writeString(one.scratch("pw").resolve("known_hosts"), h.knownHostsLine() + "\n");
            SshConnector c = new SshConnector(SshSettings.defaults(), new OrreryKnownHosts(known, List.of()), HostKeyPrompt.REFUSE, PassphrasePrompt.NONE, null);
            try (SshHost ssh = new SshHost(SshTarget.of(h.name(), h.address(), 22, "deploy", h.privateKey()), c, null)) {
                assertThatThrownBy(() -> ssh.run(Command.of("mkdir", "-p", "/opt/never")))
                        .isInstanceOf(SudoRefusedException.class)
                        .hasMessageContaining("asks for a password")
                        .hasMessageContaining("deploy ALL=(ALL) NOPASSWD: ALL");
                assertThatThrownBy(() -> ssh.write("x".getBytes(StandardCharsets.UTF_8), "/etc/nginx/never.conf"))
                        .isInstanceOf(SudoRefusedException.class);
                assertThat(ssh.run(Command.of("id", "-un").asLoginUser()).output().strip()).isEqualTo("deploy");
            }
            assertThat(h.exec("test", "-e", "/opt/never").exit()).isNotZero();
            assertThat(h.exec("test", "-e", "/etc/nginx/never.conf").exit()).isNotZero();
            assertThat(h.exec("sh", "-c", "ls -A /home/deploy/.orrery-upload").output().strip()).isEmpty();
        }
    }
}
