package dev.orrery.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orrery.task.Progress;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The DigitalOcean API v2, the parts Orrery uses: droplets, droplet actions, actions,
 * snapshots, private images, regions, sizes and the account's SSH keys.
 *
 * <pre>{@code
 * var client = new DigitalOceanClient(DigitalOceanConfig.resolve(System.getenv(), null), token);
 * CreatedDroplet c = client.createDroplet(request);
 * client.awaitAction(c.actionIds().get(0), Duration.ofMinutes(5), progress);
 * }</pre>
 * Every call has a deadline; 429s wait as the server says; 5xx and network faults are retried
 * with backoff only where repeating is harmless. A create that failed ambiguously is never
 * repeated: the droplet is looked up by name instead.
 */
public final class DigitalOceanClient {
    private static final Logger LOG = LoggerFactory.getLogger(DigitalOceanClient.class);

    private final ApiTransport api;
    private final DigitalOceanConfig config;
    private final Sleeper sleeper;
    private final Clock clock;

    public DigitalOceanClient(DigitalOceanConfig config, ApiToken token) {
        this(config, token, Sleeper.REAL, Clock.systemUTC(), RandomGenerator.getDefault());
    }

    public DigitalOceanClient(DigitalOceanConfig config, ApiToken token, Sleeper sleeper, Clock clock, RandomGenerator random) {
        this.config = config;
        this.sleeper = sleeper;
        this.clock = clock;
        this.api = new ApiTransport(config, token, new RetryPolicy(config, sleeper, clock, random));
    }

    /** The droplet as the 202 gave it (networks still empty) and the ids of its create actions. */
    public record CreatedDroplet(Droplet droplet, List<Long> actionIds, boolean adopted) {
    }

    public CreatedDroplet createDroplet(DropletRequest request) {
        JsonNode answer;
        try {
            answer = api.post(api.url("v2/droplets"), request, false);
        } catch (CloudException e) {
            Droplet found = AmbiguousCreate.lookUp(e, "droplet", request.name(),
                    () -> findByName(request.name(), request.tags().isEmpty() ? null : request.tags().get(0)));
            LOG.info("droplet {} exists (id {}): the create went through", request.name(), found.id());
            return new CreatedDroplet(found, List.of(), true);
        }
        Droplet d = read(answer.get("droplet"), Droplet.class, "droplet");
        List<Long> actions = new ArrayList<>();
        for (JsonNode a : answer.path("links").path("actions")) {
            if (a.path("id").canConvertToLong()) {
                actions.add(a.get("id").asLong());
            }
        }
        return new CreatedDroplet(d, actions, false);
    }

    public Droplet getDroplet(long id) {
        return read(api.get(api.url("v2/droplets/" + id)).get("droplet"), Droplet.class, "droplet");
    }

    /** All droplets, optionally only those with a tag. */
    public List<Droplet> listDroplets(String tag) {
        HttpUrl.Builder u = api.url("v2/droplets").newBuilder();
        if (tag != null) {
            u.addQueryParameter("tag_name", tag);
        }
        return readAll(api.list(u.build(), "droplets"), Droplet.class);
    }

    /** The droplet called {@code name} (and carrying {@code tag}, when given), if any. */
    public Optional<Droplet> findByName(String name, String tag) {
        HttpUrl u = api.url("v2/droplets").newBuilder().addQueryParameter("name", name).build();
        return readAll(api.list(u, "droplets"), Droplet.class).stream()
                .filter(d -> name.equals(d.name()))
                .filter(d -> tag == null || d.tags().contains(tag))
                .findFirst();
    }

    /** True when deleted, false when there was no such droplet. */
    public boolean deleteDroplet(long id) {
        return api.delete(api.url("v2/droplets/" + id));
    }

    /**
     * Starts a droplet action: {@code shutdown}, {@code power_off}, {@code power_on},
     * {@code snapshot} (with {@code name}) … A snapshot is not repeated after an ambiguous failure.
     */
    public Action dropletAction(long dropletId, String type, Map<String, Object> extra) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("type", type);
        body.putAll(extra);
        boolean repeatable = !type.equals("snapshot");
        return read(api.post(api.url("v2/droplets/" + dropletId + "/actions"), body, repeatable).get("action"), Action.class, "action");
    }

    public Action getAction(long actionId) {
        return read(api.get(api.url("v2/actions/" + actionId)).get("action"), Action.class, "action");
    }

    /** Polls until the action is {@code completed}; throws when it {@code errored}, on timeout or cancel. */
    public Action awaitAction(long actionId, Duration timeout, Progress progress) {
        Instant deadline = clock.instant().plus(timeout);
        while (true) {
            progress.checkCancelled();
            Action a = getAction(actionId);
            if (a.completed()) {
                return a;
            }
            if (a.errored()) {
                throw new CloudException("DigitalOcean action " + a.id() + " (" + a.type() + ") errored",
                        0, "action_errored", null, null, false, null);
            }
            if (!clock.instant().isBefore(deadline)) {
                throw new CloudTimeoutException("DigitalOcean action " + actionId + " (" + a.type() + ") still "
                        + a.status() + " after " + timeout.toSeconds() + " s", false, null);
            }
            pause();
        }
    }

    /** Droplet snapshots (ids are strings here). */
    public List<Snapshot> listSnapshots() {
        HttpUrl u = api.url("v2/snapshots").newBuilder().addQueryParameter("resource_type", "droplet").build();
        return readAll(api.list(u, "snapshots"), Snapshot.class);
    }

    public Snapshot getSnapshot(String id) {
        return read(api.get(api.url("v2/snapshots/" + id)).get("snapshot"), Snapshot.class, "snapshot");
    }

    /** The account's own images: snapshots, backups and custom images (ids are integers here). */
    public List<Image> listPrivateImages() {
        HttpUrl u = api.url("v2/images").newBuilder().addQueryParameter("private", "true").build();
        return readAll(api.list(u, "images"), Image.class);
    }

    public List<Region> listRegions() {
        return readAll(api.list(api.url("v2/regions"), "regions"), Region.class);
    }

    public List<Size> listSizes() {
        return readAll(api.list(api.url("v2/sizes"), "sizes"), Size.class);
    }

    /** The account's VPC networks (their names and private address ranges). */
    public List<Vpc> listVpcs() {
        return readAll(api.list(api.url("v2/vpcs"), "vpcs"), Vpc.class);
    }

    public List<SshKey> listSshKeys() {
        return readAll(api.list(api.url("v2/account/keys"), "ssh_keys"), SshKey.class);
    }

    /**
     * A droplet metric between two instants from the Monitoring API (needs the droplet's do-agent;
     * without it the result is empty). {@code extra} carries the bandwidth metric's
     * {@code interface} (public, private) and {@code direction} (inbound, outbound).
     */
    public DropletMetrics dropletMetric(DropletMetrics.Kind kind, long dropletId, Instant start, Instant end, Map<String, String> extra) {
        HttpUrl.Builder u = api.url("v2/monitoring/metrics/droplet/" + kind.path()).newBuilder()
                .addQueryParameter("host_id", Long.toString(dropletId))
                .addQueryParameter("start", Long.toString(start.getEpochSecond()))
                .addQueryParameter("end", Long.toString(end.getEpochSecond()));
        extra.forEach(u::addQueryParameter);
        return DropletMetrics.read(api.get(u.build()), kind.path() + " of droplet " + dropletId);
    }

    /** The Domains API (DNS records), over this client's transport. */
    public DomainRecords domainRecords() {
        return new DomainRecords(api);
    }

    /** The Reserved IPs API (balancer failover), over this client's transport. */
    public ReservedIps reservedIps() {
        return new ReservedIps(api);
    }

    /** The Load Balancers API (the managed balancer kind), over this client's transport. */
    public LoadBalancers loadBalancers() {
        return new LoadBalancers(api);
    }

    /** The Cloud Firewalls API, over this client's transport. */
    public Firewalls firewalls() {
        return new Firewalls(api, this);
    }

    /** The Tags API (tags that firewalls and a managed balancer select droplets by), over this client's transport. */
    public Tags tags() {
        return new Tags(api);
    }

    public DigitalOceanConfig config() {
        return config;
    }

    void pause() {
        try {
            sleeper.sleep(config.pollInterval());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new dev.orrery.task.CancelledException();
        }
    }

    Clock clock() {
        return clock;
    }

    private static <T> List<T> readAll(List<JsonNode> nodes, Class<T> type) {
        List<T> out = new ArrayList<>(nodes.size());
        for (JsonNode n : nodes) {
            out.add(read(n, type, type.getSimpleName()));
        }
        return out;
    }

    private static <T> T read(JsonNode node, Class<T> type, String what) {
        if (node == null || node.isNull()) {
            throw new CloudException("the API's answer has no " + what);
        }
        try {
            return ApiTransport.MAPPER.treeToValue(node, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new CloudException("the API's " + what + " does not read: " + e.getOriginalMessage());
        }
    }
}
