package dev.orrery.cloud.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of answer the fake gives matches the response schema the OpenAPI spec documents for it. */
class SpecConformanceTest {
    private static final String TOKEN = SpecCheckedApi.TOKEN;
    private static final SpecSchemas spec = SpecCheckedApi.spec();
    @RegisterExtension
    final SpecCheckedApi api = new SpecCheckedApi();
    private final FakeDigitalOcean fake = api.fake;

    @Test
    void createAnswers202WithEmptyNetworksThatFillInOnceTheActionCompletes() throws IOException {
        fake.actionPolls(3); // every GET of the droplet or its action moves the create one step on
        JsonNode created = call("POST", "/v2/droplets", createBody("app-3"), "/v2/droplets", "post", 202);
        assertThat(created.at("/droplet/networks/v4")).isEmpty();
        long id = created.at("/droplet/id").asLong();
        long action = created.at("/links/actions/0/id").asLong();

        JsonNode before = call("GET", "/v2/droplets/" + id, null, "/v2/droplets/{droplet_id}", "get", 200);
        assertThat(before.at("/droplet/status").asText()).isEqualTo("new");
        JsonNode inProgress = call("GET", "/v2/actions/" + action, null, "/v2/actions/{action_id}", "get", 200);
        assertThat(inProgress.at("/action/status").asText()).isEqualTo("in-progress");
        assertThat(inProgress.at("/action/completed_at").isNull()).isTrue();
        JsonNode done = call("GET", "/v2/actions/" + action, null, "/v2/actions/{action_id}", "get", 200);
        assertThat(done.at("/action/status").asText()).isEqualTo("completed");

        JsonNode after = call("GET", "/v2/droplets/" + id, null, "/v2/droplets/{droplet_id}", "get", 200);
        assertThat(after.at("/droplet/status").asText()).isEqualTo("active");
        assertThat(after.at("/droplet/networks/v4").findValuesAsText("type")).containsExactlyInAnyOrder("public", "private");
    }

    @Test
    void listsArePagedWithLinksAndMeta() throws IOException {
        fake.droplet("app-1", List.of("orrery"));
        fake.droplet("app-2", List.of("orrery"));
        fake.droplet("app-3", List.of("orrery"));
        JsonNode p1 = call("GET", "/v2/droplets?per_page=1", null, "/v2/droplets", "get", 200);
        assertThat(p1.at("/links/pages/next").asText()).contains("page=2");
        assertThat(p1.at("/meta/total").asInt()).isEqualTo(3);
        JsonNode p3 = call("GET", "/v2/droplets?per_page=1&page=3", null, "/v2/droplets", "get", 200);
        assertThat(p3.at("/links/pages").has("next")).isFalse();
        assertThat(p3.at("/links/pages/prev").asText()).contains("page=2");
    }

    @Test
    void dropletsByTagArePagedAndCarryTheirImagePrivateNetworkAndVpc() throws IOException {
        FakeVpc vpc = fake.vpc("crater-nyc3", "nyc3", "10.0.1.0/24");
        FakeImage base = fake.distributionImage("ubuntu-16-04-x64", "Ubuntu");
        long snapshot = fake.baseImage().id();
        for (int i = 1; i <= 3; i++) {
            fake.droplet("crater-app-" + i, List.of("crater"), "nyc3", "s-2vcpu-2gb", snapshot, vpc.id(), true);
        }
        fake.droplet("crater-lb", List.of("crater", "balancer"), "nyc3", "s-1vcpu-1gb", base.id(), vpc.id(), true);
        fake.droplet("old-box", List.of("legacy"), "fra1", "s-1vcpu-1gb", base.id(), null, false);
        JsonNode p1 = call("GET", "/v2/droplets?tag_name=crater&per_page=2", null, "/v2/droplets", "get", 200);
        assertThat(p1.at("/droplets")).hasSize(2);
        assertThat(p1.at("/meta/total").asInt()).isEqualTo(4);
        assertThat(p1.at("/links/pages/next").asText()).contains("tag_name=crater").contains("page=2");
        JsonNode p2 = call("GET", "/v2/droplets?tag_name=crater&per_page=2&page=2", null, "/v2/droplets", "get", 200);
        assertThat(p2.at("/droplets/1/name").asText()).isEqualTo("crater-lb");
        assertThat(p2.at("/droplets/1/image/type").asText()).isEqualTo("base");
        assertThat(p2.at("/droplets/1/image/slug").asText()).isEqualTo("ubuntu-16-04-x64");
        assertThat(p1.at("/droplets/0/image/type").asText()).isEqualTo("snapshot");
        assertThat(p1.at("/droplets/0/vpc_uuid").asText()).isEqualTo(vpc.id());
        JsonNode legacy = call("GET", "/v2/droplets?tag_name=legacy", null, "/v2/droplets", "get", 200);
        assertThat(legacy.at("/droplets/0/networks/v4").findValuesAsText("type")).containsExactly("public");
        JsonNode vpcs = call("GET", "/v2/vpcs", null, "/v2/vpcs", "get", 200);
        assertThat(vpcs.at("/vpcs/0/ip_range").asText()).isEqualTo("10.0.1.0/24");
        assertThat(vpcs.at("/vpcs/0/default").asBoolean()).isTrue();
    }

    @Test
    void actionsOnADropletAnswer201() throws IOException {
        long id = fake.droplet("app-1", List.of()).id();
        for (String type : List.of("shutdown", "power_off", "power_on")) {
            ObjectNode body = FakeJson.M.createObjectNode().put("type", type);
            call("POST", "/v2/droplets/" + id + "/actions", body, "/v2/droplets/{droplet_id}/actions", "post", 201);
        }
        ObjectNode snap = FakeJson.M.createObjectNode().put("type", "snapshot").put("name", "nightly");
        JsonNode a = call("POST", "/v2/droplets/" + id + "/actions", snap, "/v2/droplets/{droplet_id}/actions", "post", 201);
        assertThat(a.at("/action/type").asText()).isEqualTo("snapshot");
    }

    @Test
    void snapshotIdsAreStringsAndImageIdsIntegers() throws IOException {
        JsonNode snaps = call("GET", "/v2/snapshots?resource_type=droplet", null, "/v2/snapshots", "get", 200);
        JsonNode images = call("GET", "/v2/images?private=true", null, "/v2/images", "get", 200);
        assertThat(snaps.at("/snapshots/0/id").isTextual()).isTrue();
        assertThat(images.at("/images/0/id").isIntegralNumber()).isTrue();
        assertThat(snaps.at("/snapshots/0/id").asText()).isEqualTo(images.at("/images/0/id").asText());
        String id = snaps.at("/snapshots/0/id").asText();
        call("GET", "/v2/snapshots/" + id, null, "/v2/snapshots/{snapshot_id}", "get", 200);
    }

    @Test
    void regionsSizesAndKeys() throws IOException {
        assertThat(call("GET", "/v2/regions", null, "/v2/regions", "get", 200).get("regions")).isNotEmpty();
        assertThat(call("GET", "/v2/sizes", null, "/v2/sizes", "get", 200).get("sizes")).isNotEmpty();
        assertThat(call("GET", "/v2/account/keys", null, "/v2/account/keys", "get", 200).get("ssh_keys")).isNotEmpty();
    }

    @Test
    void errorsHaveTheSpecsErrorBody() throws IOException {
        assertThat(call("GET", "/v2/droplets/999", null, "/v2/droplets/{droplet_id}", "get", 404).get("id").asText()).isEqualTo("not_found");
        fake.fault("GET /v2/droplets", Fault.rateLimited(3));
        assertThat(call("GET", "/v2/droplets", null, "/v2/droplets", "get", 429).get("id").asText()).isEqualTo("too_many_requests");
        fake.fault("GET /v2/sizes", Fault.serverError());
        call("GET", "/v2/sizes", null, "/v2/sizes", "get", 500);
        JsonNode unauthorized = callWith("wrong-token", "GET", "/v2/droplets", null, "/v2/droplets", "get", 401);
        assertThat(unauthorized.get("id").asText()).isEqualTo("unauthorized");
    }

    @Test
    void deleteAnswers204WithoutABody() throws IOException {
        long id = fake.droplet("app-1", List.of()).id();
        api.noContent("DELETE", "/v2/droplets/" + id, null);
        assertThat(spec.response("/v2/droplets/{droplet_id}", "delete", 204)).isNull();
        call("GET", "/v2/droplets/" + id, null, "/v2/droplets/{droplet_id}", "get", 404);
    }

    @Test
    void theValidatorRejectsWhatTheSpecForbids() throws IOException {
        JsonNode snaps = call("GET", "/v2/snapshots", null, "/v2/snapshots", "get", 200);
        ObjectNode wrong = snaps.deepCopy();
        ((ObjectNode) wrong.at("/snapshots/0")).put("id", 6372321); // an integer where the spec says string
        assertThat(spec.validate(wrong, spec.response("/v2/snapshots", "get", 200)))
                .anySatisfy(p -> assertThat(p).contains("snapshots[0].id").contains("expected string"));

        fake.droplet("app-1", List.of());
        ObjectNode droplets = call("GET", "/v2/droplets", null, "/v2/droplets", "get", 200).deepCopy();
        ((ObjectNode) droplets.at("/droplets/0")).remove("networks");
        ((ObjectNode) droplets.at("/droplets/0")).put("status", "running");
        assertThat(spec.validate(droplets, spec.response("/v2/droplets", "get", 200)))
                .anySatisfy(p -> assertThat(p).contains("'networks' is missing"))
                .anySatisfy(p -> assertThat(p).contains("droplets[0].status").contains("not one of"));
    }

    @Test
    void dropletMetricsAreTheSpecsMatrixAndEmptyWithoutAnAgent() throws IOException {
        FakeDroplet withAgent = fake.droplet("app-1", List.of());
        withAgent.agent(new FakeAgent(2, 0.5, 0.02, 2_000_000_000L, 1_000_000_000L, 50_000_000_000L, 20_000_000_000L, 0.7, 1.5));
        FakeDroplet bare = fake.droplet("app-2", List.of());
        String window = "&start=1767225600&end=1767225900";
        for (String metric : List.of("cpu", "memory_total", "memory_available", "filesystem_free", "filesystem_size",
                "load_1", "load_5", "load_15")) {
            String specPath = "/v2/monitoring/metrics/droplet/" + metric;
            assertThat(spec.requiredQuery(specPath, "get")).containsOnlyKeys("host_id", "start", "end");
            JsonNode r = call("GET", specPath + "?host_id=" + withAgent.id() + window, null, specPath, "get", 200);
            assertThat(r.at("/data/result/0/values")).as(metric).hasSize(6); // one point a minute, 00:00 … 00:05
            assertThat(r.at("/data/result/0/metric/host_id").asText()).isEqualTo(String.valueOf(withAgent.id()));
            JsonNode none = call("GET", specPath + "?host_id=" + bare.id() + window, null, specPath, "get", 200);
            assertThat(none.at("/data/result")).isEmpty();
        }
        JsonNode cpu = call("GET", "/v2/monitoring/metrics/droplet/cpu?host_id=" + withAgent.id() + window, null,
                "/v2/monitoring/metrics/droplet/cpu", "get", 200);
        assertThat(cpu.at("/data/result").findValuesAsText("mode")).contains("idle", "user", "steal", "system");

        String bw = "/v2/monitoring/metrics/droplet/bandwidth";
        assertThat(spec.requiredQuery(bw, "get")).containsOnlyKeys("host_id", "interface", "direction", "start", "end")
                .containsEntry("interface", List.of("private", "public")).containsEntry("direction", List.of("inbound", "outbound"));
        JsonNode in = call("GET", bw + "?host_id=" + withAgent.id() + "&interface=public&direction=inbound" + window, null, bw, "get", 200);
        assertThat(in.at("/data/result/0/metric/interface").asText()).isEqualTo("public");
        // what the spec requires, the fake requires: an answer with the spec's error body
        JsonNode missing = call("GET", bw + "?host_id=" + withAgent.id() + window, null, bw, "get", 400);
        assertThat(missing.get("id").asText()).isEqualTo("bad_request");
        JsonNode noStart = call("GET", "/v2/monitoring/metrics/droplet/cpu?host_id=" + withAgent.id(), null,
                "/v2/monitoring/metrics/droplet/cpu", "get", 400);
        assertThat(noStart.get("message").asText()).contains("start");
    }

    @Test
    void domainsAndTheirRecordsListCreateAndDelete() throws IOException {
        fake.domains().add("crater.test");
        JsonNode domains = call("GET", "/v2/domains", null, "/v2/domains", "get", 200);
        assertThat(domains.at("/domains/0/name").asText()).isEqualTo("crater.test");

        ObjectNode txt = FakeJson.M.createObjectNode();
        txt.put("type", "TXT").put("name", "_acme-challenge").put("data", "LoqXcYV8q5ONbJQxbmR7SCTNo3tiAXDfowyjxAjEuX0").put("ttl", 30);
        txt.putNull("priority").putNull("port").putNull("weight").putNull("flags").putNull("tag");
        assertThat(spec.validate(txt, spec.request("/v2/domains/{domain_name}/records", "post"))).as("request body").isEmpty();
        JsonNode created = call("POST", "/v2/domains/crater.test/records", txt, "/v2/domains/{domain_name}/records", "post", 201);
        long id = created.at("/domain_record/id").asLong();
        assertThat(created.at("/domain_record/data").asText()).isEqualTo(txt.get("data").asText());

        JsonNode listed = call("GET", "/v2/domains/crater.test/records?type=TXT&name=_acme-challenge.crater.test", null,
                "/v2/domains/{domain_name}/records", "get", 200);
        assertThat(listed.get("domain_records")).hasSize(1);
        assertThat(call("GET", "/v2/domains/crater.test/records", null, "/v2/domains/{domain_name}/records", "get", 200)
                .get("domain_records")).hasSize(4); // the three NS records a new domain has, and the TXT
        call("GET", "/v2/domains/crater.test/records/" + id, null, "/v2/domains/{domain_name}/records/{domain_record_id}", "get", 200);

        api.noContent("DELETE", "/v2/domains/crater.test/records/" + id, null);
        assertThat(spec.response("/v2/domains/{domain_name}/records/{domain_record_id}", "delete", 204)).isNull();
        call("GET", "/v2/domains/crater.test/records/" + id, null, "/v2/domains/{domain_name}/records/{domain_record_id}", "get", 404);
        call("GET", "/v2/domains/other.test/records", null, "/v2/domains/{domain_name}/records", "get", 404);
    }

    @Test
    void aRecordWithoutDataIsRefusedAsTheSpecRequires() throws IOException {
        fake.domains().add("crater.test");
        ObjectNode bad = FakeJson.M.createObjectNode().put("type", "TXT").put("name", "_acme-challenge");
        assertThat(spec.validate(bad, spec.request("/v2/domains/{domain_name}/records", "post"))).isNotEmpty();
        JsonNode json = api.send("POST", "/v2/domains/crater.test/records", bad, 422);
        assertThat(spec.validate(json, spec.response("/v2/domains/{domain_name}/records", "post", 401))).isEmpty(); // the shared error body
    }

    @Test
    void reservedIpsAreCreatedListedReadAndAssigned() throws IOException {
        long lb1 = fake.droplet("lb-1", List.of()).id();
        long lb2 = fake.droplet("lb-2", List.of()).id();
        ObjectNode toRegion = FakeJson.M.createObjectNode().put("region", "nyc3");
        assertThat(spec.validate(toRegion, spec.request("/v2/reserved_ips", "post"))).as("request body").isEmpty();
        JsonNode reserved = call("POST", "/v2/reserved_ips", toRegion, "/v2/reserved_ips", "post", 202);
        String ip = reserved.at("/reserved_ip/ip").asText();
        assertThat(reserved.at("/reserved_ip/droplet").isNull()).isTrue();

        ObjectNode toDroplet = FakeJson.M.createObjectNode().put("droplet_id", lb1);
        assertThat(spec.validate(toDroplet, spec.request("/v2/reserved_ips", "post"))).as("request body").isEmpty();
        JsonNode assigned = call("POST", "/v2/reserved_ips", toDroplet, "/v2/reserved_ips", "post", 202);
        assertThat(assigned.at("/reserved_ip/droplet/id").asLong()).isEqualTo(lb1);
        assertThat(assigned.at("/links/actions/0/id").canConvertToLong()).isTrue();

        JsonNode list = call("GET", "/v2/reserved_ips", null, "/v2/reserved_ips", "get", 200);
        assertThat(list.get("reserved_ips")).hasSize(2);
        assertThat(list.at("/meta/total").asInt()).isEqualTo(2);

        ObjectNode assign = FakeJson.M.createObjectNode().put("type", "assign").put("droplet_id", lb2);
        assertThat(spec.validate(assign, spec.request("/v2/reserved_ips/{reserved_ip}/actions", "post"))).as("request body").isEmpty();
        JsonNode action = call("POST", "/v2/reserved_ips/" + ip + "/actions", assign, "/v2/reserved_ips/{reserved_ip}/actions", "post", 201);
        assertThat(action.at("/action/type").asText()).isEqualTo("assign_ip");
        assertThat(action.at("/action/resource_type").asText()).isEqualTo("reserved_ip");
        JsonNode read = call("GET", "/v2/reserved_ips/" + ip, null, "/v2/reserved_ips/{reserved_ip}", "get", 200);
        assertThat(read.at("/reserved_ip/droplet/id").asLong()).isEqualTo(lb2);
        assertThat(fake.reservedIps().holder(ip)).isEqualTo(lb2);
        call("GET", "/v2/actions/" + action.at("/action/id").asLong(), null, "/v2/actions/{action_id}", "get", 200);

        ObjectNode unassign = FakeJson.M.createObjectNode().put("type", "unassign");
        call("POST", "/v2/reserved_ips/" + ip + "/actions", unassign, "/v2/reserved_ips/{reserved_ip}/actions", "post", 201);
        assertThat(fake.reservedIps().holder(ip)).isZero();
        assertThat(fake.reservedIps().moves()).containsExactly(assigned.at("/reserved_ip/ip").asText() + "→" + lb1,
                ip + "→" + lb2, ip + "→0");
    }

    @Test
    void reservedIpErrorsAreTheSpecsErrors() throws IOException {
        call("GET", "/v2/reserved_ips/203.0.113.99", null, "/v2/reserved_ips/{reserved_ip}", "get", 404);
        fake.reservedIps().add("203.0.113.50", "nyc3", 0);
        ObjectNode noDroplet = FakeJson.M.createObjectNode().put("type", "assign").put("droplet_id", 1);
        call("POST", "/v2/reserved_ips/203.0.113.99/actions", noDroplet, "/v2/reserved_ips/{reserved_ip}/actions", "post", 404);
        ObjectNode bad = FakeJson.M.createObjectNode().put("type", "assign");
        // The spec's anyOf lets {"type":"assign"} pass as the unassign shape; DigitalOcean refuses an assign without a droplet.
        JsonNode json = api.send("POST", "/v2/reserved_ips/203.0.113.50/actions", bad, 422);
        assertThat(spec.validate(json, spec.response("/v2/reserved_ips/{reserved_ip}/actions", "post", 401))).isEmpty();
        assertThat(fake.reservedIps().holder("203.0.113.50")).isZero();
    }

    @Test
    void firewallsByTagAreCreatedListedReadReplacedAndDeleted() throws IOException {
        long app = fake.droplet("app-1", List.of("orrery:crater:app")).id();
        long lb = fake.droplet("lb-1", List.of()).id();
        ObjectNode tag = FakeJson.M.createObjectNode().put("name", "orrery:crater:balancer");
        assertThat(spec.validate(tag, spec.request("/v2/tags", "post"))).as("request body").isEmpty();
        JsonNode made = call("POST", "/v2/tags", tag, "/v2/tags", "post", 201);
        assertThat(made.at("/tag/name").asText()).isEqualTo("orrery:crater:balancer");
        ObjectNode resources = FakeJson.M.createObjectNode();
        resources.putArray("resources").addObject().put("resource_id", String.valueOf(lb)).put("resource_type", "droplet");
        assertThat(spec.validate(resources, spec.request("/v2/tags/{tag_id}/resources", "post"))).as("request body").isEmpty();
        api.noContent("POST", "/v2/tags/orrery:crater:balancer/resources", resources);
        assertThat(spec.response("/v2/tags/{tag_id}/resources", "post", 204)).isNull();
        assertThat(call("GET", "/v2/tags/orrery:crater:balancer", null, "/v2/tags/{tag_id}", "get", 200).at("/tag/resources/droplets/count").asInt())
                .isEqualTo(1);

        ObjectNode fw = firewallBody("orrery-crater-app", "3000");
        assertThat(spec.validate(fw, spec.request("/v2/firewalls", "post"))).as("request body").isEmpty();
        JsonNode created = call("POST", "/v2/firewalls", fw, "/v2/firewalls", "post", 202);
        String id = created.at("/firewall/id").asText();
        assertThat(created.at("/firewall/status").asText()).isEqualTo("waiting");
        assertThat(created.at("/firewall/pending_changes/0/droplet_id").asLong()).isEqualTo(app);
        assertThat(call("GET", "/v2/firewalls", null, "/v2/firewalls", "get", 200).at("/firewalls/0/name").asText()).isEqualTo("orrery-crater-app");
        JsonNode settled = call("GET", "/v2/firewalls/" + id, null, "/v2/firewalls/{firewall_id}", "get", 200);
        assertThat(settled.at("/firewall/status").asText()).isEqualTo("succeeded");
        assertThat(settled.at("/firewall/pending_changes")).isEmpty();
        assertThat(fake.firewalls().covering(app)).containsExactly("orrery-crater-app");

        ObjectNode update = firewallBody("orrery-crater-app", "3001");
        assertThat(spec.validate(update, spec.request("/v2/firewalls/{firewall_id}", "put"))).as("request body").isEmpty();
        JsonNode replaced = call("PUT", "/v2/firewalls/" + id, update, "/v2/firewalls/{firewall_id}", "put", 200);
        assertThat(replaced.at("/firewall/inbound_rules/1/ports").asText()).isEqualTo("3001");
        assertThat(replaced.at("/firewall/inbound_rules/2/ports").asText()).as("icmp ports as the API says them").isEqualTo("0");

        api.noContent("DELETE", "/v2/firewalls/" + id, null);
        assertThat(spec.response("/v2/firewalls/{firewall_id}", "delete", 204)).isNull();
        call("GET", "/v2/firewalls/" + id, null, "/v2/firewalls/{firewall_id}", "get", 404);
    }

    @Test
    void aFirewallNamingATagThatDoesNotExistOrABadNameIsRefused() throws IOException {
        ObjectNode unknownTag = firewallBody("orrery-crater-app", "3000");
        assertThat(call("POST", "/v2/firewalls", unknownTag, "/v2/firewalls", "post", 400).get("message").asText()).contains("does not exist");
        fake.tags().add("orrery:crater:app");
        fake.tags().add("orrery:crater:balancer");
        ObjectNode badName = firewallBody("-crater", "3000");
        call("POST", "/v2/firewalls", badName, "/v2/firewalls", "post", 400);
        ObjectNode noRules = FakeJson.M.createObjectNode().put("name", "empty");
        assertThat(spec.validate(noRules, spec.request("/v2/firewalls", "post"))).as("the spec refuses it too").isNotEmpty();
        call("POST", "/v2/firewalls", noRules, "/v2/firewalls", "post", 400);
        call("POST", "/v2/tags", FakeJson.M.createObjectNode().put("name", "bad tag!"), "/v2/tags", "post", 400);
        assertThat(fake.firewalls().names()).isEmpty();
    }

    @Test
    void whatOrrerysClientSendsForFirewallsTagsAndDropletsIsWhatTheSpecAccepts() throws IOException {
        var client = new dev.orrery.cloud.DigitalOceanClient(dev.orrery.cloud.DigitalOceanConfig.defaults(api.server.url("/").uri())
                .withPolling(java.time.Duration.ofMillis(1), 200), new dev.orrery.cloud.ApiToken(TOKEN));
        FakeVpc vpc = fake.vpc("crater-nyc3", "nyc3", "10.0.1.0/24");
        var made = client.createDroplet(new dev.orrery.cloud.DropletRequest("app-1", "nyc3", "s-1vcpu-1gb",
                new dev.orrery.cloud.ImageRef.ById(fake.baseImage().id()), List.of(289794L), vpc.id(),
                dev.orrery.provision.ProvisionWorkflow.tags("crater"), null));
        JsonNode dropletBody = fake.createBodies().get(0);
        assertThat(spec.validate(dropletBody, spec.request("/v2/droplets", "post"))).as("droplet create body").isEmpty();
        assertThat(dropletBody.get("vpc_uuid").asText()).isEqualTo(vpc.id());
        assertThat(dropletBody.has("private_networking")).as("deprecated; the VPC gives the private address").isFalse();
        long lb = fake.droplet("lb-1", List.of()).id();
        dev.orrery.model.Cluster cluster = new dev.orrery.model.Cluster("crater", new dev.orrery.model.AppSpec("crater", 3000, null, null),
                dev.orrery.model.Balancer.defaults(), List.of(
                dev.orrery.model.Server.of("lb-1", dev.orrery.model.Role.BALANCER, "198.18.1.2").withProvider("digitalocean", String.valueOf(lb), "nyc3", null),
                dev.orrery.model.Server.of("app-1", dev.orrery.model.Role.APP, "198.18.1.3")
                        .withProvider("digitalocean", String.valueOf(made.droplet().id()), "nyc3", null)));
        var plan = dev.orrery.security.CloudFirewallPlan.forCluster(cluster, List.of("203.0.113.7"));
        var outcome = new dev.orrery.security.CloudFirewallApply(java.time.Duration.ofSeconds(30))
                .apply(client.firewalls(), client.tags(), plan, server -> { }, dev.orrery.task.Progress.NONE);
        assertThat(outcome.applied()).as(outcome.detail()).isTrue();
        assertThat(fake.firewalls().bodies()).hasSize(2).allSatisfy(b ->
                assertThat(spec.validate(b, spec.request("/v2/firewalls", "post"))).as(b.toString()).isEmpty());
        assertThat(fake.tags().bodies()).isNotEmpty().allSatisfy(e -> assertThat(spec.validate(e.getValue(),
                spec.request(e.getKey().endsWith("/resources") ? "/v2/tags/{tag_id}/resources" : "/v2/tags", "post"))).as(e.toString()).isEmpty());
    }

    private static ObjectNode firewallBody(String name, String appPort) {
        ObjectNode b = FakeJson.M.createObjectNode().put("name", name);
        var in = b.putArray("inbound_rules");
        ObjectNode ssh = in.addObject().put("protocol", "tcp").put("ports", "22");
        ssh.putObject("sources").putArray("addresses").add("203.0.113.7");
        ObjectNode appRule = in.addObject().put("protocol", "tcp").put("ports", appPort);
        appRule.putObject("sources").putArray("tags").add("orrery:crater:balancer");
        ObjectNode icmp = in.addObject().put("protocol", "icmp").put("ports", "1");
        icmp.putObject("sources").putArray("addresses").add("0.0.0.0/0");
        var out = b.putArray("outbound_rules");
        ObjectNode all = out.addObject().put("protocol", "tcp").put("ports", "0");
        all.putObject("destinations").putArray("addresses").add("0.0.0.0/0").add("::/0");
        b.putArray("tags").add("orrery:crater:app");
        b.putArray("droplet_ids");
        return b;
    }

    private static ObjectNode createBody(String name) {
        ObjectNode b = FakeJson.M.createObjectNode();
        b.put("name", name).put("region", "nyc3").put("size", "s-1vcpu-1gb").put("image", 6372321L);
        b.putArray("ssh_keys").add(289794);
        b.putArray("tags").add("orrery");
        return b;
    }

    private JsonNode call(String method, String target, JsonNode body, String specPath, String specMethod, int status) throws IOException {
        return api.call(method, target, body, specPath, specMethod, status);
    }

    private JsonNode callWith(String token, String method, String target, JsonNode body, String specPath, String specMethod,
                              int status) throws IOException {
        return api.callWith(token, method, target, body, specPath, specMethod, status);
    }
}
