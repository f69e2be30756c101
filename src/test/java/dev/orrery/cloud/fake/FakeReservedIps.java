package dev.orrery.cloud.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fake's Reserved IPs API: list, create (assigned to a droplet or reserved to a region), get,
 * and the {@code assign}/{@code unassign} actions, answered as the spec says (202 on create,
 * 201 on an action, 404 for an unknown address or droplet, 422 for a malformed action). An
 * {@link AssignListener} is told of every move, so an integration test can move the address
 * between test hosts as DigitalOcean's network would.
 */
public final class FakeReservedIps {

    /** Told, under the fake's lock (so the move is done before the API answers), each time an address moves; 0: unassigned. */
    public interface AssignListener {
        void moved(String ip, long fromDroplet, long toDroplet);
    }

    private static final Pattern PATH = Pattern.compile("/v2/reserved_ips(?:/([^/]+)(/actions)?)?");

    private final FakeDigitalOcean fake;
    private final Map<String, Rip> ips = new LinkedHashMap<>();
    private final List<AssignListener> listeners = new CopyOnWriteArrayList<>();
    private final List<String> moves = new CopyOnWriteArrayList<>();
    private int next = 10;

    private static final class Rip {
        final String ip;
        final String region;
        long dropletId;

        Rip(String ip, String region, long dropletId) {
            this.ip = ip; this.region = region; this.dropletId = dropletId;
        }
    }

    FakeReservedIps(FakeDigitalOcean fake) {
        this.fake = fake;
    }

    /** Adds an address the account already holds (0: not assigned). */
    public synchronized void add(String ip, String region, long dropletId) {
        ips.put(ip, new Rip(ip, region, dropletId));
    }

    /** The droplet holding {@code ip}, 0 when none; -1 when the account has no such address. */
    public synchronized long holder(String ip) {
        Rip r = ips.get(ip);
        return r == null ? -1 : r.dropletId;
    }

    /** "ip→droplet" of every assign and unassign, in order. */
    public List<String> moves() {
        return List.copyOf(moves);
    }

    public void listen(AssignListener l) {
        listeners.add(l);
    }

    /** Called under the fake's lock, after the token and fault checks. */
    MockResponse route(RecordedRequest r, String method, HttpUrl url) {
        Matcher m = PATH.matcher(url.encodedPath());
        if (!m.matches()) {
            return FakeDigitalOcean.notFound();
        }
        String ip = m.group(1);
        if (ip == null) {
            return switch (method) {
                case "GET" -> fake.page(url, "reserved_ips", all());
                case "POST" -> create(FakeDigitalOcean.readQuietly(r));
                default -> FakeDigitalOcean.notFound();
            };
        }
        Rip rip;
        synchronized (this) {
            rip = ips.get(ip);
        }
        if (rip == null) {
            return FakeDigitalOcean.notFound();
        }
        if (m.group(2) == null) {
            return method.equals("GET") ? FakeDigitalOcean.json(200, FakeDigitalOcean.wrap("reserved_ip", json(rip)))
                    : FakeDigitalOcean.notFound();
        }
        return method.equals("POST") ? action(rip, FakeDigitalOcean.readQuietly(r)) : FakeDigitalOcean.notFound();
    }

    private synchronized List<ObjectNode> all() {
        List<ObjectNode> out = new ArrayList<>();
        ips.values().forEach(r -> out.add(json(r)));
        return out;
    }

    private MockResponse create(JsonNode body) {
        if (body == null || !body.isObject()) {
            return FakeDigitalOcean.json(422, FakeJson.error("unprocessable_entity", "droplet_id or region is required"));
        }
        String region;
        long droplet = 0;
        if (body.has("droplet_id")) {
            FakeDroplet d = body.get("droplet_id").canConvertToLong() ? fake.dropletById(body.get("droplet_id").asLong()) : null;
            if (d == null) {
                return FakeDigitalOcean.json(422, FakeJson.error("unprocessable_entity", "Droplet not found"));
            }
            region = d.region;
            droplet = d.id;
        } else if (body.path("region").isTextual()) {
            region = body.get("region").asText();
        } else {
            return FakeDigitalOcean.json(422, FakeJson.error("unprocessable_entity", "droplet_id or region is required"));
        }
        Rip rip;
        synchronized (this) {
            // Documentation addresses: the fake never hands out a routable one.
            rip = new Rip("203.0.113." + next++, region, 0);
            ips.put(rip.ip, rip);
        }
        ObjectNode answer = FakeDigitalOcean.wrap("reserved_ip", json(rip));
        ObjectNode links = answer.putObject("links");
        links.putArray("droplets");
        links.putArray("actions");
        if (droplet != 0) {
            FakeAction a = move(rip, droplet, "assign_ip");
            ObjectNode link = ((com.fasterxml.jackson.databind.node.ArrayNode) links.get("actions")).addObject();
            link.put("id", a.id).put("rel", "assign_ip").put("href", "/v2/actions/" + a.id);
            answer.set("reserved_ip", json(rip));
        }
        return FakeDigitalOcean.json(202, answer);
    }

    private MockResponse action(Rip rip, JsonNode body) {
        String type = body == null ? "" : body.path("type").asText("");
        switch (type) {
            case "assign" -> {
                JsonNode id = body.get("droplet_id");
                FakeDroplet d = id != null && id.isIntegralNumber() ? fake.dropletById(id.asLong()) : null;
                if (d == null) {
                    return FakeDigitalOcean.json(422, FakeJson.error("unprocessable_entity", "droplet_id must name a Droplet"));
                }
                if (!d.region.equals(rip.region)) {
                    return FakeDigitalOcean.json(422, FakeJson.error("unprocessable_entity",
                            "The reserved IP is in " + rip.region + "; the Droplet is in " + d.region));
                }
                return FakeDigitalOcean.json(201, FakeDigitalOcean.wrap("action", FakeJson.action(move(rip, d.id, "assign_ip"))));
            }
            case "unassign" -> {
                return FakeDigitalOcean.json(201, FakeDigitalOcean.wrap("action", FakeJson.action(move(rip, 0, "unassign_ip"))));
            }
            default -> {
                return FakeDigitalOcean.json(422, FakeJson.error("unprocessable_entity", "unknown action type \"" + type + "\""));
            }
        }
    }

    /** Moves the address at once (the network's part), and records the action that reports it. */
    private FakeAction move(Rip rip, long toDroplet, String actionType) {
        long from;
        synchronized (this) {
            from = rip.dropletId;
            rip.dropletId = toDroplet;
        }
        moves.add(rip.ip + "→" + toDroplet);
        for (AssignListener l : listeners) {
            l.moved(rip.ip, from, toDroplet);
        }
        return fake.reservedIpAction(actionType, ipAsNumber(rip.ip), rip.region);
    }

    private ObjectNode json(Rip r) {
        ObjectNode n = FakeJson.M.createObjectNode();
        n.put("ip", r.ip);
        n.set("region", FakeJson.region(r.region));
        FakeDroplet d = r.dropletId == 0 ? null : fake.dropletById(r.dropletId);
        if (d == null) {
            n.putNull("droplet");
        } else {
            n.set("droplet", FakeJson.droplet(d, fake));
        }
        n.put("locked", false);
        n.put("project_id", "746c6152-2fa2-11ed-92d3-27aaa54e4988");
        return n;
    }

    private static long ipAsNumber(String ip) {
        long v = 0;
        for (String part : ip.split("\\.")) {
            v = v * 256 + Long.parseLong(part);
        }
        return v;
    }
}
