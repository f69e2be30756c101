package dev.orrery.deploy;

import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.Server;
import dev.orrery.model.Stickiness;
import dev.orrery.proxy.ProxyRenderer;
import dev.orrery.task.Progress;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The order phase two takes the servers in. Behind nginx with {@code ip_hash} it is chosen from
 * the clients connected now ({@link HashAwareOrder}), so a WebSocket client displaced by a stopping
 * server lands where the rollout has already been, where that is possible; otherwise, or when the
 * clients cannot be read, the cluster file's order. Reading the clients never fails a deploy.
 */
final class RolloutOrder {
    private RolloutOrder() {
    }

    static List<ServerTarget> choose(Cluster cluster, List<ServerTarget> fileOrder, BalancerControl balancer, int batch, Progress progress) {
        if (fileOrder.size() < 2 || cluster.balancer().kind() != BalancerKind.NGINX || cluster.balancer().stickiness() != Stickiness.IP_HASH) {
            return fileOrder;
        }
        List<String> clients;
        try {
            clients = balancer.clientAddresses();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            progress.log("rollout order: the file's (could not read the balancer's client connections: " + ServerSwitch.reason(e) + ")");
            return fileOrder;
        }
        if (clients == null) {
            return fileOrder;
        }
        List<String> names = fileOrder.stream().map(ServerTarget::name).toList();
        List<String> peers = ProxyRenderer.inRotation(cluster).stream().map(Server::name).toList();
        Set<String> down = new HashSet<>(cluster.balancer().drained());
        HashAwareOrder.Plan plan = HashAwareOrder.plan(peers, down, names, clients, batch);
        if (plan.cost().clients() == 0) {
            progress.log("rollout order: the file's (no IPv4 client is connected to the balancer now)");
            return fileOrder;
        }
        if (!plan.changed(names)) {
            progress.log("rollout order from nginx's ip_hash over the clients connected now: the file's, " + String.join(", ", names)
                    + " (" + plan.cost().describe() + ")");
            return fileOrder;
        }
        progress.log("rollout order from nginx's ip_hash over the clients connected now: " + String.join(", ", plan.order())
                + " (predicted: " + plan.cost().describe() + "; in the file's order " + plan.fileOrderCost().describe() + ")");
        Map<String, ServerTarget> byName = fileOrder.stream().collect(Collectors.toMap(ServerTarget::name, Function.identity()));
        return plan.order().stream().map(byName::get).toList();
    }
}
