package dev.orrery.ha;

import dev.orrery.cloud.FakeApiFixture;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.Failover;
import dev.orrery.model.InvalidClusterException;
import dev.orrery.testing.RequiresCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * keepalived's own {@code keepalived -t} accepts every rendered configuration (both balancers,
 * nginx and HAProxy); hostile values never reach the files; the notify script, run for real with
 * sh and curl against the fake API, moves the reserved IP on MASTER and only then.
 */
@RequiresCommands({"keepalived", "sh", "curl"})
class KeepalivedRendererTest {
    private final FakeApiFixture api;

    KeepalivedRendererTest() throws IOException {
        api = new FakeApiFixture();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @ParameterizedTest
    @EnumSource(value = BalancerKind.class, names = {"NGINX", "HAPROXY"})
    void keepalivedAcceptsBothBalancersConfigurations(BalancerKind kind, @TempDir Path dir) throws Exception {
        Cluster c = FailoverClusters.crater(kind, anInterfaceOfThisMachine());
        for (String lb : List.of("lb-1", "lb-2")) {
            HaLayout layout = new HaLayout(dir.resolve(lb + ".conf").toString(), dir.resolve(lb).toString());
            KeepalivedRenderer.Files f = new KeepalivedRenderer(layout, "https://api.digitalocean.com").render(c, lb);
            install(layout, f);
            Result r = run(List.of("keepalived", "-t", "-f", layout.configPath()));
            assertThat(r.code).as(lb + " " + kind + ": keepalived -t says\n" + r.output + "\n" + f.config()).isZero();
            String peer = lb.equals("lb-1") ? "10.0.1.3" : "10.0.1.2";
            String self = lb.equals("lb-1") ? "10.0.1.2" : "10.0.1.3";
            assertThat(f.config()).contains("unicast_src_ip " + self).contains("unicast_peer {\n        " + peer + "\n")
                    .contains("priority " + (lb.equals("lb-1") ? 150 : 100)).contains("nopreempt");
            assertThat(f.checkScript()).contains("http://" + self + ":80/");
        }
    }

    @Test
    void keepalivedRefusesWhatTheValidatorWouldHaveCaught(@TempDir Path dir) throws Exception {
        // The check is real: a router id out of range, written past the validator, fails keepalived -t.
        Cluster c = FailoverClusters.crater(BalancerKind.NGINX, anInterfaceOfThisMachine());
        HaLayout layout = new HaLayout(dir.resolve("k.conf").toString(), dir.resolve("ha").toString());
        KeepalivedRenderer.Files f = new KeepalivedRenderer(layout, "https://api.digitalocean.com").render(c, "lb-1");
        install(layout, new KeepalivedRenderer.Files(f.config().replace("virtual_router_id 51", "virtual_router_id 300"),
                f.notifyScript(), f.checkScript()));
        Result r = run(List.of("keepalived", "-t", "-f", layout.configPath()));
        assertThat(r.code).isNotZero();
        assertThat(r.output).contains("300");
    }

    @Test
    void hostileValuesNeverReachTheFiles() {
        Cluster c = FailoverClusters.crater(BalancerKind.NGINX, "eth1");
        KeepalivedRenderer r = new KeepalivedRenderer(HaLayout.droplet(), "https://api.digitalocean.com");
        List<Cluster> hostile = List.of(
                c.withBalancer(c.balancer().withFailover(new Failover("203.0.113.10'; reboot; '", 51, "eth1"))),
                c.withBalancer(c.balancer().withFailover(new Failover("203.0.113.10", 51, "eth1\n}\nnotify \"/bin/sh\""))),
                c.replaceServer("lb-1", c.server("lb-1").orElseThrow().withName("lb-1$(reboot)")),
                c.replaceServer("lb-2", c.server("lb-2").orElseThrow().withAddresses("198.51.100.3", "10.0.1.3 }")),
                c.replaceServer("lb-1", c.server("lb-1").orElseThrow().withProvider("digitalocean", "1`reboot`", "nyc3", "s")));
        for (Cluster h : hostile) {
            assertThatThrownBy(() -> r.render(h, "lb-2")).isInstanceOf(InvalidClusterException.class);
        }
        assertThatThrownBy(() -> new KeepalivedRenderer(HaLayout.droplet(), "https://x.test/$(reboot)"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KeepalivedRenderer(HaLayout.droplet(), "https://x.test\nnotify"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HaLayout("/etc/keepalived/k.conf", "/etc/orrery/ha;rm"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NotifyScript.render("crater", "lb-1", "203.0.113.10", "12 3", "https://api.digitalocean.com",
                HaLayout.droplet())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> r.render(c.withBalancer(c.balancer().withFailover(null)).withoutServer("lb-2"), "lb-1"))
                .isInstanceOf(InvalidClusterException.class).hasMessageContaining("balancer.failover");
    }

    @Test
    void theNotifyScriptAssignsTheReservedIpOnMasterOnly(@TempDir Path dir) throws Exception {
        long lb1 = api.fake.droplet("lb-1", List.of()).id();
        long lb2 = api.fake.droplet("lb-2", List.of()).id();
        api.fake.reservedIps().add("203.0.113.10", "nyc3", lb1);
        Cluster c = FailoverClusters.crater(BalancerKind.NGINX, "eth1");
        c = c.replaceServer("lb-2", c.server("lb-2").orElseThrow().withProvider("digitalocean", String.valueOf(lb2), "nyc3", "s-1vcpu-1gb"));
        HaLayout layout = new HaLayout(dir.resolve("k.conf").toString(), dir.resolve("ha").toString());
        String base = api.server.url("/").toString().replaceAll("/$", "");
        KeepalivedRenderer.Files f = new KeepalivedRenderer(layout, base).render(c, "lb-2");
        install(layout, f);
        Files.writeString(Path.of(layout.tokenFile()), FakeApiFixture.TOKEN + "\n");

        assertThat(run(List.of("sh", layout.notifyScript(), "INSTANCE", "orrery_crater", "BACKUP", "100")).code).isZero();
        assertThat(api.fake.reservedIps().holder("203.0.113.10")).isEqualTo(lb1);
        assertThat(Files.readString(Path.of(layout.stateFile()))).startsWith("BACKUP ");

        Result master = run(List.of("sh", layout.notifyScript(), "INSTANCE", "orrery_crater", "MASTER", "100"));
        assertThat(master.code).as(master.output).isZero();
        assertThat(api.fake.reservedIps().holder("203.0.113.10")).isEqualTo(lb2);
        assertThat(Files.readString(Path.of(layout.stateFile()))).startsWith("MASTER ").contains("assigned 203.0.113.10 to droplet " + lb2);
        assertThat(api.fake.requests()).contains("POST /v2/reserved_ips/203.0.113.10/actions");
    }

    @Test
    void aMalformedTokenIsNeverSent(@TempDir Path dir) throws Exception {
        long lb1 = api.fake.droplet("lb-1", List.of()).id();
        api.fake.reservedIps().add("203.0.113.10", "nyc3", 0);
        Cluster c = FailoverClusters.crater(BalancerKind.NGINX, "eth1");
        c = c.replaceServer("lb-1", c.server("lb-1").orElseThrow().withProvider("digitalocean", String.valueOf(lb1), "nyc3", "s-1vcpu-1gb"));
        HaLayout layout = new HaLayout(dir.resolve("k.conf").toString(), dir.resolve("ha").toString());
        String base = api.server.url("/").toString().replaceAll("/$", "");
        install(layout, new KeepalivedRenderer(layout, base).render(c, "lb-1"));

        // A quote in the token would end curl's config line and could add options of its own.
        Files.writeString(Path.of(layout.tokenFile()), "abc\"\noutput = \"/etc/passwd");
        Result r = run(List.of("sh", layout.notifyScript(), "INSTANCE", "orrery_crater", "MASTER", "150"));
        assertThat(r.code).isNotZero();
        assertThat(Files.readString(Path.of(layout.stateFile()))).contains("malformed");
        assertThat(api.fake.requests()).isEmpty();
        assertThat(api.fake.reservedIps().holder("203.0.113.10")).isZero();
    }

    // ---- helpers ----

    /** keepalived -t refuses an interface the machine lacks, and a loopback one; any other real one will do. */
    private static String anInterfaceOfThisMachine() throws SocketException {
        String name = NetworkInterface.networkInterfaces().filter(i -> {
            try {
                return !i.isLoopback() && i.getName().matches("[A-Za-z0-9_.-]{1,15}");
            } catch (SocketException e) {
                return false;
            }
        }).map(NetworkInterface::getName).findFirst().orElse(null);
        assumeTrue(name != null, "this machine has no network interface but loopback");
        return name;
    }

    /** As a push lays the files out: scripts 0700 in a folder only root can change (keepalived's script security). */
    private static void install(HaLayout layout, KeepalivedRenderer.Files f) throws IOException {
        Path dir = Files.createDirectories(Path.of(layout.dir()));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(Path.of(layout.configPath()), f.config());
        for (String[] s : new String[][]{{layout.notifyScript(), f.notifyScript()}, {layout.checkScript(), f.checkScript()}}) {
            Files.writeString(Path.of(s[0]), s[1]);
            Files.setPosixFilePermissions(Path.of(s[0]), PosixFilePermissions.fromString("rwx------"));
        }
    }

    private record Result(int code, String output) {
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).as(String.join(" ", command) + " finished").isTrue();
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
