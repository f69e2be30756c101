package dev.orrery.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import okhttp3.HttpUrl;

import java.util.ArrayList;
import java.util.List;

/**
 * DigitalOcean's Domains API, the part DNS-01 needs: which domains the account holds, and TXT
 * records made and removed under one of them ({@code /v2/domains/{domain}/records}). Goes through
 * the client's transport: the same token, deadlines and safe retries.
 *
 * <pre>{@code
 * DomainRecords dns = client.domainRecords();
 * DomainRecord r = dns.createTxt("crater.io", "_acme-challenge", digest, 30);
 * try { ... } finally { dns.delete("crater.io", r.id()); }
 * }</pre>
 */
public final class DomainRecords {
    private final ApiTransport api;

    DomainRecords(ApiTransport api) {
        this.api = api;
    }

    /** The names of the account's domains (zones), e.g. {@code crater.io}. */
    public List<String> domains() {
        List<String> out = new ArrayList<>();
        for (JsonNode d : api.list(api.url("v2/domains"), "domains")) {
            out.add(d.path("name").asText());
        }
        return out;
    }

    /** The domain's records of {@code type} whose full name is {@code fqdn} (e.g. {@code _acme-challenge.crater.io}). */
    public List<DomainRecord> records(String domain, String type, String fqdn) {
        HttpUrl u = api.url("v2/domains/" + segment(domain) + "/records").newBuilder()
                .addQueryParameter("type", type).addQueryParameter("name", fqdn).build();
        List<DomainRecord> out = new ArrayList<>();
        for (JsonNode n : api.list(u, "domain_records")) {
            out.add(read(n));
        }
        return out;
    }

    /**
     * Adds a TXT record {@code name} (relative to the domain) holding {@code data}. Not repeated
     * after an ambiguous failure: a second record would be left behind; the caller looks up and
     * removes what exists by name and value instead.
     */
    public DomainRecord createTxt(String domain, String name, String data, int ttlSeconds) {
        // The spec requires flags and tag on a TXT record (null for it); the mapper drops nulls of
        // plain objects, so the body is built as a tree, which keeps them.
        ObjectNode body = ApiTransport.MAPPER.createObjectNode();
        body.put("type", "TXT").put("name", name).put("data", data).put("ttl", ttlSeconds);
        body.putNull("priority").putNull("port").putNull("weight").putNull("flags").putNull("tag");
        JsonNode answer = api.post(api.url("v2/domains/" + segment(domain) + "/records"), body, false);
        return read(answer.get("domain_record"));
    }

    /** True when removed, false when it was already gone. */
    public boolean delete(String domain, long recordId) {
        return api.delete(api.url("v2/domains/" + segment(domain) + "/records/" + recordId));
    }

    private static String segment(String domain) {
        if (dev.orrery.model.Rules.hostname(domain).isPresent()) {
            throw new IllegalArgumentException("not a domain name: " + domain);
        }
        return domain;
    }

    private static DomainRecord read(JsonNode n) {
        if (n == null || n.isNull()) {
            throw new CloudException("the API's answer has no domain_record");
        }
        try {
            return ApiTransport.MAPPER.treeToValue(n, DomainRecord.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new CloudException("the API's domain record does not read: " + e.getOriginalMessage());
        }
    }
}
