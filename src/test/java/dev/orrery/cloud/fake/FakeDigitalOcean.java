package dev.orrery.cloud.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake DigitalOcean API v2 on MockWebServer, answering as the OpenAPI spec says: 202 on a
 * create with empty {@code networks} that fill in (public and private IPv4) once the create
 * action completes; actions that go from {@code in-progress} to {@code completed} after a few
 * polls; pagination links; snapshot ids as strings in /v2/snapshots and as integers in
 * /v2/images; 401 on a wrong token; 404 and error bodies; and injected faults (429 with
 * {@code retry-after}, 5xx, stalls) per route. {@link SpecConformanceTest} checks the bodies
 * against the spec's schemas.
 */
public final class FakeDigitalOcean extends Dispatcher {
    static final String[] REGIONS = {"nyc3", "fra1", "ams3", "sfo3", "lon1"};
    static final String[] SIZES = {"s-1vcpu-1gb", "s-1vcpu-2gb", "s-2vcpu-4gb"};
    private static final Pattern ID_SEGMENT = Pattern.compile("/\\d+(?=/|$)");
    /** When every fake droplet booted, for the agent's cumulative CPU seconds. */
    static final long BOOTED = 1_700_000_000L;

    private final String token;
    private final Object lock = new Object();
    private final Map<Long, FakeDroplet> droplets = new LinkedHashMap<>();
    private final Map<Long, FakeAction> actions = new LinkedHashMap<>();
    private final Map<Long, FakeImage> images = new LinkedHashMap<>();
    private final Map<String, Deque<Fault>> faults = new LinkedHashMap<>();
    private final Map<String, FakeVpc> vpcs = new LinkedHashMap<>();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<JsonNode> createBodies = new CopyOnWriteArrayList<>();
    private final List<String> actionTypes = new CopyOnWriteArrayList<>();
    private final Map<String, String> regionNames = new java.util.concurrent.ConcurrentHashMap<>();
    private long nextDroplet = 3164444, nextAction = 7515, nextImage = 6372321;
    private int actionPolls = 2;
    private boolean shutdownIgnored;
    private String errorActionType;
    private Function<Long, String[]> addresses = n -> new String[]{"198.18.1." + (n % 250 + 1), "198.19.1." + (n % 250 + 1)};
    private volatile HttpUrl base;
    private int sshKeys = 3;
    private final FakeDomains domains = new FakeDomains(this);
    private final FakeReservedIps reservedIps = new FakeReservedIps(this);
    private final FakeLoadBalancers loadBalancers = new FakeLoadBalancers(this);
    private final FakeTags tags = new FakeTags(this);
    private final FakeFirewalls firewalls = new FakeFirewalls(this);

    public FakeDigitalOcean(String token) {
        this.token = token;
        image("orrery-base-snapshot", 0);
    }

    // ---- set-up and inspection, for tests ----

    public FakeImage image(String name, long dropletId) {
        synchronized (lock) {
            FakeImage i = new FakeImage(nextImage++, name, dropletId, List.of("nyc3", "fra1"));
            images.put(i.id, i);
            return i;
        }
    }

    public FakeDroplet droplet(String name, List<String> tags) {
        synchronized (lock) {
            FakeDroplet d = newDroplet(name, "nyc3", SIZES[0], images.keySet().iterator().next(), tags, null);
            d.status = "active";
            network(d);
            return d;
        }
    }

    /**
     * A droplet as a person made it by hand: any region, size and image (a snapshot or a base
     * image), in a VPC or not, with or without a private address. Active, with its addresses.
     */
    public FakeDroplet droplet(String name, List<String> tags, String region, String size, long imageId, String vpcUuid, boolean privateNetwork) {
        synchronized (lock) {
            FakeDroplet d = newDroplet(name, region, size, imageId, tags, vpcUuid);
            d.status = "active";
            d.privateNetwork = privateNetwork;
            network(d);
            return d;
        }
    }

    /** A public distribution image, such as {@code ubuntu-16-04-x64}. */
    public FakeImage distributionImage(String slug, String distribution) {
        synchronized (lock) {
            FakeImage i = new FakeImage(nextImage++, slug, 0, List.of(REGIONS), "base", slug, distribution);
            images.put(i.id, i);
            return i;
        }
    }

    public FakeVpc vpc(String name, String region, String ipRange) {
        synchronized (lock) {
            String id = String.format("5a4981aa-9653-4bd1-bef5-%012d", vpcs.size() + 1);
            FakeVpc v = new FakeVpc(id, name, region, ipRange, vpcs.values().stream().noneMatch(x -> x.region().equals(region)));
            vpcs.put(id, v);
            return v;
        }
    }

    public void status(long dropletId, String status) {
        synchronized (lock) {
            droplets.get(dropletId).status = status;
        }
    }

    public void fault(String route, Fault f) {
        synchronized (lock) {
            faults.computeIfAbsent(route, k -> new ArrayDeque<>()).add(f);
        }
    }

    public void actionPolls(int n) { actionPolls = n; }
    public void ignoreShutdown() { shutdownIgnored = true; }
    public void errorActions(String type) { errorActionType = type; }
    public void addresses(Function<Long, String[]> f) { addresses = f; }
    public void sshKeyCount(int n) { sshKeys = n; }
    /** What the API calls a region: any text, as far as the client knows (tests send hostile names). */
    public void regionName(String slug, String name) { regionNames.put(slug, name); }

    /** The Domains API's state: add a domain, watch TXT records come and go. */
    public FakeDomains domains() { return domains; }

    /** The Reserved IPs API's state: make addresses, watch them move between droplets. */
    public FakeReservedIps reservedIps() { return reservedIps; }

    /** The Load Balancers API's state: the balancers, their droplets (by tag), their status. */
    public FakeLoadBalancers loadBalancers() { return loadBalancers; }


    /** The Tags API's state: which tags exist. */
    public FakeTags tags() { return tags; }

    /** The Cloud Firewalls API's state: which firewalls cover which droplets. */
    public FakeFirewalls firewalls() { return firewalls; }

    public List<FakeDroplet> droplets() {
        synchronized (lock) {
            return List.copyOf(droplets.values());
        }
    }

    /** The account's snapshots (distribution images are not the account's). */
    public List<FakeImage> images() {
        synchronized (lock) {
            return images.values().stream().filter(FakeImage::isSnapshot).toList();
        }
    }

    public FakeImage baseImage() {
        return images().get(0);
    }

    /** "METHOD /path" of every request, in order. */
    public List<String> requests() { return List.copyOf(log); }

    public long count(String methodAndPath) { return log.stream().filter(methodAndPath::equals).count(); }

    public List<JsonNode> createBodies() { return List.copyOf(createBodies); }

    /** The type of every droplet action asked for, in order. */
    public List<String> actionTypes() { return List.copyOf(actionTypes); }

    // ---- the API ----

    @Override
    public MockResponse dispatch(RecordedRequest r) throws InterruptedException {
        HttpUrl url = r.getUrl();
        base = url.newBuilder().encodedPath("/").query(null).build();
        String path = url.encodedPath();
        log.add(r.getMethod() + " " + path);
        if (!("Bearer " + token).equals(r.getHeaders().get("Authorization"))) {
            return json(401, FakeJson.error("unauthorized", "Unable to authenticate you."));
        }
        String route = r.getMethod() + " " + ID_SEGMENT.matcher(path).replaceAll("/{id}");
        Fault fault;
        synchronized (lock) {
            Deque<Fault> q = faults.get(route);
            fault = q != null ? q.poll() : null;
        }
        if (fault != null && !fault.afterWork()) {
            MockResponse.Builder b = new MockResponse.Builder().code(fault.status())
                    .addHeader("content-type", "application/json; charset=utf-8")
                    .body(FakeJson.error(fault.errorId(), fault.message()).toString());
            fault.headers().forEach(b::addHeader);
            return b.build();
        }
        MockResponse answer;
        try {
            synchronized (lock) {
                answer = route(r, route, url);
            }
        } catch (IOException e) {
            answer = json(400, FakeJson.error("bad_request", "body is not JSON"));
        }
        if (fault != null) {
            answer = new MockResponse.Builder(answer).headersDelay(fault.stallMillis(), TimeUnit.MILLISECONDS).build();
        }
        return answer;
    }

    private MockResponse route(RecordedRequest r, String route, HttpUrl url) throws IOException {
        String path = url.encodedPath();
        if (path.startsWith("/v2/domains")) {
            return domains.route(r, r.getMethod(), url);
        }
        if (path.startsWith("/v2/reserved_ips")) {
            return reservedIps.route(r, r.getMethod(), url);
        }
        if (path.startsWith("/v2/load_balancers")) {
            return loadBalancers.route(r, r.getMethod(), url);
        }
        if (path.startsWith("/v2/firewalls")) {
            return firewalls.route(r, r.getMethod(), url);
        }
        if (path.startsWith("/v2/tags")) {
            return tags.route(r, r.getMethod(), url);
        }
        Matcher id = Pattern.compile("/(\\d+)").matcher(path);
        long first = id.find() ? Long.parseLong(id.group(1)) : -1;
        return switch (route) {
            case "POST /v2/droplets" -> create(FakeJson.M.readTree(r.getBody().utf8()));
            case "GET /v2/droplets" -> page(url, "droplets", filtered(url));
            case "GET /v2/droplets/{id}" -> withDroplet(first, d -> {
                advanceCreate(d);
                return json(200, wrap("droplet", FakeJson.droplet(d, this)));
            });
            case "DELETE /v2/droplets/{id}" -> withDroplet(first, d -> {
                droplets.remove(d.id);
                return new MockResponse.Builder().code(204).addHeader("content-type", "application/json; charset=utf-8").build();
            });
            case "POST /v2/droplets/{id}/actions" -> withDroplet(first, d -> dropletAction(d, readQuietly(r)));
            case "GET /v2/actions/{id}" -> {
                FakeAction a = actions.get(first);
                yield a == null ? notFound() : json(200, wrap("action", FakeJson.action(poll(a))));
            }
            case "GET /v2/snapshots" -> page(url, "snapshots", images.values().stream().filter(FakeImage::isSnapshot).map(FakeJson::snapshot).toList());
            case "GET /v2/snapshots/{id}" -> {
                FakeImage i = images.get(first);
                yield i == null ? notFound() : json(200, wrap("snapshot", FakeJson.snapshot(i)));
            }
            case "GET /v2/images" -> page(url, "images", images.values().stream()
                    .filter(i -> !"true".equals(url.queryParameter("private")) || i.isSnapshot()).map(FakeJson::image).toList());
            case "GET /v2/vpcs" -> page(url, "vpcs", vpcs.values().stream().map(FakeJson::vpc).toList());
            case "GET /v2/regions" -> page(url, "regions", List.of(REGIONS).stream().map(slug -> FakeJson.region(slug, regionNames.getOrDefault(slug, "Region " + slug))).toList());
            case "GET /v2/sizes" -> page(url, "sizes", List.of(SIZES).stream().map(FakeJson::size).toList());
            case "GET /v2/account/keys" -> {
                List<ObjectNode> keys = new ArrayList<>();
                for (int k = 0; k < sshKeys; k++) {
                    keys.add(FakeJson.sshKey(289794 + k, "key-" + k));
                }
                yield page(url, "ssh_keys", keys);
            }
            default -> route.startsWith("GET /v2/monitoring/metrics/droplet/") ? metric(url) : notFound();
        };
    }

    /**
     * The Monitoring API's droplet metrics: one point a minute in [start, end], labels as the spec's
     * examples show them; no series at all for a droplet without an agent (or an unknown one).
     * Missing or bad query parameters answer 400, as the spec marks them required.
     */
    private MockResponse metric(HttpUrl url) {
        String metric = url.pathSegments().get(url.pathSize() - 1);
        java.util.Set<String> known = java.util.Set.of("cpu", "memory_total", "memory_available", "memory_free", "memory_cached",
                "filesystem_free", "filesystem_size", "load_1", "load_5", "load_15", "bandwidth");
        if (!known.contains(metric)) {
            return notFound();
        }
        long host;
        long start;
        long end;
        try {
            host = Long.parseLong(require(url, "host_id"));
            start = Long.parseLong(require(url, "start"));
            end = Long.parseLong(require(url, "end"));
        } catch (IllegalArgumentException e) {
            return json(400, FakeJson.error("bad_request", e.getMessage()));
        }
        String iface = url.queryParameter("interface");
        String direction = url.queryParameter("direction");
        if (metric.equals("bandwidth") && (!java.util.List.of("public", "private").contains(String.valueOf(iface))
                || !java.util.List.of("inbound", "outbound").contains(String.valueOf(direction)))) {
            return json(400, FakeJson.error("bad_request", "interface must be public or private and direction inbound or outbound"));
        }
        ObjectNode body = FakeJson.M.createObjectNode();
        body.put("status", "success");
        ObjectNode data = body.putObject("data");
        data.put("resultType", "matrix");
        ArrayNode result = data.putArray("result");
        FakeDroplet d = droplets.get(host);
        FakeAgent a = d == null ? null : d.agent;
        if (a == null || end < start) {
            return json(200, body);
        }
        java.util.function.BiFunction<java.util.Map<String, String>, java.util.function.LongFunction<Double>, Void> series = (labels, value) -> {
            ObjectNode r = result.addObject();
            ObjectNode m = r.putObject("metric");
            m.put("host_id", String.valueOf(host));
            labels.forEach(m::put);
            ArrayNode values = r.putArray("values");
            for (long t = (start + 59) / 60 * 60; t <= end; t += 60) {
                ArrayNode p = values.addArray();
                p.add(t);
                p.add(String.format(java.util.Locale.ROOT, "%.2f", value.apply(t)));
            }
            return null;
        };
        switch (metric) {
            case "cpu" -> {
                double idle = 1 - a.cpuBusy();
                double user = a.cpuBusy() - a.steal();
                for (String mode : java.util.List.of("idle", "iowait", "irq", "nice", "softirq", "steal", "system", "user")) {
                    double share = switch (mode) {
                        case "idle" -> idle;
                        case "steal" -> a.steal();
                        case "user" -> user;
                        default -> 0;
                    };
                    // seconds spent in this mode since the droplet booted, over all vCPUs, as node_exporter counts them
                    series.apply(java.util.Map.of("mode", mode), t -> (t - BOOTED) * share * a.vcpus());
                }
            }
            case "memory_total" -> series.apply(java.util.Map.of(), t -> (double) a.memoryTotal());
            case "memory_available", "memory_free" -> series.apply(java.util.Map.of(), t -> (double) a.memoryAvailable());
            case "memory_cached" -> series.apply(java.util.Map.of(), t -> 0.0);
            case "filesystem_size", "filesystem_free" -> series.apply(java.util.Map.of("device", "/dev/vda1", "fstype", "ext4", "mountpoint", "/"),
                    t -> (double) (metric.equals("filesystem_size") ? a.filesystemSize() : a.filesystemFree()));
            case "load_1", "load_5", "load_15" -> series.apply(java.util.Map.of(), t -> a.load1());
            case "bandwidth" -> series.apply(java.util.Map.of("interface", iface, "direction", direction), t -> a.bandwidthMbps());
            default -> { }
        }
        return json(200, body);
    }

    private static String require(HttpUrl url, String name) {
        String v = url.queryParameter(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("the query parameter " + name + " is required");
        }
        return v;
    }

    private MockResponse create(JsonNode body) {
        createBodies.add(body);
        String name = body.path("name").asText(null);
        JsonNode image = body.get("image");
        if (name == null || body.path("size").asText("").isEmpty() || image == null) {
            return json(422, FakeJson.error("unprocessable_entity", "name, size and image are required"));
        }
        // A string image is a slug; the fake has only private images, reached by integer id.
        if (!image.isIntegralNumber() || !images.containsKey(image.asLong())) {
            return json(422, FakeJson.error("unprocessable_entity", "You specified an invalid image for Droplet creation."));
        }
        List<String> tags = new ArrayList<>();
        body.path("tags").forEach(t -> tags.add(t.asText()));
        FakeDroplet d = newDroplet(name, body.path("region").asText("nyc3"), body.path("size").asText(), image.asLong(), tags,
                body.path("vpc_uuid").asText(null));
        FakeAction a = newAction("create", d, () -> {
            d.status = "active";
            network(d);
        });
        ObjectNode answer = wrap("droplet", FakeJson.droplet(d, this));
        ObjectNode links = answer.putObject("links");
        ObjectNode link = links.putArray("actions").addObject();
        link.put("id", a.id);
        link.put("rel", "create");
        link.put("href", base.resolve("v2/actions/" + a.id).toString());
        return json(202, answer);
    }

    private MockResponse dropletAction(FakeDroplet d, JsonNode body) {
        String type = body == null ? "" : body.path("type").asText("");
        actionTypes.add(type);
        Runnable effect = switch (type) {
            case "shutdown" -> () -> { if (!shutdownIgnored) d.status = "off"; };
            case "power_off" -> () -> d.status = "off";
            case "power_on" -> () -> d.status = "active";
            case "snapshot" -> () -> {
                FakeImage i = image(body.path("name").asText("snapshot-" + d.id), d.id);
                d.snapshotIds.add(i.id);
            };
            default -> null;
        };
        if (effect == null) {
            return json(422, FakeJson.error("unprocessable_entity", "unknown action type \"" + type + "\""));
        }
        FakeAction a = newAction(type, d, effect);
        a.willError = type.equals(errorActionType);
        return json(201, wrap("action", FakeJson.action(a)));
    }

    private FakeAction poll(FakeAction a) {
        if (a.status.equals("in-progress") && --a.pollsLeft <= 0) {
            if (a.willError) {
                a.status = "errored";
            } else {
                a.status = "completed";
                a.effect.run();
            }
        }
        return a;
    }

    /** A droplet polled without its action (adopted after an ambiguous create) still boots. */
    private void advanceCreate(FakeDroplet d) {
        actions.values().stream().filter(a -> a.dropletId == d.id && a.type.equals("create") && a.status.equals("in-progress"))
                .findFirst().ifPresent(this::poll);
    }

    private List<ObjectNode> filtered(HttpUrl url) {
        String name = url.queryParameter("name");
        String tag = url.queryParameter("tag_name");
        return droplets.values().stream()
                .filter(d -> name == null || d.name.equalsIgnoreCase(name))
                .filter(d -> tag == null || d.tags.contains(tag))
                .map(d -> FakeJson.droplet(d, this)).toList();
    }

    MockResponse page(HttpUrl url, String key, List<ObjectNode> all) {
        int perPage = intParam(url, "per_page", 20);
        int page = intParam(url, "page", 1);
        int last = Math.max(1, (all.size() + perPage - 1) / perPage);
        ObjectNode body = FakeJson.M.createObjectNode();
        ArrayNode items = body.putArray(key);
        all.stream().skip((long) (page - 1) * perPage).limit(perPage).forEach(items::add);
        ObjectNode pages = body.putObject("links").putObject("pages");
        if (page > 1) {
            pages.put("first", pageUrl(url, 1));
            pages.put("prev", pageUrl(url, page - 1));
        }
        if (page < last) {
            pages.put("last", pageUrl(url, last));
            pages.put("next", pageUrl(url, page + 1));
        }
        body.putObject("meta").put("total", all.size());
        return json(200, body);
    }

    private String pageUrl(HttpUrl url, int page) {
        return url.newBuilder().setQueryParameter("page", String.valueOf(page)).build().toString();
    }

    private FakeDroplet newDroplet(String name, String region, String size, long imageId, List<String> tags, String vpc) {
        FakeDroplet d = new FakeDroplet(nextDroplet++, name, region, size, imageId, tags, vpc);
        tags.forEach(this.tags::add); // a droplet's tags exist from its create on
        droplets.put(d.id, d);
        return d;
    }

    private FakeAction newAction(String type, FakeDroplet d, Runnable effect) {
        FakeAction a = new FakeAction(nextAction++, type, d.id, d.region, actionPolls, effect);
        actions.put(a.id, a);
        return a;
    }

    /** Called under the fake's lock. */
    FakeDroplet dropletById(long id) {
        return droplets.get(id);
    }

    /** A reserved-IP action, recorded so {@code GET /v2/actions/{id}} finds it; its effect has already happened. */
    FakeAction reservedIpAction(String type, long resourceId, String region) {
        FakeAction a = new FakeAction(nextAction++, type, 0, region, actionPolls, () -> { });
        a.resourceType = "reserved_ip";
        a.resourceId = resourceId;
        actions.put(a.id, a);
        return a;
    }

    private void network(FakeDroplet d) {
        String[] ips = addresses.apply(d.id);
        d.publicIp = ips[0];
        d.privateIp = d.privateNetwork ? ips[1] : null;
        d.networked = true;
    }

    FakeImage imageFor(long id) {
        FakeImage i = images.get(id);
        return i != null ? i : images.values().iterator().next();
    }

    private MockResponse withDroplet(long id, Function<FakeDroplet, MockResponse> f) {
        FakeDroplet d = droplets.get(id);
        return d == null ? notFound() : f.apply(d);
    }

    static JsonNode readQuietly(RecordedRequest r) {
        try {
            return FakeJson.M.readTree(r.getBody() == null ? "" : r.getBody().utf8());
        } catch (IOException e) {
            return null;
        }
    }

    private static int intParam(HttpUrl url, String name, int dflt) {
        try {
            String v = url.queryParameter(name);
            return v == null ? dflt : Math.max(1, Integer.parseInt(v));
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    static ObjectNode wrap(String key, ObjectNode value) {
        ObjectNode n = FakeJson.M.createObjectNode();
        n.set(key, value);
        return n;
    }

    static MockResponse notFound() {
        return json(404, FakeJson.error("not_found", "The resource you requested could not be found."));
    }

    static MockResponse json(int status, JsonNode body) {
        return new MockResponse.Builder().code(status)
                .addHeader("content-type", "application/json; charset=utf-8")
                .addHeader("ratelimit-limit", "5000")
                .addHeader("ratelimit-remaining", "4816")
                .addHeader("ratelimit-reset", "1444931833")
                .body(body.toString()).build();
    }
}
