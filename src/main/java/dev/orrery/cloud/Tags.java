package dev.orrery.cloud;

import dev.orrery.model.Rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * DigitalOcean's tags, the part a managed balancer needs: make the tag, put it on droplets and
 * take it off ({@code POST}/{@code DELETE /v2/tags/{tag}/resources}). Both are repeatable: tagging
 * a tagged droplet, or untagging an untagged one, changes nothing.
 */
public final class Tags {
    private final ApiTransport api;

    Tags(ApiTransport api) {
        this.api = api;
    }

    /** Makes the tag (an existing one is left as it is). */
    public void create(String tag) {
        api.post(api.url("v2/tags"), Map.of("name", segment(tag)), true);
    }

    public void tag(String tag, List<Long> dropletIds) {
        api.post(api.url("v2/tags/" + segment(tag) + "/resources"), resources(dropletIds), true);
    }

    public void untag(String tag, List<Long> dropletIds) {
        api.deleteWithBody(api.url("v2/tags/" + segment(tag) + "/resources"), resources(dropletIds));
    }

    private static Map<String, Object> resources(List<Long> dropletIds) {
        List<Map<String, String>> r = new ArrayList<>();
        for (long id : dropletIds) {
            r.add(Map.of("resource_id", Long.toString(id), "resource_type", "droplet"));
        }
        return Map.of("resources", r);
    }

    private static String segment(String tag) {
        Rules.doTag(tag).ifPresent(m -> {
            throw new IllegalArgumentException("tag " + m);
        });
        return tag;
    }
}
