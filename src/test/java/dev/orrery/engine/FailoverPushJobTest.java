package dev.orrery.engine;

import dev.orrery.model.AppSpec;
import dev.orrery.model.Balancer;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.Failover;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.model.Tls;
import dev.orrery.proxy.BalancerCommands;
import dev.orrery.proxy.BalancerFeatures;
import dev.orrery.proxy.ProxyRenderer;
import dev.orrery.proxy.BalancerLayout;
import dev.orrery.proxy.ProxyConfig;
import dev.orrery.proxy.ProxyPushException;
import dev.orrery.remote.LineListener;
import dev.orrery.remote.LocalHost;
import dev.orrery.task.Progress;
import dev.orrery.testing.RequiresCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A push to a failover cluster reaches both balancers, one after the other (the standby first),
 * each answering the new configuration before the next is touched; a refused push stops at the
 * first and leaves the other serving. Two real nginx on 127.0.0.2 and 127.0.0.3.
 */
@RequiresCommands({"nginx", "curl"})
class FailoverPushJobTest {
    @TempDir
    Path dir;
    private final List<PushProxyJob.Target> started = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (PushProxyJob.Target t : started) {
            if (Files.exists(Path.of(t.layout().pidFile()))) {
                t.host().exec(BalancerCommands.stop(BalancerKind.NGINX, t.layout()), LineListener.IGNORE);
            }
        }
    }

    @Test
    void bothBalancersGetTheConfigurationOneAtATime() throws Exception {
        int port = freePort();
        Cluster c = cluster(port);
        List<PushProxyJob.Target> targets = targets(c);
        List<String> steps = new CopyOnWriteArrayList<>();
        new PushProxyJob(c, targets).run(recording(steps));

        assertThat(steps).filteredOn(s -> s.startsWith("server ")).containsExactly(
                "server lb-2 push", "server lb-2 done", "server lb-1 push", "server lb-1 done");
        for (PushProxyJob.Target t : targets) {
            // Each test balancer has its own folder, so its text (and fingerprint) is its own; on droplets they are one.
            BalancerFeatures features = BalancerFeatures.fromNginxV(t.host().exec(BalancerFeatures.detectCommand(), LineListener.IGNORE).output());
            String expected = ProxyRenderer.render(c, t.layout(), features).fingerprint();
            assertThat(answer(t, port)).as(t.host().name()).contains(expected);
        }
    }

    @Test
    void aRefusedPushStopsAtTheFirstBalancerAndTheOtherKeepsServing() throws Exception {
        int port = freePort();
        Cluster c = cluster(port);
        List<PushProxyJob.Target> targets = targets(c);
        new PushProxyJob(c, targets).run(Progress.NONE);
        Map<String, String> before = new java.util.HashMap<>();
        for (PushProxyJob.Target t : targets) {
            before.put(t.host().name(), answer(t, port));
        }

        // A certificate that is not there: nginx -t refuses the configuration on the first balancer pushed.
        Cluster broken = c.withBalancer(c.balancer().withTls(new Tls("crater.example.com", dir + "/none.pem", dir + "/none.key")));
        List<String> steps = new CopyOnWriteArrayList<>();
        assertThatThrownBy(() -> new PushProxyJob(broken, targets).run(recording(steps))).isInstanceOf(ProxyPushException.class);
        assertThat(steps).filteredOn(s -> s.startsWith("server ")).containsExactly("server lb-2 push");
        for (PushProxyJob.Target t : targets) {
            assertThat(answer(t, port)).as(t.host().name() + " still serves the previous configuration")
                    .startsWith("orrery ").isEqualTo(before.get(t.host().name()));
        }
    }

    private static String answer(PushProxyJob.Target t, int port) throws Exception {
        return t.host().exec(BalancerCommands.localGet(t.layout(), port, ProxyConfig.STATUS_PATH), LineListener.IGNORE).output().trim();
    }

    private List<PushProxyJob.Target> targets(Cluster c) throws IOException {
        for (Server lb : PushProxyJob.pushOrder(c)) {
            Path d = Files.createDirectories(dir.resolve(lb.name()));
            BalancerLayout layout = BalancerLayout.under(d.toString(), BalancerKind.NGINX).listeningOn(lb.privateAddress());
            started.add(new PushProxyJob.Target(new LocalHost(lb.name()), layout));
        }
        return List.copyOf(started);
    }

    private static Cluster cluster(int port) throws IOException {
        Balancer b = Balancer.defaults().withFailover(Failover.of("203.0.113.10"));
        b = new Balancer(b.kind(), b.stickiness(), b.healthCheck(), null, port, freePort(), List.of(), List.of(), b.failover());
        return new Cluster("crater", new AppSpec("crater", freePort(), Map.of(), null), b, List.of(
                Server.of("lb-1", Role.BALANCER, "127.0.0.2").withProvider("digitalocean", "3164444", "nyc3", "s-1vcpu-1gb"),
                Server.of("lb-2", Role.BALANCER, "127.0.0.3").withProvider("digitalocean", "3164445", "nyc3", "s-1vcpu-1gb"),
                Server.of("app-1", Role.APP, "127.0.0.11"),
                Server.of("app-2", Role.APP, "127.0.0.12")));
    }

    private static Progress recording(List<String> steps) {
        return new Progress() {
            @Override public void step(String name) { steps.add(name); }
            @Override public void serverStep(String server, String step, boolean mayBeDown) { steps.add("server " + server + " " + step); }
            @Override public void serverDone(String server, String result) { steps.add("server " + server + " done"); }
            @Override public void fraction(double done) { }
            @Override public void log(String line) { }
            @Override public boolean cancelled() { return false; }
        };
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
