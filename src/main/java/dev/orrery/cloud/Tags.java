package dev.orrery.cloud;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orrery.model.Rules;

import java.util.List;
import java.util.Map;

/**
 * DigitalOcean's Tags API, the part firewalls by tag need: a tag must exist before a firewall
 * names it, and droplets Orrery did not make (a balancer made by hand) are tagged afterwards.
 * Both calls are repeatable: making a tag that exists, or tagging a droplet twice, changes nothing.
 */
public final class Tags {
    private final ApiTransport api;

    Tags(ApiTransport api) {
        this.api = api;
    }

    /** Makes the tag (or finds it made). */
    public void create(String name) {
        api.post(api.url("v2/tags"), Map.of("name", check(name)), true);
    }

    /** Puts the tag on these droplets (they keep their other tags). */
    public void tagDroplets(String tag, List<Long> dropletIds) {
        if (dropletIds.isEmpty()) {
            return;
        }
        ObjectNode body = ApiTransport.MAPPER.createObjectNode();
        ArrayNode resources = body.putArray("resources");
        for (long id : dropletIds) {
            resources.addObject().put("resource_id", Long.toString(id)).put("resource_type", "droplet");
        }
        api.post(api.url("v2/tags/" + check(tag) + "/resources"), body, true);
    }

    /** The same as {@link #tagDroplets}. */
    public void tag(String tag, List<Long> dropletIds) {
        tagDroplets(tag, dropletIds);
    }

    /** Takes the tag off these droplets (a managed balancer by tag lets them go). Repeatable. */
    public void untag(String tag, List<Long> dropletIds) {
        if (dropletIds.isEmpty()) {
            return;
        }
        ObjectNode body = ApiTransport.MAPPER.createObjectNode();
        ArrayNode resources = body.putArray("resources");
        for (long id : dropletIds) {
            resources.addObject().put("resource_id", Long.toString(id)).put("resource_type", "droplet");
        }
        api.deleteWithBody(api.url("v2/tags/" + check(tag) + "/resources"), body);
    }

    static String check(String name) {
        Rules.cloudTag(name).ifPresent(p -> {
            throw new IllegalArgumentException("tag " + p);
        });
        return name;
    }
}
