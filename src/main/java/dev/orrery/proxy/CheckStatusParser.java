package dev.orrery.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orrery.model.Cluster;
import dev.orrery.model.Server;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads nginx_upstream_check_module's {@code /check-status?format=json}:
 * {@code {"servers":{"total":N,"generation":G,"server":[{"index":0,"upstream":"crater","name":"10.0.1.73:3000",
 * "status":"up","rise":12,"fall":0,"type":"http","port":0}]}}} — rise and fall there are the
 * current counters, not the thresholds. Peers are matched to the cluster's app servers by endpoint.
 */
public final class CheckStatusParser {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CheckStatusParser() {
    }

    public static List<PeerStatus> parse(String json, Cluster cluster) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not the check module's JSON status: " + e.getMessage(), e);
        }
        JsonNode servers = root.path("servers").path("server");
        if (!servers.isArray()) {
            throw new IllegalArgumentException("not the check module's JSON status: no servers.server list");
        }
        List<PeerStatus> out = new ArrayList<>();
        for (JsonNode s : servers) {
            if (!s.path("upstream").asText().equals(cluster.name())) {
                continue;
            }
            String endpoint = s.path("name").asText();
            String status = s.path("status").asText();
            PeerState state = switch (status) {
                case "up" -> PeerState.UP;
                case "down" -> PeerState.DOWN;
                default -> PeerState.UNKNOWN;
            };
            String name = serverAt(cluster, endpoint);
            if (name != null && cluster.balancer().isDrained(name)) {
                state = PeerState.DRAIN; // rendered `down` on purpose; the module still checks it
            }
            out.add(new PeerStatus(name, endpoint, state,
                    status + " (rise " + s.path("rise").asInt() + ", fall " + s.path("fall").asInt() + ")"));
        }
        return out;
    }

    static String serverAt(Cluster cluster, String endpoint) {
        for (Server s : ProxyRenderer.inRotation(cluster)) {
            if (ProxyRenderer.endpoint(s.internalAddress(), cluster.app().port()).equals(endpoint)) {
                return s.name();
            }
        }
        return null;
    }
}
