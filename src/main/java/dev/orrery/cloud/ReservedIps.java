package dev.orrery.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orrery.model.Rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * DigitalOcean's Reserved IPs API, the part balancer failover needs: find or create the address,
 * read which droplet holds it, and assign it ({@code POST /v2/reserved_ips/{ip}/actions}, type
 * {@code assign}) — the same call the balancers' notify script makes. Goes through the client's
 * transport: the same token, deadlines and safe retries (an assign is repeatable: assigning twice
 * to the same droplet leaves it there).
 */
public final class ReservedIps {
    private final ApiTransport api;

    ReservedIps(ApiTransport api) {
        this.api = api;
    }

    public List<ReservedIp> list() {
        List<ReservedIp> out = new ArrayList<>();
        for (JsonNode n : api.list(api.url("v2/reserved_ips"), "reserved_ips")) {
            out.add(read(n));
        }
        return out;
    }

    /** The address, or empty when the account holds no such reserved IP. */
    public Optional<ReservedIp> get(String ip) {
        try {
            return Optional.of(read(api.get(api.url("v2/reserved_ips/" + segment(ip))).get("reserved_ip")));
        } catch (CloudException e) {
            if (e.notFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * A new reserved IP assigned at once to {@code dropletId} (it is made in the droplet's region).
     * Not repeated after an ambiguous failure: a second address would be billed; the caller lists
     * the addresses instead.
     */
    public ReservedIp createFor(long dropletId) {
        return read(api.post(api.url("v2/reserved_ips"), Map.of("droplet_id", dropletId), false).get("reserved_ip"));
    }

    /** Starts moving {@code ip} to {@code dropletId}; the answer is the assign action. */
    public Action assign(String ip, long dropletId) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("type", "assign");
        body.put("droplet_id", dropletId);
        JsonNode a = api.post(api.url("v2/reserved_ips/" + segment(ip) + "/actions"), body, true).get("action");
        try {
            return ApiTransport.MAPPER.treeToValue(a, Action.class);
        } catch (Exception e) {
            throw new CloudException("the API's answer has no readable action: " + e.getMessage());
        }
    }

    private static String segment(String ip) {
        Rules.ipv4(ip).ifPresent(m -> {
            throw new IllegalArgumentException("reserved IP " + m);
        });
        return ip;
    }

    private static ReservedIp read(JsonNode n) {
        if (n == null || n.isNull() || !n.path("ip").isTextual()) {
            throw new CloudException("the API's answer has no reserved_ip");
        }
        JsonNode d = n.path("droplet");
        return new ReservedIp(n.get("ip").asText(), n.path("region").path("slug").asText(null),
                d.path("id").canConvertToLong() ? d.get("id").asLong() : null);
    }
}
