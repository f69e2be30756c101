package dev.orrery.engine;

import com.sun.net.httpserver.HttpServer;
import dev.orrery.deploy.LocalClusterLock;
import dev.orrery.model.AppSpec;
import dev.orrery.model.Balancer;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.Failover;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.model.Stickiness;
import dev.orrery.proxy.BalancerCommands;
import dev.orrery.proxy.BalancerLayout;
import dev.orrery.proxy.BalancerSwitch;
import dev.orrery.proxy.ProxyPush;
import dev.orrery.proxy.ProxyPushException;
import dev.orrery.remote.LineListener;
import dev.orrery.remote.LocalHost;
import dev.orrery.task.Progress;
import dev.orrery.testing.RequiresCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Switching the program of a failover pair switches both balancers, the standby (lb-2) first,
 * and records the new kind only when both serve it; when the second fails, the first is switched
 * back, so the pair never runs two programs while the file names one. lb-2 is a real nginx /
 * HAProxy on this machine (both balancers of a pair listen on one port, which one machine cannot
 * hold twice), lb-1's switch is scripted: what it did and when. {@code PairSwitchIT} runs both for
 * real, each balancer a test host with its own network stack.
 */
@RequiresCommands({"nginx", "haproxy", "curl", "ss"})
class FailoverSwitchJobTest {
    @TempDir
    Path dir;
    private final List<HttpServer> apps = new ArrayList<>();
    private final LocalHost lb2 = new LocalHost("lb-2");
    private final List<String> steps = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (BalancerKind k : BalancerKind.programs()) {
            lb2.exec(BalancerCommands.hardStop(k, layout(k)), LineListener.IGNORE);
        }
        apps.forEach(a -> a.stop(0));
    }

    private BalancerLayout layout(BalancerKind k) {
        return BalancerLayout.under(dir.resolve(k.name().toLowerCase()).toString(), k).listeningOn("127.0.0.1");
    }

    private Cluster cluster() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x")); // nginx's workers read the close flag
        int appPort = freePort();
        for (int i = 1; i <= 2; i++) {
            HttpServer app = HttpServer.create(new InetSocketAddress("127.0.0.1" + i, appPort), 8);
            String name = "app-" + i;
            app.createContext("/", x -> {
                byte[] body = (name + "\n").getBytes(StandardCharsets.UTF_8);
                x.sendResponseHeaders(200, body.length);
                x.getResponseBody().write(body);
                x.close();
            });
            app.start();
            apps.add(app);
        }
        for (BalancerKind k : BalancerKind.programs()) {
            Files.createDirectories(Path.of(layout(k).configPath()).getParent());
        }
        Balancer d = Balancer.defaults();
        Balancer b = new Balancer(BalancerKind.NGINX, Stickiness.NONE, d.healthCheck(), null, freePort(), freePort(), List.of(), List.of(),
                Failover.of("198.51.100.50"));
        Cluster c = new Cluster("crater", new AppSpec("crater", appPort, Map.of(), null), b, List.of(
                Server.of("lb-1", Role.BALANCER, "198.51.100.1").withProvider("digitalocean", "3164444", "nyc3", "s-1vcpu-1gb"),
                Server.of("lb-2", Role.BALANCER, "198.51.100.2").withProvider("digitalocean", "3164445", "nyc3", "s-1vcpu-1gb"),
                Server.of("app-1", Role.APP, "127.0.0.11"), Server.of("app-2", Role.APP, "127.0.0.12")));
        new ProxyPush(lb2, layout(BalancerKind.NGINX)).push(c, Progress.NONE);
        return c;
    }

    /** lb-2 switches for real; lb-1 as {@code lb1} says (null: it succeeds). */
    private BalancerSwitchJob job(Cluster c, AtomicReference<BalancerKind> saved, String lb1Failure) {
        return new BalancerSwitchJob("crater", () -> c, saved::set, BalancerKind.HAPROXY, s -> new LocalHost(s.name()),
                new LocalClusterLock(dir.resolve("locks")), (lb, cluster, to, p) -> {
            steps.add(lb.name() + " → " + to.name().toLowerCase());
            if (lb.name().equals("lb-2")) {
                return new BalancerSwitch(lb2, this::layout).run(cluster, to, p);
            }
            if (lb1Failure != null && to == BalancerKind.HAPROXY) {
                throw new ProxyPushException("lb-1", "start beside", lb1Failure + "; nginx serves again as before", true, null);
            }
            return new BalancerSwitch.Result(cluster.withBalancer(cluster.balancer().withKind(to)), null, 0);
        });
    }

    private boolean lb2Runs(BalancerKind k) throws Exception {
        return lb2.exec(BalancerCommands.running(layout(k)), LineListener.IGNORE).ok();
    }

    private String lb2Answers(Cluster c) throws Exception {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", c.balancer().httpPort())) {
            s.setSoTimeout(300_000);
            s.getOutputStream().write("GET /x HTTP/1.1\r\nHost: crater\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            return answer.substring(answer.indexOf("\r\n\r\n") + 4);
        }
    }

    @Test
    void bothBalancersAreSwitchedTheStandbyFirstAndTheKindIsSavedOnceBothServe() throws Exception {
        Cluster c = cluster();
        AtomicReference<BalancerKind> saved = new AtomicReference<>();

        BalancerSwitch.Result r = job(c, saved, null).run(Progress.NONE);

        assertThat(steps).containsExactly("lb-2 → haproxy", "lb-1 → haproxy");
        assertThat(saved.get()).isEqualTo(BalancerKind.HAPROXY);
        assertThat(r.cluster().balancer().kind()).isEqualTo(BalancerKind.HAPROXY);
        assertThat(lb2Runs(BalancerKind.HAPROXY)).isTrue();
        assertThat(lb2Answers(c)).startsWith("app-");
    }

    @Test
    void whenTheSecondBalancerFailsTheFirstIsSwitchedBackAndNothingIsSaved() throws Exception {
        Cluster c = cluster();
        AtomicReference<BalancerKind> saved = new AtomicReference<>();

        ProxyPushException e = catchThrowableOfType(ProxyPushException.class, () -> job(c, saved, "haproxy cannot bind").run(Progress.NONE));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("haproxy cannot bind").contains("lb-2 switched back to nginx");
        assertThat(steps).containsExactly("lb-2 → haproxy", "lb-1 → haproxy", "lb-2 → nginx");
        assertThat(saved.get()).as("the file still says nginx").isNull();
        assertThat(lb2Runs(BalancerKind.NGINX)).isTrue();
        assertThat(lb2Runs(BalancerKind.HAPROXY)).isFalse();
        assertThat(lb2Answers(c)).startsWith("app-");
    }

    @Test
    void aPairIsCheckedForTheNewProgramOnBothBeforeEitherChanges() throws Exception {
        Cluster c = cluster();
        AtomicReference<BalancerKind> saved = new AtomicReference<>();
        // lb-1's host lacks HAProxy: a PATH without it.
        BalancerSwitchJob job = new BalancerSwitchJob("crater", () -> c, saved::set, BalancerKind.HAPROXY,
                s -> s.name().equals("lb-1") ? withoutHaproxy() : new LocalHost(s.name()),
                new LocalClusterLock(dir.resolve("locks")), (lb, cluster, to, p) -> {
            steps.add(lb.name() + " → " + to.name().toLowerCase());
            return new BalancerSwitch(lb2, this::layout).run(cluster, to, p);
        });

        ProxyPushException e = catchThrowableOfType(ProxyPushException.class, () -> job.run(Progress.NONE));

        assertThat(e.getMessage()).contains("HAProxy is not installed on lb-1").contains("nothing was changed on either balancer");
        assertThat(steps).isEmpty();
        assertThat(lb2Runs(BalancerKind.NGINX)).isTrue();
        assertThat(saved.get()).isNull();
    }

    /** lb-1: a host whose programs are looked for where there are none (no HAProxy installed). */
    private static dev.orrery.remote.Host withoutHaproxy() {
        LocalHost local = new LocalHost("lb-1");
        return new dev.orrery.remote.Host() {
            @Override
            public String name() {
                return "lb-1";
            }

            @Override
            public dev.orrery.remote.ExecResult exec(dev.orrery.remote.Command command, LineListener output) throws dev.orrery.remote.RemoteException {
                return local.exec(dev.orrery.remote.Command.of("env", "PATH=" + "/nonexistent", "/bin/sh", "-c", command.line()), output);
            }

            @Override
            public void upload(Path l, String remotePath, dev.orrery.remote.UploadListener progress) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void write(byte[] content, String remotePath) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void close() {
            }
        };
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
