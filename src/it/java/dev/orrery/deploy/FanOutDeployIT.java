package dev.orrery.deploy;

import dev.orrery.it.LaptopLink;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.Server;
import dev.orrery.remote.SshHost;
import dev.orrery.task.Progress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Upload once, fan out privately, on three real app hosts with this machine behind a 50 Mbit/s
 * uplink ({@link LaptopLink}; tbf only, no RTT: the kernel here has no netem): the release crosses
 * the laptop's link once; app-2 and app-3 fetch it from app-1 and check its SHA-256; when app-1
 * refuses their connections, they get direct uploads and the log says so; a file that does not
 * match the SHA-256 is refused and nothing of it is left. One fixture for the class (lean in CI).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FanOutDeployIT {
    /** No load runs here, so nothing needs nginx's fail_timeout waited out between servers (saves ~20 s a deploy). */
    static final BalancerControl NO_LOAD = new PassiveDrain(java.time.Duration.ZERO);
    DeployFixture f;
    Path v1;
    Path v2;

    @BeforeAll
    void start() throws Exception {
        f = new DeployFixture(BalancerKind.NGINX, LaptopLink.laptop(50, 0));
        System.out.println("laptop link: " + f.laptopLinkNote());
        v1 = f.bigRelease("f1", "VERSION=v1", 4);
        v2 = f.bigRelease("f2", "VERSION=v2", 4);
    }

    @AfterAll
    void stop() {
        if (f != null) {
            f.close();
        }
    }

    @Test
    @Order(1)
    void theLaptopSendsTheReleaseOnceAndTheOthersFetchAndVerifyIt() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        Rollout r = f.rollout(NO_LOAD);
        Cluster c = r.deploy(f.cluster, v1, capturing("fan1", log));

        long size = Files.size(v1);
        assertThat(r.bytesSent()).as("bytes sent by the laptop: one upload").isEqualTo(size);
        assertThat(log).anyMatch(l -> l.startsWith("fan-out: app-1 serves the release"));
        for (String s : List.of("app-2", "app-3")) {
            assertThat(log).as(s).anyMatch(l -> l.startsWith(s + ": fetched the whole release") && l.contains("SHA-256 verified"));
        }
        String id = c.app().currentRelease().id();
        String payloadSha = sha256(f.scratch.resolve("f1-small.tar.gz-src/payload.bin"));
        for (String s : DeltaDeployIT.APPS) {
            assertThat(f.versionOn(s)).as(s).isEqualTo("v1");
            var h = f.testHost(s);
            assertThat(h.exec("sha256sum", "/opt/crater/releases/" + id + "/payload.bin").output()).as(s).startsWith(payloadSha);
            // nothing of the fan-out is left: no kept upload, no token, no listener
            assertThat(h.exec("sh", "-c", "ls /opt/crater/incoming /opt/crater/run").output()).as(s)
                    .doesNotContain(".share").doesNotContain("fanout.token").doesNotContain("fanout.pid");
        }
        assertThat(f.testHost("app-1").exec("sh", "-c", "ss -Htln | grep -c ':" + FanOut.PORT + " ' || true").output().strip()).isEqualTo("0");
    }

    @Test
    @Order(2)
    void whenTheSourceRefusesTheOthersGetDirectUploadsAndTheLogSaysSo() throws Exception {
        String app2 = f.testHost("app-2").address();
        String app3 = f.testHost("app-3").address();
        var source = f.testHost("app-1");
        for (String a : List.of(app2, app3)) {
            assertThat(source.exec("iptables", "-I", "INPUT", "-s", a, "-p", "tcp", "--dport", Integer.toString(FanOut.PORT),
                    "-j", "REJECT", "--reject-with", "tcp-reset").exit()).isZero();
        }
        try {
            List<String> log = new CopyOnWriteArrayList<>();
            // whole releases: "only what changed" would otherwise need no fan-out at all
            Rollout r = f.rollout(NO_LOAD, DeployFixture.options().withDeltaUploads(false));
            r.deploy(f.cluster, v2, capturing("fan2", log));
            assertThat(r.bytesSent()).as("three direct uploads").isEqualTo(3 * Files.size(v2));
            for (String s : List.of("app-2", "app-3")) {
                assertThat(log).as(s).anyMatch(l -> l.startsWith(s + ": fetching the release from app-1") && l.contains("uploading it directly"));
            }
            for (String s : DeltaDeployIT.APPS) {
                assertThat(f.versionOn(s)).as(s).isEqualTo("v2");
            }
        } finally {
            source.exec("iptables", "-F", "INPUT");
        }
    }

    @Test
    @Order(3)
    void aFetchedFileThatDoesNotMatchItsSha256IsRefusedAndRemoved() throws Exception {
        Server s1 = f.cluster.server("app-1").orElseThrow();
        Server s2 = f.cluster.server("app-2").orElseThrow();
        AppLayout layout = new AppLayout("/opt", "crater");
        String id = "20260101-000000-deadbeef";
        try (SshHost h1 = f.ssh(s1); SshHost h2 = f.ssh(s2)) {
            ServerTarget source = new ServerTarget(s1, h1, new ReleaseCommands(layout));
            ServerTarget target = new ServerTarget(s2, h2, new ReleaseCommands(layout));
            h1.upload(v1, layout.upload(id), dev.orrery.remote.UploadListener.IGNORE);
            h1.run(FanOut.keep(layout, id));
            FanOut.Share share = FanOut.serve(source, id);
            List<String> log = new CopyOnWriteArrayList<>();
            try {
                String pid = f.testHost("app-1").exec("cat", "/opt/crater/run/fanout.pid").output().strip();
                assertThat(f.testHost("app-1").exec("ps", "-o", "uid=", "-p", pid).output().strip()).as("the listener's uid").isEqualTo("65534");
                assertThat(FanOut.fetch(target, share, id, sha256(v2), capturing("fan3", log))).isFalse();
                assertThat(log).anyMatch(l -> l.contains("SHA-256 mismatch"));
                assertThat(f.testHost("app-2").exec("ls", "/opt/crater/incoming").output()).doesNotContain(id);
                // a wrong token opens nothing
                FanOut.Share wrong = new FanOut.Share(source, share.address(), FanOut.token(), share.file());
                assertThat(FanOut.fetch(target, wrong, id, sha256(v1), capturing("fan3", log))).isFalse();
                assertThat(log).anyMatch(l -> l.contains("403"));
                // and the right one, with the right hash, works
                assertThat(FanOut.fetch(target, share, id, sha256(v1), capturing("fan3", log))).isTrue();
                assertThat(f.testHost("app-2").exec("sha256sum", layout.upload(id)).output()).startsWith(sha256(v1));
            } finally {
                FanOut.stop(share, Progress.NONE);
                h1.run(dev.orrery.remote.Command.of("rm", "-f", layout.upload(id)));
                h2.run(dev.orrery.remote.Command.of("rm", "-f", layout.upload(id)));
            }
            // the listener is gone after stop
            assertThat(f.testHost("app-1").exec("sh", "-c", "ss -Htln | grep -c ':" + FanOut.PORT + " ' || true").output().strip()).isEqualTo("0");
        }
    }

    private static String sha256(Path p) throws Exception {
        return Rollout.sha256(p);
    }

    private static Progress capturing(String prefix, List<String> into) {
        Progress print = DeployFixture.printing(prefix);
        return new Progress() {
            @Override public void step(String name) { print.step(name); }
            @Override public void fraction(double done) { }
            @Override public void log(String line) { into.add(line); print.log(line); }
            @Override public boolean cancelled() { return false; }
        };
    }
}
