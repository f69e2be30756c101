package dev.orrery.cloud.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fake's Load Balancers and tags answers, and the requests Orrery sends them, against the
 * OpenAPI spec's schemas (the managed balancer's part of {@link SpecConformanceTest}, in a class
 * of its own so the two grow without treading on each other).
 */
class LoadBalancerSpecConformanceTest {
    private static final String CERT = "892071a0-bb95-49bc-8021-3afd67a210bf";
    private static final SpecSchemas spec = SpecCheckedApi.spec();
    @RegisterExtension
    final SpecCheckedApi api = new SpecCheckedApi();
    private final FakeDigitalOcean fake = api.fake;

    /** What Orrery's client sends (LoadBalancerSettings.body has the same shape; LoadBalancersTest checks it too). */
    static ObjectNode lbBody(String name, String tag, boolean https) {
        ObjectNode b = FakeJson.M.createObjectNode();
        b.put("name", name).put("region", "nyc3").put("tag", tag);
        var rules = b.putArray("forwarding_rules");
        rules.addObject().put("entry_protocol", "http").put("entry_port", 80).put("target_protocol", "http").put("target_port", 3000)
                .put("tls_passthrough", false);
        if (https) {
            rules.addObject().put("entry_protocol", "https").put("entry_port", 443).put("target_protocol", "http").put("target_port", 3000)
                    .put("certificate_id", CERT).put("tls_passthrough", false);
        }
        b.putObject("health_check").put("protocol", "http").put("port", 3000).put("path", "/healthz")
                .put("check_interval_seconds", 3).put("response_timeout_seconds", 3).put("unhealthy_threshold", 2).put("healthy_threshold", 2);
        b.putObject("sticky_sessions").put("type", "cookies").put("cookie_name", "DO-LB").put("cookie_ttl_seconds", 3600);
        b.put("redirect_http_to_https", https);
        return b;
    }

    @Test
    void createReadUpdateListAndDeleteAsTheSpecSays() throws IOException {
        fake.droplet("app-1", List.of("orrery-crater-app"));
        fake.droplet("app-2", List.of("orrery-crater-app"));
        fake.droplet("other", List.of("else"));
        ObjectNode body = lbBody("orrery-crater", "orrery-crater-app", true);
        assertThat(spec.validate(body, spec.request("/v2/load_balancers", "post"))).as("create body").isEmpty();
        JsonNode created = call("POST", "/v2/load_balancers", body, "/v2/load_balancers", "post", 202);
        String id = created.at("/load_balancer/id").asText();
        assertThat(created.at("/load_balancer/status").asText()).isEqualTo("new");
        assertThat(created.at("/load_balancer/ip").asText()).isEmpty();
        assertThat(created.at("/load_balancer/droplet_ids")).hasSize(2);
        assertThat(created.at("/load_balancer/forwarding_rules/1/certificate_id").asText()).isEqualTo(CERT);
        assertThat(created.at("/load_balancer/sticky_sessions/type").asText()).isEqualTo("cookies");
        assertThat(created.at("/load_balancer/health_check/path").asText()).isEqualTo("/healthz");

        call("GET", "/v2/load_balancers/" + id, null, "/v2/load_balancers/{lb_id}", "get", 200);
        JsonNode active = call("GET", "/v2/load_balancers/" + id, null, "/v2/load_balancers/{lb_id}", "get", 200);
        assertThat(active.at("/load_balancer/status").asText()).isEqualTo("active");
        assertThat(active.at("/load_balancer/ip").asText()).startsWith("203.0.113.");

        ObjectNode plain = lbBody("orrery-crater", "orrery-crater-app", false);
        plain.remove("sticky_sessions");
        assertThat(spec.validate(plain, spec.request("/v2/load_balancers/{lb_id}", "put"))).as("update body").isEmpty();
        JsonNode updated = call("PUT", "/v2/load_balancers/" + id, plain, "/v2/load_balancers/{lb_id}", "put", 200);
        assertThat(updated.at("/load_balancer/forwarding_rules")).hasSize(1);
        assertThat(updated.at("/load_balancer/sticky_sessions/type").asText()).as("a PUT resets what it leaves out").isEqualTo("none");

        JsonNode list = call("GET", "/v2/load_balancers", null, "/v2/load_balancers", "get", 200);
        assertThat(list.get("load_balancers")).hasSize(1);
        assertThat(list.at("/meta/total").asInt()).isEqualTo(1);

        api.noContent("DELETE", "/v2/load_balancers/" + id, null);
        assertThat(spec.response("/v2/load_balancers/{lb_id}", "delete", 204)).isNull();
        call("GET", "/v2/load_balancers/" + id, null, "/v2/load_balancers/{lb_id}", "get", 404);
    }

    @Test
    void taggingMovesDropletsInAndOutOfABalancerByTag() throws IOException {
        long app1 = fake.droplet("app-1", List.of("orrery-crater-app")).id();
        fake.droplet("app-2", List.of("orrery-crater-app"));
        ObjectNode tag = FakeJson.M.createObjectNode().put("name", "orrery-crater-app");
        assertThat(spec.validate(tag, spec.request("/v2/tags", "post"))).isEmpty();
        call("POST", "/v2/tags", tag, "/v2/tags", "post", 201);
        String id = call("POST", "/v2/load_balancers", lbBody("orrery-crater", "orrery-crater-app", false), "/v2/load_balancers", "post", 202)
                .at("/load_balancer/id").asText();

        ObjectNode resources = FakeJson.M.createObjectNode();
        resources.putArray("resources").addObject().put("resource_id", String.valueOf(app1)).put("resource_type", "droplet");
        assertThat(spec.validate(resources, spec.request("/v2/tags/{tag_id}/resources", "delete"))).isEmpty();
        noContent("DELETE", "/v2/tags/orrery-crater-app/resources", resources);
        assertThat(spec.response("/v2/tags/{tag_id}/resources", "delete", 204)).isNull();
        JsonNode drained = call("GET", "/v2/load_balancers/" + id, null, "/v2/load_balancers/{lb_id}", "get", 200);
        assertThat(drained.at("/load_balancer/droplet_ids")).hasSize(1).noneMatch(n -> n.asLong() == app1);

        assertThat(spec.validate(resources, spec.request("/v2/tags/{tag_id}/resources", "post"))).isEmpty();
        noContent("POST", "/v2/tags/orrery-crater-app/resources", resources);
        assertThat(spec.response("/v2/tags/{tag_id}/resources", "post", 204)).isNull();
        assertThat(fake.loadBalancers().dropletIds(id)).hasSize(2).contains(app1);
        assertThat(fake.tags().changes()).containsExactly("-orrery-crater-app " + app1, "+orrery-crater-app " + app1);
        JsonNode missing = call("POST", "/v2/tags/no-such-tag/resources", resources, "/v2/tags/{tag_id}/resources", "post", 404);
        assertThat(missing.get("id").asText()).isEqualTo("not_found");
    }

    @Test
    void whatDigitalOceanRefusesIsRefusedWithTheSpecsErrorBody() throws IOException {
        ObjectNode noCert = lbBody("orrery-crater", "t", true);
        ((ObjectNode) noCert.at("/forwarding_rules/1")).remove("certificate_id");
        // The schema cannot say an https rule needs a certificate; DigitalOcean refuses it all the same.
        assertThat(spec.validate(noCert, spec.request("/v2/load_balancers", "post"))).isEmpty();
        assertThat(refused(noCert)).contains("certificate_id");
        ObjectNode cookieless = lbBody("orrery-crater", "t", false);
        ((ObjectNode) cookieless.get("sticky_sessions")).remove("cookie_name");
        assertThat(refused(cookieless)).contains("cookie_name");
        ObjectNode noRules = lbBody("orrery-crater", "t", false);
        noRules.putArray("forwarding_rules");
        assertThat(refused(noRules)).contains("forwarding rule");
        ObjectNode both = lbBody("orrery-crater", "t", false);
        both.putArray("droplet_ids").add(1);
        assertThat(refused(both)).contains("exactly one of tag and droplet_ids");
        assertThat(fake.loadBalancers().count()).isZero();
        // the validator itself rejects a body the spec forbids: a protocol it does not list
        ObjectNode badProtocol = lbBody("orrery-crater", "t", false);
        ((ObjectNode) badProtocol.at("/forwarding_rules/0")).put("entry_protocol", "ftp");
        assertThat(spec.validate(badProtocol, spec.request("/v2/load_balancers", "post"))).isNotEmpty();
    }

    private String refused(ObjectNode body) throws IOException {
        return call("POST", "/v2/load_balancers", body, "/v2/load_balancers", "post", 422).get("message").asText();
    }

    private void noContent(String method, String target, JsonNode body) throws IOException {
        api.noContent(method, target, body);
    }

    private JsonNode call(String method, String target, JsonNode body, String specPath, String specMethod, int status) throws IOException {
        return api.call(method, target, body, specPath, specMethod, status);
    }
}
