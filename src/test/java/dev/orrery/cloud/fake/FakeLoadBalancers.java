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
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fake's Load Balancers API: create (202, status {@code new} with no address, {@code active}
 * with one after a few reads), list, get, a full update by PUT (what the PUT leaves out goes back
 * to its default, as the spec warns), and delete (204). Droplets are chosen by tag or by id;
 * by tag, {@code droplet_ids} is worked out at each read from the droplets carrying the tag now,
 * so tagging and untagging ({@link FakeTags}) move droplets in and out as on DigitalOcean.
 * Bodies the API would refuse answer 422: no forwarding rule, an https entry without a
 * certificate, cookie stickiness without its cookie, both or neither of tag and droplet_ids.
 */
public final class FakeLoadBalancers {
    private static final Pattern PATH = Pattern.compile("/v2/load_balancers(?:/([^/]+))?");
    private static final Set<String> ENTRY = Set.of("http", "https", "http2", "http3", "tcp", "udp");
    private static final Set<String> TARGET = Set.of("http", "https", "http2", "tcp", "udp");

    private final FakeDigitalOcean fake;
    private final Map<String, Lb> lbs = new LinkedHashMap<>();
    private final List<JsonNode> bodies = new java.util.concurrent.CopyOnWriteArrayList<>();
    private int next = 1;
    private int readsUntilActive = 2;

    private static final class Lb {
        final String id;
        final String createdAt;
        ObjectNode settings;
        String status = "new";
        String ip = "";
        int readsLeft;

        Lb(String id, String createdAt, ObjectNode settings, int reads) {
            this.id = id; this.createdAt = createdAt; this.settings = settings; this.readsLeft = reads;
        }
    }

    FakeLoadBalancers(FakeDigitalOcean fake) {
        this.fake = fake;
    }

    /** How many reads a new balancer stays {@code new} before it is {@code active} (0: active at once). */
    public synchronized void readsUntilActive(int n) {
        readsUntilActive = n;
    }

    /** Makes a balancer report {@code errored} (DigitalOcean could not build it). */
    public synchronized void error(String id) {
        lbs.get(id).status = "errored";
    }

    /** The droplets behind a balancer now, as the API would list them. */
    public List<Long> dropletIds(String id) {
        ObjectNode settings;
        synchronized (this) {
            Lb lb = lbs.get(id);
            settings = lb == null ? null : lb.settings;
        }
        return settings == null ? List.of() : members(settings); // outside this lock: members takes the fake's
    }

    public synchronized Optional<String> idByName(String name) {
        return lbs.values().stream().filter(l -> name.equals(l.settings.path("name").asText())).map(l -> l.id).findFirst();
    }

    public synchronized int count() {
        return lbs.size();
    }

    /** Every create and update body received, in order. */
    public List<JsonNode> bodies() {
        return List.copyOf(bodies);
    }

    /** Called under the fake's lock. */
    MockResponse route(RecordedRequest r, String method, HttpUrl url) {
        Matcher m = PATH.matcher(url.encodedPath());
        if (!m.matches()) {
            return FakeDigitalOcean.notFound();
        }
        String id = m.group(1);
        if (id == null) {
            return switch (method) {
                case "GET" -> fake.page(url, "load_balancers", all());
                case "POST" -> create(FakeDigitalOcean.readQuietly(r));
                default -> FakeDigitalOcean.notFound();
            };
        }
        Lb lb;
        synchronized (this) {
            lb = lbs.get(id);
        }
        if (lb == null) {
            return FakeDigitalOcean.notFound();
        }
        return switch (method) {
            case "GET" -> FakeDigitalOcean.json(200, FakeDigitalOcean.wrap("load_balancer", json(read(lb))));
            case "PUT" -> update(lb, FakeDigitalOcean.readQuietly(r));
            case "DELETE" -> {
                synchronized (this) {
                    lbs.remove(id);
                }
                yield new MockResponse.Builder().code(204).build();
            }
            default -> FakeDigitalOcean.notFound();
        };
    }

    private synchronized List<ObjectNode> all() {
        List<ObjectNode> out = new ArrayList<>();
        lbs.values().forEach(l -> out.add(json(read(l))));
        return out;
    }

    private MockResponse create(JsonNode body) {
        bodies.add(body == null ? FakeJson.M.nullNode() : body);
        Optional<String> refused = refuse(body);
        if (refused.isPresent()) {
            return FakeDigitalOcean.json(422, FakeJson.error("unprocessable_entity", refused.get()));
        }
        Lb lb;
        synchronized (this) {
            String id = String.format("4de7ac8b-495b-4884-9a69-%012d", next++);
            lb = new Lb(id, "2026-12-01T17:00:00Z", withDefaults((ObjectNode) body), readsUntilActive);
            if (readsUntilActive == 0) {
                activate(lb);
            }
            lbs.put(id, lb);
        }
        return FakeDigitalOcean.json(202, FakeDigitalOcean.wrap("load_balancer", json(lb)));
    }

    private MockResponse update(Lb lb, JsonNode body) {
        bodies.add(body == null ? FakeJson.M.nullNode() : body);
        Optional<String> refused = refuse(body);
        if (refused.isPresent()) {
            return FakeDigitalOcean.json(422, FakeJson.error("unprocessable_entity", refused.get()));
        }
        if (!body.path("region").asText().equals(lb.settings.path("region").asText())) {
            return FakeDigitalOcean.json(422, FakeJson.error("unprocessable_entity", "a load balancer's region cannot change"));
        }
        synchronized (this) {
            lb.settings = withDefaults((ObjectNode) body); // a PUT replaces everything: what it leaves out is reset
        }
        return FakeDigitalOcean.json(200, FakeDigitalOcean.wrap("load_balancer", json(lb)));
    }

    private synchronized Lb read(Lb lb) {
        if (lb.status.equals("new") && --lb.readsLeft <= 0) {
            activate(lb);
        }
        return lb;
    }

    private void activate(Lb lb) {
        lb.status = "active";
        // documentation addresses only
        lb.ip = "203.0.113." + (200 + lbs.size() % 50);
    }

    private Optional<String> refuse(JsonNode b) {
        if (b == null || !b.isObject()) {
            return Optional.of("the body must be a load balancer object");
        }
        if (b.path("name").asText("").isEmpty()) {
            return Optional.of("name is required");
        }
        if (!List.of(FakeDigitalOcean.REGIONS).contains(b.path("region").asText(""))) {
            return Optional.of("region must be a region slug");
        }
        boolean byTag = b.hasNonNull("tag") && !b.get("tag").asText().isEmpty();
        boolean byIds = b.has("droplet_ids");
        if (byTag == byIds) {
            return Optional.of("exactly one of tag and droplet_ids is required");
        }
        JsonNode rules = b.path("forwarding_rules");
        if (!rules.isArray() || rules.isEmpty()) {
            return Optional.of("at least one forwarding rule is required");
        }
        for (JsonNode r : rules) {
            if (!ENTRY.contains(r.path("entry_protocol").asText()) || !TARGET.contains(r.path("target_protocol").asText())
                    || !r.path("entry_port").isInt() || !r.path("target_port").isInt()) {
                return Optional.of("a forwarding rule needs entry_protocol, entry_port, target_protocol and target_port");
            }
            boolean tlsEnds = r.path("entry_protocol").asText().startsWith("http") && !r.path("entry_protocol").asText().equals("http")
                    && !r.path("tls_passthrough").asBoolean(false);
            if (tlsEnds && r.path("certificate_id").asText("").isEmpty()) {
                return Optional.of("an " + r.path("entry_protocol").asText() + " forwarding rule needs a certificate_id or tls_passthrough");
            }
        }
        JsonNode s = b.path("sticky_sessions");
        if (s.path("type").asText("none").equals("cookies")
                && (s.path("cookie_name").asText("").isEmpty() || !s.path("cookie_ttl_seconds").isInt())) {
            return Optional.of("cookie sticky sessions need cookie_name and cookie_ttl_seconds");
        }
        JsonNode h = b.path("health_check");
        if (!h.isMissingNode() && (h.path("check_interval_seconds").asInt(10) < 3 || h.path("response_timeout_seconds").asInt(5) < 3
                || h.path("unhealthy_threshold").asInt(5) < 2 || h.path("healthy_threshold").asInt(3) < 2)) {
            return Optional.of("health check interval and timeout must be at least 3 s, thresholds at least 2");
        }
        return Optional.empty();
    }

    /** The settings as DigitalOcean keeps them: the request, with the spec's defaults for what it left out. */
    private static ObjectNode withDefaults(ObjectNode body) {
        ObjectNode s = body.deepCopy();
        ObjectNode h = s.has("health_check") ? (ObjectNode) s.get("health_check") : s.putObject("health_check");
        h.put("protocol", h.path("protocol").asText("http"));
        h.put("port", h.path("port").asInt(80));
        h.put("path", h.path("path").asText("/"));
        h.put("check_interval_seconds", h.path("check_interval_seconds").asInt(10));
        h.put("response_timeout_seconds", h.path("response_timeout_seconds").asInt(5));
        h.put("unhealthy_threshold", h.path("unhealthy_threshold").asInt(5));
        h.put("healthy_threshold", h.path("healthy_threshold").asInt(3));
        if (!s.has("sticky_sessions")) {
            s.putObject("sticky_sessions").put("type", "none");
        }
        s.put("redirect_http_to_https", s.path("redirect_http_to_https").asBoolean(false));
        return s;
    }

    private List<Long> members(ObjectNode settings) {
        if (settings.has("droplet_ids")) {
            List<Long> ids = new ArrayList<>();
            settings.get("droplet_ids").forEach(n -> ids.add(n.asLong()));
            return ids;
        }
        String tag = settings.path("tag").asText();
        return fake.droplets().stream().filter(d -> d.tags().contains(tag)).map(FakeDroplet::id).toList();
    }

    private ObjectNode json(Lb lb) {
        ObjectNode n = FakeJson.M.createObjectNode();
        n.put("id", lb.id);
        n.put("name", lb.settings.path("name").asText());
        n.put("project_id", "746c6152-2fa2-11ed-92d3-27aaa54e4988");
        n.put("ip", lb.ip);
        n.put("size_unit", 1);
        n.put("status", lb.status);
        n.put("created_at", lb.createdAt);
        n.set("forwarding_rules", lb.settings.get("forwarding_rules").deepCopy());
        n.set("health_check", lb.settings.get("health_check").deepCopy());
        n.set("sticky_sessions", lb.settings.get("sticky_sessions").deepCopy());
        n.put("redirect_http_to_https", lb.settings.get("redirect_http_to_https").asBoolean());
        n.put("enable_proxy_protocol", false);
        n.put("enable_backend_keepalive", false);
        n.put("http_idle_timeout_seconds", 60);
        n.put("disable_lets_encrypt_dns_records", false);
        n.put("network", "EXTERNAL");
        n.put("network_stack", "IPV4");
        n.put("type", "REGIONAL");
        n.set("region", FakeJson.region(lb.settings.path("region").asText()));
        ArrayNode ids = n.putArray("droplet_ids");
        members(lb.settings).forEach(ids::add);
        if (lb.settings.hasNonNull("tag")) {
            n.put("tag", lb.settings.get("tag").asText());
        }
        return n;
    }
}
