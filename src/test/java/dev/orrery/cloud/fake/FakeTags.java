package dev.orrery.cloud.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fake's tags: create a tag ({@code POST /v2/tags}, 201), tag and untag droplets
 * ({@code POST}/{@code DELETE /v2/tags/{tag}/resources}, 204). Tagging changes the droplet's own
 * tag list, which is what decides the droplets behind a load balancer chosen by tag (see
 * {@link FakeLoadBalancers}), as on DigitalOcean. A tag a droplet already carries exists.
 */
public final class FakeTags {
    private static final Pattern PATH = Pattern.compile("/v2/tags(?:/([^/]+)(/resources)?)?");
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_:-]{1,255}");

    private final FakeDigitalOcean fake;
    private final Set<String> made = new LinkedHashSet<>();
    private final List<String> changes = new java.util.concurrent.CopyOnWriteArrayList<>();

    FakeTags(FakeDigitalOcean fake) {
        this.fake = fake;
    }

    /** "+tag droplet" / "-tag droplet" for every change, in order. */
    public List<String> changes() {
        return List.copyOf(changes);
    }

    /** Called under the fake's lock. */
    MockResponse route(RecordedRequest r, String method, HttpUrl url) {
        Matcher m = PATH.matcher(url.encodedPath());
        if (!m.matches()) {
            return FakeDigitalOcean.notFound();
        }
        String tag = m.group(1);
        if (tag == null) {
            return method.equals("POST") ? create(FakeDigitalOcean.readQuietly(r)) : FakeDigitalOcean.notFound();
        }
        if (!exists(tag)) {
            return FakeDigitalOcean.notFound();
        }
        if (m.group(2) == null) {
            return method.equals("GET") ? FakeDigitalOcean.json(200, FakeDigitalOcean.wrap("tag", json(tag))) : FakeDigitalOcean.notFound();
        }
        JsonNode body = FakeDigitalOcean.readQuietly(r);
        return switch (method) {
            case "POST" -> resources(tag, body, true);
            case "DELETE" -> resources(tag, body, false);
            default -> FakeDigitalOcean.notFound();
        };
    }

    private MockResponse create(JsonNode body) {
        String name = body == null ? "" : body.path("name").asText("");
        if (!NAME.matcher(name).matches()) {
            return FakeDigitalOcean.json(400, FakeJson.error("bad_request", "name may contain letters, numbers, colons, dashes and underscores"));
        }
        made.add(name);
        return FakeDigitalOcean.json(201, FakeDigitalOcean.wrap("tag", json(name)));
    }

    private MockResponse resources(String tag, JsonNode body, boolean add) {
        JsonNode list = body == null ? null : body.get("resources");
        if (list == null || !list.isArray()) {
            return FakeDigitalOcean.json(400, FakeJson.error("bad_request", "resources is required"));
        }
        List<FakeDroplet> ds = new ArrayList<>();
        for (JsonNode res : list) {
            // The spec says resource_id is a string; DigitalOcean takes the droplet's id written so.
            if (!res.path("resource_id").isTextual() || !"droplet".equals(res.path("resource_type").asText())) {
                return FakeDigitalOcean.json(422, FakeJson.error("unprocessable_entity", "each resource needs a string resource_id and resource_type droplet"));
            }
            FakeDroplet d;
            try {
                d = fake.dropletById(Long.parseLong(res.get("resource_id").asText()));
            } catch (NumberFormatException e) {
                d = null;
            }
            if (d == null) {
                return FakeDigitalOcean.json(422, FakeJson.error("unprocessable_entity", "no droplet " + res.get("resource_id").asText()));
            }
            ds.add(d);
        }
        for (FakeDroplet d : ds) {
            boolean changed = add ? d.addTag(tag) : d.removeTag(tag);
            if (changed) {
                changes.add((add ? "+" : "-") + tag + " " + d.id);
            }
        }
        return new MockResponse.Builder().code(204).build();
    }

    private boolean exists(String tag) {
        return made.contains(tag) || fake.droplets().stream().anyMatch(d -> d.tags().contains(tag));
    }

    private ObjectNode json(String tag) {
        long count = fake.droplets().stream().filter(d -> d.tags().contains(tag)).count();
        ObjectNode n = FakeJson.M.createObjectNode();
        n.put("name", tag);
        ObjectNode res = n.putObject("resources");
        res.put("count", count);
        res.putObject("droplets").put("count", count);
        return n;
    }
}
