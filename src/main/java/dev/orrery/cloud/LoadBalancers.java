package dev.orrery.cloud;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * DigitalOcean's Load Balancers API, the part a managed balancer needs: find one by name, create
 * it, replace its settings, read its status and delete it. Through the client's transport (the
 * same token, deadlines and safe retries). A create is never repeated blindly: after an
 * ambiguous failure the balancer is looked up by name, since a second one would be billed.
 */
public final class LoadBalancers {
    private static final Pattern ID = Pattern.compile("[0-9a-fA-F-]{1,64}");

    private final ApiTransport api;

    LoadBalancers(ApiTransport api) {
        this.api = api;
    }

    public List<LoadBalancer> list() {
        List<LoadBalancer> out = new ArrayList<>();
        for (JsonNode n : api.list(api.url("v2/load_balancers"), "load_balancers")) {
            out.add(read(n));
        }
        return out;
    }

    /** The balancer called {@code name}; Orrery names one per cluster, so the name finds it again. */
    public Optional<LoadBalancer> findByName(String name) {
        return list().stream().filter(lb -> lb.name().equals(name)).findFirst();
    }

    /** The balancer, or empty when the account has none with this id. */
    public Optional<LoadBalancer> get(String id) {
        try {
            return Optional.of(read(api.get(api.url("v2/load_balancers/" + segment(id))).get("load_balancer")));
        } catch (CloudException e) {
            if (e.notFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public LoadBalancer create(LoadBalancerSettings settings) {
        try {
            return read(api.post(api.url("v2/load_balancers"), settings.body(), false).get("load_balancer"));
        } catch (CloudException e) {
            return AmbiguousCreate.lookUp(e, "load balancer", settings.name(), () -> findByName(settings.name()));
        }
    }

    /** Replaces every setting (the API resets what a PUT leaves out, so the whole settings go). */
    public LoadBalancer update(String id, LoadBalancerSettings settings) {
        return read(api.put(api.url("v2/load_balancers/" + segment(id)), settings.body()).get("load_balancer"));
    }

    /** True when deleted, false when it was already gone. */
    public boolean delete(String id) {
        return api.delete(api.url("v2/load_balancers/" + segment(id)));
    }

    private static String segment(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a load balancer id is a UUID, not \"" + id + "\"");
        }
        return id;
    }

    static LoadBalancer read(JsonNode n) {
        if (n == null || n.isNull() || !n.path("id").isTextual()) {
            throw new CloudException("the API's answer has no load_balancer");
        }
        List<Long> droplets = new ArrayList<>();
        n.path("droplet_ids").forEach(d -> droplets.add(d.asLong()));
        return new LoadBalancer(n.get("id").asText(), n.path("ip").asText(""), n.path("status").asText(""), droplets,
                LoadBalancerSettings.read(n));
    }
}
