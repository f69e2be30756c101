package dev.orrery.cloud.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fake's Tags API: create a tag (201, also when it exists), read it (404 when unknown), and tag
 * droplets ({@code POST /v2/tags/{tag}/resources}, 204). Tags named when a droplet is created
 * exist from then on, as DigitalOcean makes them. A firewall may only name tags that exist.
 */
public final class FakeTags {
    private static final Pattern PATH = Pattern.compile("/v2/tags(?:/([^/]+)(/resources)?)?");
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_:-]{1,255}");

    private final FakeDigitalOcean fake;
    private final Set<String> tags = new LinkedHashSet<>();
    private final java.util.List<java.util.Map.Entry<String, JsonNode>> bodies = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Every body received, with its path, in order (checked against the spec's request schemas). */
    public java.util.List<java.util.Map.Entry<String, JsonNode>> bodies() {
        return java.util.List.copyOf(bodies);
    }

    private final java.util.List<String> changes = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** "+tag droplet" / "-tag droplet" for every change made through the API, in order. */
    public java.util.List<String> changes() {
        return java.util.List.copyOf(changes);
    }

    FakeTags(FakeDigitalOcean fake) {
        this.fake = fake;
    }

    public synchronized boolean exists(String tag) {
        return tags.contains(tag);
    }

    synchronized void add(String tag) {
        tags.add(tag);
    }

    /** Called under the fake's lock. */
    MockResponse route(RecordedRequest r, String method, HttpUrl url) {
        Matcher m = PATH.matcher(url.encodedPath());
        if (!m.matches()) {
            return FakeDigitalOcean.notFound();
        }
        String tag = m.group(1);
        if (method.equals("POST")) {
            JsonNode b = FakeDigitalOcean.readQuietly(r);
            bodies.add(java.util.Map.entry(url.encodedPath(), b == null ? FakeJson.M.nullNode() : b));
        }
        if (tag == null) {
            if (!method.equals("POST")) {
                return FakeDigitalOcean.notFound();
            }
            JsonNode body = FakeDigitalOcean.readQuietly(r);
            String name = body == null ? null : body.path("name").asText(null);
            if (name == null || !NAME.matcher(name).matches()) {
                // the Tags API's own error shape (error, messages, root_causes), as the spec's example shows it
                String why = "Error validating resource tag: \"tag-name \\\"" + name + "\\\" contains invalid characters\"";
                ObjectNode err = FakeJson.M.createObjectNode().put("error", why).putNull("messages");
                err.putArray("root_causes").add("rpc error: code = InvalidArgument desc = " + why);
                return FakeDigitalOcean.json(400, err);
            }
            add(name);
            return FakeDigitalOcean.json(201, FakeDigitalOcean.wrap("tag", json(name)));
        }
        if (!exists(tag)) {
            return FakeDigitalOcean.notFound();
        }
        if (m.group(2) == null) {
            return method.equals("GET") ? FakeDigitalOcean.json(200, FakeDigitalOcean.wrap("tag", json(tag))) : FakeDigitalOcean.notFound();
        }
        if (!method.equals("POST") && !method.equals("DELETE")) {
            return FakeDigitalOcean.notFound();
        }
        boolean add = method.equals("POST");
        JsonNode body = FakeDigitalOcean.readQuietly(r);
        if (body == null || !body.path("resources").isArray()) {
            return FakeDigitalOcean.json(400, FakeJson.error("bad_request", "resources is required"));
        }
        for (JsonNode res : body.get("resources")) {
            FakeDroplet d = "droplet".equals(res.path("resource_type").asText()) && res.path("resource_id").isTextual()
                    ? fake.dropletById(Long.parseLong(res.get("resource_id").asText("0").replaceAll("\\D", "0"))) : null;
            if (d == null) {
                return FakeDigitalOcean.notFound();
            }
        }
        for (JsonNode res : body.get("resources")) {
            FakeDroplet d = fake.dropletById(Long.parseLong(res.get("resource_id").asText()));
            // the droplet's own tags decide which droplets a load balancer by tag has (FakeLoadBalancers)
            if (add && !d.tags.contains(tag)) {
                d.tags.add(tag);
                changes.add("+" + tag + " " + d.id);
            } else if (!add && d.tags.remove(tag)) {
                changes.add("-" + tag + " " + d.id);
            }
        }
        return new MockResponse.Builder().code(204).addHeader("content-type", "application/json; charset=utf-8").build();
    }

    private ObjectNode json(String name) {
        long count = fake.droplets().stream().filter(d -> d.tags.contains(name)).count();
        ObjectNode n = FakeJson.M.createObjectNode();
        n.put("name", name);
        ObjectNode res = n.putObject("resources");
        res.put("count", count);
        res.putObject("droplets").put("count", count);
        return n;
    }
}
