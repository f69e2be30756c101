package dev.orrery.engine;

import dev.orrery.adopt.BalancerDiffs;
import dev.orrery.model.AppSpec;
import dev.orrery.model.Balancer;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.Failover;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.model.Stickiness;
import dev.orrery.proxy.BalancerFeatures;
import dev.orrery.proxy.BalancerLayout;
import dev.orrery.proxy.ProxyRenderer;
import dev.orrery.remote.Command;
import dev.orrery.remote.ExecResult;
import dev.orrery.remote.Host;
import dev.orrery.remote.LineListener;
import dev.orrery.remote.LocalHost;
import dev.orrery.remote.RemoteException;
import dev.orrery.remote.UploadListener;
import dev.orrery.task.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code diff-proxy} on a failover pair compares both balancers (a push writes to both): a hand
 * edit on the standby shows, under its name, while the other has no change. Each balancer's
 * HAProxy configuration is a real file read by a real shell; its paths on a droplet are mapped to
 * the balancer's own folder here.
 */
class DiffProxyPairTest {
    @TempDir
    Path dir;

    /** A balancer host whose /etc/haproxy and /run are its own folder under {@code dir}. */
    private Host balancer(String name) {
        LocalHost local = new LocalHost(name);
        Path root = dir.resolve(name);
        return new Host() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public ExecResult exec(Command command, LineListener output) throws RemoteException {
                String line = command.line().replace("/etc/haproxy/", root + "/etc/").replace("/run/", root + "/run/");
                return local.exec(Command.of("sh", "-c", line), output);
            }

            @Override
            public void upload(Path local, String remotePath, UploadListener progress) {
                throw new UnsupportedOperationException("read only");
            }

            @Override
            public void write(byte[] content, String remotePath) {
                throw new UnsupportedOperationException("read only");
            }

            @Override
            public void close() {
            }
        };
    }

    private static Cluster pair() {
        Balancer d = Balancer.defaults();
        Balancer b = new Balancer(BalancerKind.HAPROXY, Stickiness.NONE, d.healthCheck(), null, 80, 443, List.of(), List.of(),
                Failover.of("198.51.100.50"));
        return new Cluster("crater", new AppSpec("crater", 3000, Map.of(), null), b, List.of(
                Server.of("lb-1", Role.BALANCER, "198.51.100.1").withProvider("digitalocean", "3164444", "nyc3", "s-1vcpu-1gb"),
                Server.of("lb-2", Role.BALANCER, "198.51.100.2").withProvider("digitalocean", "3164445", "nyc3", "s-1vcpu-1gb"),
                Server.of("app-1", Role.APP, "198.51.100.11"), Server.of("app-2", Role.APP, "198.51.100.12")));
    }

    private void live(String lb, String text) throws Exception {
        Files.createDirectories(dir.resolve(lb).resolve("run"));
        Files.writeString(Files.createDirectories(dir.resolve(lb).resolve("etc")).resolve("haproxy.cfg"), text);
    }

    @Test
    void aHandEditOnTheStandbyShowsUnderItsName() throws Exception {
        Cluster c = pair();
        String rendered = ProxyRenderer.render(c, BalancerLayout.droplet(BalancerKind.HAPROXY), BalancerFeatures.STOCK).text();
        assertThat(rendered).contains("timeout client");
        live("lb-1", rendered);
        live("lb-2", rendered.replaceFirst("timeout client\\s+\\S+", "timeout client 7s"));

        BalancerDiffs d = AdoptJobs.diffProxy(c, s -> balancer(s.name())).run(Progress.NONE);

        assertThat(d.each()).extracting(BalancerDiffs.Each::balancer).containsExactly("lb-1", "lb-2");
        assertThat(d.each().get(0).diff().diff().isEmpty()).as("lb-1 runs what a push writes").isTrue();
        assertThat(d.each().get(1).diff().diff().changes()).isNotEmpty();
        assertThat(d.noChange()).isFalse();
        assertThat(d.text()).contains("== lb-1 ==").contains("== lb-2 ==").contains("7s");
        assertThat(d.summary()).contains("on lb-1: nothing").contains("on lb-2: 1 directive(s)");
    }

    @Test
    void bothUnchangedIsNoChange() throws Exception {
        Cluster c = pair();
        String rendered = ProxyRenderer.render(c, BalancerLayout.droplet(BalancerKind.HAPROXY), BalancerFeatures.STOCK).text();
        live("lb-1", rendered);
        live("lb-2", rendered);

        BalancerDiffs d = AdoptJobs.diffProxy(c, s -> balancer(s.name())).run(Progress.NONE);

        assertThat(d.noChange()).isTrue();
        assertThat(d.summary()).isEqualTo("No change: both balancers already run what a push would write.");
    }
}
