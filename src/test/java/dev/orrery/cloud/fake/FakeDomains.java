package dev.orrery.cloud.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fake's Domains API: {@code GET /v2/domains}, and a domain's records listed (filtered by
 * {@code type} and fully qualified {@code name}), created and deleted, answered as the spec
 * says. A {@link TxtListener} sees every TXT record come and go, so an integration test can put
 * it where an ACME server looks (pebble-challtestsrv's mock DNS).
 */
public final class FakeDomains {

    /** Told of each TXT record added or removed, by its fully qualified name. */
    public interface TxtListener {
        void added(String fqdn, String value);

        void removed(String fqdn, String value);
    }

    /** A record as the fake holds it. */
    public record Rec(long id, String domain, String type, String name, String data, int ttl) {
        /** {@code _acme-challenge.crater.test} for {@code _acme-challenge} in {@code crater.test}; the domain itself for {@code @}. */
        public String fqdn() {
            return name.equals("@") ? domain : name + "." + domain;
        }
    }

    private static final Pattern RECORDS = Pattern.compile("/v2/domains/([^/]+)/records(?:/(\\d+))?");
    private static final Set<String> TYPES = Set.of("A", "AAAA", "CAA", "CNAME", "MX", "NS", "SOA", "SRV", "TXT");

    private final FakeDigitalOcean fake;
    private final List<String> domains = new CopyOnWriteArrayList<>();
    private final Map<Long, Rec> records = new LinkedHashMap<>();
    private final List<TxtListener> listeners = new CopyOnWriteArrayList<>();
    private long nextRecord = 28448429;

    FakeDomains(FakeDigitalOcean fake) {
        this.fake = fake;
    }

    public void add(String domain) {
        domains.add(domain);
        // A domain at DigitalOcean starts with its three NS records.
        for (int i = 1; i <= 3; i++) {
            put(domain, "NS", "@", "ns" + i + ".digitalocean.com", 1800);
        }
    }

    public void listen(TxtListener l) {
        listeners.add(l);
    }

    public synchronized List<Rec> records() {
        return List.copyOf(records.values());
    }

    public synchronized List<Rec> txt() {
        return records.values().stream().filter(r -> r.type.equals("TXT")).toList();
    }

    /** Called under the fake's lock, after the token and fault checks. */
    MockResponse route(RecordedRequest r, String method, HttpUrl url) throws IOException {
        String path = url.encodedPath();
        if (path.equals("/v2/domains") && method.equals("GET")) {
            return fake.page(url, "domains", domains.stream().map(FakeDomains::domainJson).toList());
        }
        Matcher m = RECORDS.matcher(path);
        if (!m.matches()) {
            return FakeDigitalOcean.notFound();
        }
        String domain = m.group(1);
        if (!domains.contains(domain)) {
            return FakeDigitalOcean.notFound();
        }
        if (m.group(2) == null) {
            return switch (method) {
                case "GET" -> list(url, domain);
                case "POST" -> create(domain, FakeJson.M.readTree(r.getBody().utf8()));
                default -> FakeDigitalOcean.notFound();
            };
        }
        long id = Long.parseLong(m.group(2));
        Rec rec;
        synchronized (this) {
            rec = records.get(id);
            if (rec == null || !rec.domain.equals(domain)) {
                return FakeDigitalOcean.notFound();
            }
            if (method.equals("GET")) {
                return FakeDigitalOcean.json(200, wrap(recordJson(rec)));
            }
            if (!method.equals("DELETE")) {
                return FakeDigitalOcean.notFound();
            }
            records.remove(id);
        }
        if (rec.type.equals("TXT")) {
            listeners.forEach(l -> l.removed(rec.fqdn(), rec.data));
        }
        return new MockResponse.Builder().code(204).addHeader("content-type", "application/json; charset=utf-8").build();
    }

    private MockResponse list(HttpUrl url, String domain) {
        String type = url.queryParameter("type");
        String name = url.queryParameter("name");
        List<ObjectNode> out = new ArrayList<>();
        synchronized (this) {
            for (Rec rec : records.values()) {
                if (rec.domain.equals(domain) && (type == null || rec.type.equals(type)) && (name == null || rec.fqdn().equals(name))) {
                    out.add(recordJson(rec));
                }
            }
        }
        return fake.page(url, "domain_records", out);
    }

    private MockResponse create(String domain, JsonNode body) {
        String type = body.path("type").asText("");
        String name = body.path("name").asText("");
        String data = body.path("data").asText("");
        if (!TYPES.contains(type)) {
            return FakeDigitalOcean.json(422, FakeJson.error("unprocessable_entity", "Type is not included in the list"));
        }
        if (name.isEmpty() || data.isEmpty()) {
            return FakeDigitalOcean.json(422, FakeJson.error("unprocessable_entity", "Name and data are required for a " + type + " record"));
        }
        Rec rec = put(domain, type, name, data, body.path("ttl").asInt(1800));
        if (type.equals("TXT")) {
            listeners.forEach(l -> l.added(rec.fqdn(), rec.data));
        }
        return FakeDigitalOcean.json(201, wrap(recordJson(rec)));
    }

    private synchronized Rec put(String domain, String type, String name, String data, int ttl) {
        Rec rec = new Rec(nextRecord++, domain, type, name, data, ttl);
        records.put(rec.id, rec);
        return rec;
    }

    private static ObjectNode domainJson(String name) {
        ObjectNode n = FakeJson.M.createObjectNode();
        n.put("name", name);
        n.put("ttl", 1800);
        n.put("zone_file", "$ORIGIN " + name + ".\n$TTL 1800\n" + name + ". IN SOA ns1.digitalocean.com. hostmaster." + name
                + ". 1415982609 10800 3600 604800 1800\n");
        return n;
    }

    private static ObjectNode recordJson(Rec r) {
        ObjectNode n = FakeJson.M.createObjectNode();
        n.put("id", r.id);
        n.put("type", r.type);
        n.put("name", r.name);
        n.put("data", r.data);
        n.putNull("priority");
        n.putNull("port");
        n.put("ttl", r.ttl);
        n.putNull("weight");
        n.putNull("flags");
        n.putNull("tag");
        return n;
    }

    private static ObjectNode wrap(ObjectNode record) {
        ObjectNode n = FakeJson.M.createObjectNode();
        n.set("domain_record", record);
        return n;
    }
}
