package dev.orrery.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What Orrery asks of a DigitalOcean Load Balancer: the body of a create ({@code POST}) or a full
 * update ({@code PUT}, which resets every attribute left out, so the whole settings go each time).
 * Droplets are always chosen by tag: tagging a droplet puts it behind the balancer, untagging
 * takes it out, which is how a deploy drains a server.
 */
public record LoadBalancerSettings(String name, String region, String tag, List<Rule> forwardingRules,
                                   Check healthCheck, Sticky stickySessions, boolean redirectHttpToHttps) {

    public LoadBalancerSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(tag, "tag");
        forwardingRules = List.copyOf(forwardingRules);
        if (forwardingRules.isEmpty()) {
            throw new IllegalArgumentException("a load balancer needs at least one forwarding rule");
        }
        Objects.requireNonNull(healthCheck, "healthCheck");
        Objects.requireNonNull(stickySessions, "stickySessions");
    }

    /** One forwarding rule; {@code certificateId} only on an https entry (TLS ends at the balancer). */
    public record Rule(String entryProtocol, int entryPort, String targetProtocol, int targetPort, String certificateId) {
    }

    /** The balancer's health check of each droplet, in DigitalOcean's units (seconds and counts). */
    public record Check(String protocol, int port, String path, int checkIntervalSeconds, int responseTimeoutSeconds,
                        int unhealthyThreshold, int healthyThreshold) {
    }

    /** {@code cookies} (with the cookie's name and lifetime) or {@code none}: DigitalOcean offers nothing else. */
    public record Sticky(String type, String cookieName, Integer cookieTtlSeconds) {
        public static final Sticky NONE = new Sticky("none", null, null);

        public boolean cookies() {
            return "cookies".equals(type);
        }
    }

    /** The request body the spec's {@code load_balancer_create} schema describes (droplets by tag). */
    public ObjectNode body() {
        ObjectNode b = ApiTransport.MAPPER.createObjectNode();
        b.put("name", name);
        b.put("region", region);
        b.put("tag", tag);
        ArrayNode rules = b.putArray("forwarding_rules");
        for (Rule r : forwardingRules) {
            ObjectNode n = rules.addObject();
            n.put("entry_protocol", r.entryProtocol()).put("entry_port", r.entryPort())
                    .put("target_protocol", r.targetProtocol()).put("target_port", r.targetPort());
            if (r.certificateId() != null) {
                n.put("certificate_id", r.certificateId());
            }
            n.put("tls_passthrough", false);
        }
        ObjectNode h = b.putObject("health_check");
        h.put("protocol", healthCheck.protocol()).put("port", healthCheck.port()).put("path", healthCheck.path())
                .put("check_interval_seconds", healthCheck.checkIntervalSeconds())
                .put("response_timeout_seconds", healthCheck.responseTimeoutSeconds())
                .put("unhealthy_threshold", healthCheck.unhealthyThreshold())
                .put("healthy_threshold", healthCheck.healthyThreshold());
        ObjectNode s = b.putObject("sticky_sessions");
        s.put("type", stickySessions.type());
        if (stickySessions.cookies()) {
            s.put("cookie_name", stickySessions.cookieName());
            s.put("cookie_ttl_seconds", stickySessions.cookieTtlSeconds());
        }
        b.put("redirect_http_to_https", redirectHttpToHttps);
        return b;
    }

    /** The settings a balancer the API returned has (what {@link #body()} would ask for to keep them). */
    static LoadBalancerSettings read(JsonNode lb) {
        List<Rule> rules = new ArrayList<>();
        for (JsonNode r : lb.path("forwarding_rules")) {
            rules.add(new Rule(r.path("entry_protocol").asText(), r.path("entry_port").asInt(), r.path("target_protocol").asText(),
                    r.path("target_port").asInt(), r.hasNonNull("certificate_id") && !r.get("certificate_id").asText().isEmpty()
                    ? r.get("certificate_id").asText() : null));
        }
        JsonNode h = lb.path("health_check");
        Check check = new Check(h.path("protocol").asText("http"), h.path("port").asInt(80), h.path("path").asText("/"),
                h.path("check_interval_seconds").asInt(10), h.path("response_timeout_seconds").asInt(5),
                h.path("unhealthy_threshold").asInt(5), h.path("healthy_threshold").asInt(3));
        JsonNode s = lb.path("sticky_sessions");
        Sticky sticky = "cookies".equals(s.path("type").asText())
                ? new Sticky("cookies", s.path("cookie_name").asText(null), s.hasNonNull("cookie_ttl_seconds") ? s.get("cookie_ttl_seconds").asInt() : null)
                : Sticky.NONE;
        JsonNode region = lb.path("region");
        String slug = region.isTextual() ? region.asText() : region.path("slug").asText("");
        return new LoadBalancerSettings(lb.path("name").asText(""), slug, lb.path("tag").asText(""),
                rules.isEmpty() ? List.of(new Rule("http", 80, "http", 80, null)) : rules, check, sticky,
                lb.path("redirect_http_to_https").asBoolean(false));
    }
}
