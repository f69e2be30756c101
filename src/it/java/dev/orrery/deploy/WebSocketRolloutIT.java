package dev.orrery.deploy;

import dev.orrery.it.Wait;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Stickiness;
import dev.orrery.proxy.ProxyPush;
import dev.orrery.remote.SshHost;
import dev.orrery.task.Progress;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * WebSocket continuity behind nginx's ip_hash, on three real app hosts: DDP-like clients from two
 * /24s whose fallback servers allow it are each moved exactly once by a rollout whose order the
 * engine chose from the balancer's client connections (the file's order would move them twice),
 * and steady keep-alive GET+POST load sees no failed request. Counts events; times nothing.
 */
public class WebSocketRolloutIT {

    @Test
    void withTheIpHashAwareOrderEachWebSocketClientIsMovedOnceAndNoRequestFails() throws Exception {
        try (DeployFixture f = new DeployFixture(BalancerKind.NGINX)) {
            f.cluster = f.cluster.withBalancer(f.cluster.balancer().withStickiness(Stickiness.IP_HASH));
            try (SshHost lb = f.ssh(f.cluster.server("lb-1").orElseThrow())) {
                new ProxyPush(lb, f.balancerLayout).push(f.cluster, Progress.NONE);
            }
            // v1 with no client connected yet: nothing to wait out between servers, no preflight
            f.rollout(new PassiveDrain(Duration.ZERO), DeployFixture.options().withPreflight(false))
                    .deploy(f.cluster, f.nodeRelease("w1", "VERSION=w1 WS_PING_MS=500"), DeployFixture.printing("w1"));

            List<String[]> subnets = f.clientSubnets(16);
            List<String[]> chosen = twoGroupsTheOrderCanKeepToOneMove(subnets);
            List<String> targets = chosen.stream().map(s -> s[0]).toList();

            List<String> log = new CopyOnWriteArrayList<>();
            try (WsLoadClient ws = new WsLoadClient(targets, 80, 16, 10).start()) {
                Wait.until("16 WebSocket clients connected", ws::allConnected);
                Wait.until("a ping on every client (DDP-like)", () -> ws.clients().stream().allMatch(c -> c.pings.get() > 0));
                LoadClient load = new LoadClient(targets.get(0), 80, 4, 20, 5_000).start();
                try {
                    Wait.until("load flows", () -> load.total() >= 100);
                    try (SshHost lb = f.ssh(f.cluster.server("lb-1").orElseThrow())) {
                        // the engine's own wiring: PassiveDrain reading the clients from the balancer
                        f.rollout(BalancerControls.forCluster(f.cluster, s -> lb))
                                .deploy(f.cluster, f.nodeRelease("w2", "VERSION=w2 WS_PING_MS=500"), capturing(log));
                    }
                    Wait.until("every client back on a server", ws::allConnected);
                    long seen = load.total();
                    Wait.until("load after the rollout", () -> load.total() >= seen + 50);
                } finally {
                    load.close();
                }
                System.out.println("websocket rollout: " + ws.summary() + "; http " + load.failed.get() + " failed of " + load.total());
                ws.clients().forEach(c -> System.out.println("  " + c.target + ": " + c.path()));

                assertThat(log).anyMatch(l -> l.startsWith("rollout order from nginx's ip_hash over the clients connected now: ")
                        && l.contains("0 of ") && l.contains("moved more than once"));
                assertThat(load.failed.get()).as("failed HTTP requests").isZero();
                for (WsLoadClient.Client c : ws.clients()) {
                    assertThat(c.reconnects.get()).as("reconnects of a client via %s: %s", c.target, c.path()).isEqualTo(1);
                    assertThat(c.landed).as("where it landed").hasSize(2);
                }
            }
        }
    }

    /**
     * Two client /24s for which some order moves every client once while the file's order moves
     * some twice, by {@link IpHash} (checked against a real nginx in {@code IpHashNginxTest}).
     */
    public static List<String[]> twoGroupsTheOrderCanKeepToOneMove(List<String[]> subnets) {
        List<String> apps = List.of("app-1", "app-2", "app-3");
        for (int i = 0; i < subnets.size(); i++) {
            for (int j = i + 1; j < subnets.size(); j++) {
                List<String> clients = List.of(subnets.get(i)[1], subnets.get(j)[1]);
                HashAwareOrder.Plan p = HashAwareOrder.plan(apps, Set.of(), apps, clients, 1);
                if (p.cost().maxMoves() == 1 && p.fileOrderCost().movedTwice() > 0) {
                    return List.of(subnets.get(i), subnets.get(j));
                }
            }
        }
        List<String> prefs = new ArrayList<>();
        subnets.forEach(s -> prefs.add(s[1]));
        throw new IllegalStateException("no two of these client /24s can be kept to one move: " + prefs);
    }

    private static Progress capturing(List<String> log) {
        Progress print = DeployFixture.printing("w2");
        return new Progress() {
            @Override public void step(String name) { print.step(name); }
            @Override public void fraction(double done) { }
            @Override public void log(String line) { log.add(line); print.log(line); }
            @Override public boolean cancelled() { return false; }
        };
    }
}
