package dev.orrery.cloud.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fake's Cloud Firewalls API: list (paged), create (202, {@code waiting} with the droplets it
 * covers pending, {@code succeeded} after a few reads), get, replace with PUT (200; what it leaves
 * out is reset) and delete (204). Bodies are refused as DigitalOcean refuses them (400): a name
 * that breaks the spec's pattern, no rules at all, a protocol other than tcp, udp or icmp, a tag
 * that does not exist.
 */
public final class FakeFirewalls {
    private static final Pattern PATH = Pattern.compile("/v2/firewalls(?:/([^/]+))?");
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9.-]+");

    private final FakeDigitalOcean fake;
    private final Map<String, Fw> firewalls = new LinkedHashMap<>();
    private final List<JsonNode> bodies = new java.util.concurrent.CopyOnWriteArrayList<>();
    private int settleAfterReads = 1;
    private long nextId = 1;

    private static final class Fw {
        final String id;
        final String createdAt;
        ObjectNode body;
        int readsUntilSettled;

        Fw(String id, String createdAt) {
            this.id = id;
            this.createdAt = createdAt;
        }
    }

    FakeFirewalls(FakeDigitalOcean fake) {
        this.fake = fake;
    }

    /** How many reads a changed firewall stays {@code waiting} (0: settled at once). */
    public synchronized void settleAfterReads(int n) {
        settleAfterReads = n;
    }

    /** Every create and update body received, in order (checked against the spec's request schema). */
    public List<JsonNode> bodies() {
        return List.copyOf(bodies);
    }

    /** The firewalls' names. */
    public synchronized List<String> names() {
        return firewalls.values().stream().map(f -> f.body.path("name").asText()).toList();
    }

    /** The firewall called {@code name} as the API would answer it, or null. */
    public synchronized JsonNode byName(String name) {
        return firewalls.values().stream().filter(f -> f.body.path("name").asText().equals(name)).findFirst().map(this::json).orElse(null);
    }

    /** The names of the firewalls that cover droplet {@code id}, by tag or by id. */
    public synchronized List<String> covering(long dropletId) {
        FakeDroplet d = fake.dropletById(dropletId);
        List<String> out = new ArrayList<>();
        for (Fw f : firewalls.values()) {
            boolean byId = false;
            for (JsonNode id : f.body.path("droplet_ids")) {
                byId |= id.asLong() == dropletId;
            }
            boolean byTag = false;
            for (JsonNode t : f.body.path("tags")) {
                byTag |= d != null && d.tags.contains(t.asText());
            }
            if (byId || byTag) {
                out.add(f.body.path("name").asText());
            }
        }
        return out;
    }

    /** Called under the fake's lock. */
    MockResponse route(RecordedRequest r, String method, HttpUrl url) {
        Matcher m = PATH.matcher(url.encodedPath());
        if (!m.matches()) {
            return FakeDigitalOcean.notFound();
        }
        String id = m.group(1);
        synchronized (this) {
            if (id == null) {
                return switch (method) {
                    case "GET" -> fake.page(url, "firewalls", firewalls.values().stream().map(this::json).toList());
                    case "POST" -> write(null, FakeDigitalOcean.readQuietly(r));
                    default -> FakeDigitalOcean.notFound();
                };
            }
            Fw f = firewalls.get(id);
            if (f == null) {
                return FakeDigitalOcean.notFound();
            }
            return switch (method) {
                case "GET" -> {
                    if (f.readsUntilSettled > 0) {
                        f.readsUntilSettled--;
                    }
                    yield FakeDigitalOcean.json(200, FakeDigitalOcean.wrap("firewall", json(f)));
                }
                case "PUT" -> write(f, FakeDigitalOcean.readQuietly(r));
                case "DELETE" -> {
                    firewalls.remove(id);
                    yield new MockResponse.Builder().code(204).addHeader("content-type", "application/json; charset=utf-8").build();
                }
                default -> FakeDigitalOcean.notFound();
            };
        }
    }

    private MockResponse write(Fw existing, JsonNode body) {
        if (body != null) {
            bodies.add(body);
        }
        String problem = problem(body);
        if (problem != null) {
            return FakeDigitalOcean.json(400, FakeJson.error("bad_request", problem));
        }
        ObjectNode kept = FakeJson.M.createObjectNode();
        kept.put("name", body.get("name").asText());
        // What an update leaves out is reset, as the spec warns.
        kept.set("inbound_rules", body.path("inbound_rules").isArray() ? body.get("inbound_rules").deepCopy() : FakeJson.M.createArrayNode());
        kept.set("outbound_rules", body.path("outbound_rules").isArray() ? body.get("outbound_rules").deepCopy() : FakeJson.M.createArrayNode());
        kept.set("droplet_ids", body.path("droplet_ids").isArray() ? body.get("droplet_ids").deepCopy() : FakeJson.M.createArrayNode());
        kept.set("tags", body.path("tags").isArray() ? body.get("tags").deepCopy() : FakeJson.M.createArrayNode());
        Fw f = existing;
        if (f == null) {
            f = new Fw(String.format("bb4b2611-3d72-467b-8602-%012d", nextId++), "2026-12-01T17:00:00Z");
            firewalls.put(f.id, f);
        }
        f.body = kept;
        f.readsUntilSettled = settleAfterReads;
        return FakeDigitalOcean.json(existing == null ? 202 : 200, FakeDigitalOcean.wrap("firewall", json(f)));
    }

    private String problem(JsonNode body) {
        if (body == null || !body.isObject()) {
            return "the body is not a JSON object";
        }
        String name = body.path("name").asText("");
        if (!NAME.matcher(name).matches()) {
            return "name must begin with an alphanumeric character, followed by alphanumerics, '.' or '-'";
        }
        if (!body.path("inbound_rules").isArray() && !body.path("outbound_rules").isArray()) {
            return "must contain at least one inbound or outbound rule";
        }
        for (String key : List.of("inbound_rules", "outbound_rules")) {
            String target = key.startsWith("in") ? "sources" : "destinations";
            for (JsonNode rule : body.path(key)) {
                if (!List.of("tcp", "udp", "icmp").contains(rule.path("protocol").asText())) {
                    return key + ": protocol must be tcp, udp or icmp";
                }
                if (!rule.path("protocol").asText().equals("icmp") && !rule.path("ports").isTextual()) {
                    return key + ": ports is required";
                }
                if (!rule.path(target).isObject()) {
                    return key + ": " + target + " is required";
                }
                for (JsonNode t : rule.path(target).path("tags")) {
                    if (!fake.tags().exists(t.asText())) {
                        return "tag " + t.asText() + " does not exist";
                    }
                }
            }
        }
        for (JsonNode t : body.path("tags")) {
            if (!fake.tags().exists(t.asText())) {
                return "tag " + t.asText() + " does not exist";
            }
        }
        for (JsonNode d : body.path("droplet_ids")) {
            if (fake.dropletById(d.asLong()) == null) {
                return "droplet " + d.asText() + " does not exist";
            }
        }
        return null;
    }

    private ObjectNode json(Fw f) {
        ObjectNode n = FakeJson.M.createObjectNode();
        n.put("id", f.id);
        n.put("name", f.body.get("name").asText());
        n.put("status", f.readsUntilSettled > 0 ? "waiting" : "succeeded");
        n.set("inbound_rules", icmpPortsZero(f.body.get("inbound_rules")));
        n.set("outbound_rules", icmpPortsZero(f.body.get("outbound_rules")));
        n.put("created_at", f.createdAt);
        n.set("droplet_ids", f.body.get("droplet_ids").deepCopy());
        n.set("tags", f.body.get("tags").deepCopy());
        ArrayNode pending = n.putArray("pending_changes");
        if (f.readsUntilSettled > 0) {
            for (FakeDroplet d : fake.droplets()) {
                boolean covered = false;
                for (JsonNode t : f.body.get("tags")) {
                    covered |= d.tags.contains(t.asText());
                }
                for (JsonNode id : f.body.get("droplet_ids")) {
                    covered |= id.asLong() == d.id;
                }
                if (covered) {
                    pending.addObject().put("droplet_id", d.id).put("removing", false).put("status", "waiting");
                }
            }
        }
        return n;
    }

    /** The API says "0" as an ICMP rule's ports, whatever was sent. */
    private static ArrayNode icmpPortsZero(JsonNode rules) {
        ArrayNode out = rules.deepCopy();
        for (JsonNode r : out) {
            if ("icmp".equals(r.path("protocol").asText())) {
                ((ObjectNode) r).put("ports", "0");
            }
        }
        return out;
    }
}
