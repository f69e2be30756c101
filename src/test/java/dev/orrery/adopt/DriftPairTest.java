package dev.orrery.adopt;

import dev.orrery.model.Balancer;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.Failover;
import dev.orrery.model.AppSpec;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.proxy.BalancerFeatures;
import dev.orrery.proxy.BalancerLayout;
import dev.orrery.proxy.ProxyRenderer;
import dev.orrery.remote.Command;
import dev.orrery.remote.ExecResult;
import dev.orrery.remote.Host;
import dev.orrery.remote.LineListener;
import dev.orrery.remote.UploadListener;
import dev.orrery.task.Progress;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * The drift check reads both balancers of a failover pair: a standby left with a configuration
 * Orrery did not write is found even when the active one is current (a failover would otherwise
 * bring the old rules back unannounced), and each item names its balancer.
 */
class DriftPairTest {
    private final Cluster pair = new Cluster("crater", new AppSpec("crater", 3000, Map.of(), List.of()),
            Balancer.defaults().withKind(BalancerKind.HAPROXY).withFailover(new Failover("203.0.113.10", 51, "eth1")), List.of(
            Server.of("lb-1", Role.BALANCER, "198.51.100.2").withAddresses("198.51.100.2", "10.0.1.2")
                    .withProvider("digitalocean", "3164444", "nyc3", "s-1vcpu-1gb"),
            Server.of("lb-2", Role.BALANCER, "198.51.100.3").withAddresses("198.51.100.3", "10.0.1.3")
                    .withProvider("digitalocean", "3164445", "nyc3", "s-1vcpu-1gb"),
            Server.of("app-1", Role.APP, "10.0.1.11")));

    /** A balancer whose haproxy.cfg is {@code config}; an app server no one reaches (its release is not the point here). */
    record Balancer1(String name, String config) implements Host {
        @Override
        public ExecResult exec(Command command, LineListener output) throws dev.orrery.remote.RemoteException {
            if (config == null) {
                throw new dev.orrery.remote.RemoteException(name, "connection refused", null);
            }
            if (command.line().equals(AdoptCommands.cat(BalancerReader.HAPROXY_CFG).line())) {
                config.lines().forEach(output::line);
                return new ExecResult(0, List.of());
            }
            if (command.line().equals(AdoptCommands.masterCommandLine("/run/haproxy.pid").line())) {
                return new ExecResult(1, List.of("no pid file"));
            }
            return new ExecResult(0, List.of());
        }

        @Override
        public void upload(Path local, String remotePath, UploadListener progress) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void write(byte[] content, String remotePath) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }

    private DriftReport check(String lb1, String lb2) {
        return new DriftCheck(s -> new Balancer1(s.name(), switch (s.name()) {
            case "lb-1" -> lb1;
            case "lb-2" -> lb2;
            default -> null;
        }), null, Progress.NONE).run(pair, null);
    }

    private String rendered() {
        return ProxyRenderer.render(pair, BalancerLayout.droplet(BalancerKind.HAPROXY), BalancerFeatures.STOCK).text();
    }

    @Test
    void aStandbyWithAConfigurationOrreryDidNotWriteIsFoundBesideACurrentActiveOne() {
        String byHand = "global\n    daemon\ndefaults\n    mode http\nfrontend web\n    bind :80\n    default_backend app\n"
                + "backend app\n    server app-1 10.0.1.11:3000 check\n";
        DriftReport r = check(rendered(), byHand);

        assertThat(r.items()).extracting(DriftItem::kind, DriftItem::subject)
                .contains(tuple(DriftItem.Kind.BALANCER_NOT_PUSHED, "lb-2"))
                .doesNotContain(tuple(DriftItem.Kind.BALANCER_NOT_PUSHED, "lb-1"), tuple(DriftItem.Kind.BALANCER_EDITED, "lb-1"));
        assertThat(check(rendered(), rendered()).items()).extracting(DriftItem::kind)
                .doesNotContain(DriftItem.Kind.BALANCER_NOT_PUSHED, DriftItem.Kind.BALANCER_EDITED, DriftItem.Kind.BALANCER_BEHIND,
                        DriftItem.Kind.NOT_IN_BALANCER);
    }

    @Test
    void aStandbyThatDropsAnAppServerIsNamedInTheItem() {
        String without = rendered().lines().filter(l -> !l.contains("10.0.1.11:3000")).reduce("", (a, b) -> a + b + "\n");
        DriftReport r = check(rendered(), without);
        assertThat(r.items()).filteredOn(i -> i.kind() == DriftItem.Kind.NOT_IN_BALANCER)
                .singleElement().satisfies(i -> assertThat(i.finding()).startsWith("the balancer lb-2 does not send requests to 10.0.1.11:3000"));
    }

    @Test
    void anUnreachableStandbyIsANoteAndTheActiveOneIsStillChecked() {
        DriftReport r = check("global\n    daemon\n", null);
        assertThat(r.notes()).anyMatch(n -> n.startsWith("lb-2 was not checked:") && n.contains("connection refused"));
        assertThat(r.items()).extracting(DriftItem::kind, DriftItem::subject).contains(tuple(DriftItem.Kind.BALANCER_NOT_PUSHED, "lb-1"));
    }
}
