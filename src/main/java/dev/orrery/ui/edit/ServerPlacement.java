package dev.orrery.ui.edit;

import dev.orrery.model.Cluster;
import dev.orrery.model.Server;

import java.util.ArrayList;
import java.util.List;

/** Where a new server goes in the cluster's list so the topology draws it where it was dropped. No JavaFX. */
public final class ServerPlacement {

    private ServerPlacement() {
    }

    /**
     * {@code c} with {@code server} inserted so it is the {@code slot}-th server of its role
     * (0-based): before the server of that role now at {@code slot}, or after the role's last
     * server (at the end when the role has none). The topology lays each role out in list order.
     */
    public static Cluster insert(Cluster c, Server server, int slot) {
        List<Server> list = new ArrayList<>(c.servers());
        int seen = 0;
        int lastOfRole = -1;
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).role() != server.role()) {
                continue;
            }
            if (seen == slot) {
                list.add(i, server);
                return new Cluster(c.name(), c.app(), c.balancer(), list, c.monitoring(), c.firewall());
            }
            seen++;
            lastOfRole = i;
        }
        list.add(lastOfRole < 0 ? list.size() : lastOfRole + 1, server);
        return new Cluster(c.name(), c.app(), c.balancer(), list, c.monitoring(), c.firewall());
    }
}
