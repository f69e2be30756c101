package dev.orrery.bench;

import dev.orrery.deploy.BalancerControl;
import dev.orrery.deploy.BalancerControls;
import dev.orrery.deploy.DeployFixture;
import dev.orrery.deploy.LoadClient;
import dev.orrery.deploy.PassiveDrain;
import dev.orrery.deploy.WebSocketRolloutIT;
import dev.orrery.deploy.WsLoadClient;
import dev.orrery.it.Wait;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Stickiness;
import dev.orrery.proxy.ProxyPush;
import dev.orrery.remote.SshHost;
import dev.orrery.task.Progress;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * WebSocket continuity during a rollout over 3 real app hosts behind nginx with {@code ip_hash}:
 * DDP-like clients ({@link WsLoadClient}) and steady keep-alive GET+POST load through the balancer,
 * one rollout per case, side by side:
 * <ol>
 * <li>the cluster file's order (Orrery before: the balancer's clients are not read);</li>
 * <li>the order {@code HashAwareOrder} chooses from the clients connected (what deploys do now);</li>
 * <li>that order, and the stopping app closes its WebSockets spread over 3 s instead of at once
 *     (the test app's {@code WS_CLOSE_SPREAD_MS}; a Meteor app would need the same in its SIGTERM handler).</li>
 * </ol>
 * in two client populations: two /24s whose fallback servers let the order keep every client to one
 * move (as in {@code WebSocketRolloutIT}), and clients spread over 12 /24s (nothing chosen).
 * Prints per case reconnects per client (mean/max), time from disconnect to reconnected (p50/p99),
 * the peak reconnect rate any server saw (arrivals within one second) and the failed HTTP requests.
 * Arguments: {@code [clients per population (24)] [rows to run, e.g. 5 or 2,5 (all)]}; rows are
 * numbered 1–6 as printed (2 /24s: 1–3, 12 /24s: 4–6). A row run alone starts without the nginx failure
 * marks the rows before it leave (issue 21's 502s came in row 5 after rows 1–4). Run as root, like the other benchmarks:
 * {@code java -cp "target/test-classes:target/classes:$(cat cp.txt)" dev.orrery.bench.WebSocketRolloutBenchmark 24}
 */
public final class WebSocketRolloutBenchmark {

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 24;
        java.util.Set<Integer> only = args.length > 1
                ? java.util.Arrays.stream(args[1].split(",")).map(String::trim).map(Integer::valueOf).collect(java.util.stream.Collectors.toSet())
                : java.util.Set.of();
        List<String> rows = new ArrayList<>();
        try (DeployFixture f = new DeployFixture(BalancerKind.NGINX)) {
            f.cluster = f.cluster.withBalancer(f.cluster.balancer().withStickiness(Stickiness.IP_HASH));
            try (SshHost lb = f.ssh(f.cluster.server("lb-1").orElseThrow())) {
                new ProxyPush(lb, f.balancerLayout).push(f.cluster, Progress.NONE);
            }
            f.rollout(new PassiveDrain(Duration.ZERO), DeployFixture.options().withPreflight(false))
                    .deploy(f.cluster, f.nodeRelease("b0", "VERSION=b0 WS_PING_MS=1000"), Progress.NONE);
            List<String[]> subnets = f.clientSubnets(12);
            List<String> chosen = WebSocketRolloutIT.twoGroupsTheOrderCanKeepToOneMove(subnets).stream().map(s -> s[0]).toList();
            List<String> spread = subnets.stream().map(s -> s[0]).toList();
            int n = 0;
            for (var population : List.of(java.util.Map.entry("2 /24s", chosen), java.util.Map.entry("12 /24s", spread))) {
                for (String mode : List.of("file order", "hash-aware order", "hash-aware + 3 s close spread")) {
                    n++;
                    if (!only.isEmpty() && !only.contains(n)) {
                        continue;
                    }
                    // the release stopped in the next case closes its WebSockets as this env says
                    String nextEnv = "VERSION=b" + n + " WS_PING_MS=1000" + (mode.startsWith("hash-aware order") ? " WS_CLOSE_SPREAD_MS=3000" : "");
                    try (SshHost lb = f.ssh(f.cluster.server("lb-1").orElseThrow())) {
                        BalancerControl control = mode.equals("file order") ? PassiveDrain.forOrreryNginx()
                                : BalancerControls.forCluster(f.cluster, s -> lb);
                        rows.add(population.getKey() + ", " + mode + ": " + measure(f, control, population.getValue(), clients, nextEnv, "b" + n));
                    }
                    System.out.println(rows.get(rows.size() - 1));
                }
            }
        }
        System.out.println();
        System.out.println("WebSocket continuity, 3 app servers behind nginx ip_hash, one rollout per row:");
        rows.forEach(r -> System.out.println("  " + r));
    }

    private static String measure(DeployFixture f, BalancerControl control, List<String> targets, int clients, String env, String name) throws Exception {
        // The last server of the previous rollout refused connections less than nginx's fail_timeout
        // ago: clients connecting now would start on their fallback server, not where they live.
        Thread.sleep(PassiveDrain.NGINX_FAIL_TIMEOUT.plusSeconds(1).toMillis());
        try (WsLoadClient ws = new WsLoadClient(targets, 80, clients, 20).start()) {
            Wait.until(clients + " WebSocket clients connected", ws::allConnected);
            LoadClient load = new LoadClient(targets.get(0), 80, 4, 20, 50_000).start();
            long t0 = System.nanoTime();
            try {
                Wait.until("load flows", () -> load.total() >= 100);
                List<String> order = new ArrayList<>();
                f.rollout(control).deploy(f.cluster, f.nodeRelease(name, env), new Progress() {
                    @Override public void step(String s) { }
                    @Override public void fraction(double d) { }
                    @Override public void log(String line) {
                        if (line.contains("healthy after") || line.contains("new connections to port") || line.contains("waiting ")) {
                            System.out.println("    " + java.time.LocalTime.now() + " " + line);
                        }
                        if (line.startsWith("rollout order")) {
                            order.add(line.replaceAll(" \\(.*", ""));
                        }
                    }
                    @Override public boolean cancelled() { return false; }
                });
                Wait.until("every client back", ws::allConnected);
                long seen = load.total();
                Wait.until("load after the rollout", () -> load.total() >= seen + 50);
                if (!order.isEmpty()) {
                    System.out.println("  " + order.get(0));
                }
            } finally {
                load.close();
            }
            load.failures.forEach(x -> System.out.println("    HTTP failure: " + x.lines().findFirst().orElse("")));
            // what nginx says of the app servers during the rollout (refused, disabled, no live upstreams)
            String errors = f.testHost("lb-1").sh("grep -h -E 'refused|disabled|no live|timed out' " + f.balancerLayout.errorLog()
                    + " | sed -E 's/, client: .*(upstream: [^,]*).*/ \\1/' | cut -c1-200 | tail -n 60; : > " + f.balancerLayout.errorLog()).output();
            errors.lines().forEach(l -> System.out.println("    nginx: " + l));
            java.util.Set<String> shown = new java.util.HashSet<>();
            ws.clients().stream().filter(c -> shown.add(c.target + c.reconnects.get()))
                    .forEach(c -> System.out.println("    via " + c.target + ": " + c.path()));
            return ws.summary() + "; moved {times=clients} " + ws.reconnectHistogram() + "; HTTP " + load.failed.get() + " failed of "
                    + load.total() + "; rollout " + (System.nanoTime() - t0) / 1_000_000_000 + " s";
        }
    }
}
