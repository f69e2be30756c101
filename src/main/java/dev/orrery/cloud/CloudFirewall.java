package dev.orrery.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A DigitalOcean Cloud Firewall as the API has it ({@code resources/firewalls/models}): a name,
 * inbound and outbound rules, and the droplets it covers, by tag or by id. Everything not allowed
 * by a rule is dropped — outbound too, so a firewall with no outbound rules cuts a droplet off
 * from apt and npm.
 *
 * @param id      null before it is created
 * @param status  {@code waiting}, {@code succeeded} or {@code failed}; null in a request
 * @param pending droplets whose rules are still being changed (empty once applied)
 */
public record CloudFirewall(String id, String name, String status, List<Rule> inbound, List<Rule> outbound,
                            List<Long> dropletIds, List<String> tags, List<Long> pending) {

    /** Where a rule lets traffic come from (inbound) or go to (outbound). */
    public record Target(List<String> addresses, List<String> tags, List<Long> dropletIds, List<String> loadBalancerUids) {
        public Target {
            addresses = sorted(addresses);
            tags = sorted(tags);
            dropletIds = dropletIds == null ? List.of() : dropletIds.stream().sorted().toList();
            loadBalancerUids = sorted(loadBalancerUids);
        }

        public static Target addresses(List<String> a) {
            return new Target(a, List.of(), List.of(), List.of());
        }

        public static Target tags(List<String> t) {
            return new Target(List.of(), t, List.of(), List.of());
        }

        public static final Target ANYWHERE = addresses(List.of("0.0.0.0/0", "::/0"));

        /** Every source named, for a person: "tag orrery:crater:balancer, 203.0.113.7". */
        public String describe() {
            List<String> out = new ArrayList<>();
            tags.forEach(t -> out.add("tag " + t));
            out.addAll(addresses.stream().map(a -> a.equals("0.0.0.0/0") || a.equals("::/0") ? "anyone" : a).distinct().toList());
            dropletIds.forEach(d -> out.add("droplet " + d));
            loadBalancerUids.forEach(l -> out.add("load balancer " + l));
            return String.join(", ", out);
        }
    }

    /** One rule: {@code protocol} tcp, udp or icmp; {@code ports} "22", "8000-9000", or "0" for all. */
    public record Rule(String protocol, String ports, Target target) {
    }

    public CloudFirewall {
        inbound = inbound == null ? List.of() : List.copyOf(inbound);
        outbound = outbound == null ? List.of() : List.copyOf(outbound);
        dropletIds = dropletIds == null ? List.of() : dropletIds.stream().sorted().toList();
        tags = sorted(tags);
        pending = pending == null ? List.of() : List.copyOf(pending);
    }

    /** A firewall to create or to put in place of one: no id or status yet. */
    public static CloudFirewall wanted(String name, List<Rule> inbound, List<Rule> outbound, List<String> tags) {
        return new CloudFirewall(null, name, null, inbound, outbound, List.of(), tags, List.of());
    }

    /** True when the rules and the tags are those of {@code other}, in whatever order the API lists them. */
    public boolean sameAs(CloudFirewall other) {
        return name.equals(other.name) && ruleSet(inbound).equals(ruleSet(other.inbound)) && ruleSet(outbound).equals(ruleSet(other.outbound))
                && tags.equals(other.tags);
    }

    /** Applied on every droplet it covers. */
    public boolean settled() {
        return "succeeded".equals(status) && pending.isEmpty();
    }

    /** The request body of a create or an update: the whole firewall (an update resets what it leaves out). */
    ObjectNode toJson() {
        ObjectNode n = ApiTransport.MAPPER.createObjectNode();
        n.put("name", name);
        rules(n.putArray("inbound_rules"), inbound, "sources");
        rules(n.putArray("outbound_rules"), outbound, "destinations");
        ArrayNode ids = n.putArray("droplet_ids");
        dropletIds.forEach(ids::add);
        ArrayNode t = n.putArray("tags");
        tags.forEach(t::add);
        return n;
    }

    static CloudFirewall read(JsonNode n) {
        if (n == null || !n.path("id").isTextual() || !n.path("name").isTextual()) {
            throw new CloudException("the API's answer has no readable firewall");
        }
        List<Long> pending = new ArrayList<>();
        n.path("pending_changes").forEach(p -> pending.add(p.path("droplet_id").asLong()));
        return new CloudFirewall(n.get("id").asText(), n.get("name").asText(), n.path("status").asText(null),
                readRules(n.path("inbound_rules"), "sources"), readRules(n.path("outbound_rules"), "destinations"),
                longs(n.path("droplet_ids")), strings(n.path("tags")), pending);
    }

    private static void rules(ArrayNode into, List<Rule> rules, String targetKey) {
        for (Rule r : rules) {
            ObjectNode o = into.addObject();
            o.put("protocol", r.protocol());
            o.put("ports", r.ports());
            ObjectNode t = o.putObject(targetKey);
            if (!r.target().addresses().isEmpty()) {
                r.target().addresses().forEach(t.putArray("addresses")::add);
            }
            if (!r.target().tags().isEmpty()) {
                r.target().tags().forEach(t.putArray("tags")::add);
            }
            if (!r.target().dropletIds().isEmpty()) {
                r.target().dropletIds().forEach(t.putArray("droplet_ids")::add);
            }
            if (!r.target().loadBalancerUids().isEmpty()) {
                r.target().loadBalancerUids().forEach(t.putArray("load_balancer_uids")::add);
            }
        }
    }

    private static List<Rule> readRules(JsonNode array, String targetKey) {
        List<Rule> out = new ArrayList<>();
        for (JsonNode r : array) {
            JsonNode t = r.path(targetKey);
            out.add(new Rule(r.path("protocol").asText(), r.path("ports").asText("0"),
                    new Target(strings(t.path("addresses")), strings(t.path("tags")), longs(t.path("droplet_ids")), strings(t.path("load_balancer_uids")))));
        }
        return out;
    }

    private static List<String> strings(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(x -> out.add(x.asText()));
        return out;
    }

    private static List<Long> longs(JsonNode a) {
        List<Long> out = new ArrayList<>();
        a.forEach(x -> out.add(x.asLong()));
        return out;
    }

    private static List<String> sorted(List<String> v) {
        return v == null ? List.of() : v.stream().sorted().toList();
    }

    private static Set<String> ruleSet(List<Rule> rules) {
        // ICMP rules carry no ports: the API answers "0" whatever was sent
        Set<String> out = new TreeSet<>(Comparator.naturalOrder());
        for (Rule r : rules) {
            out.add(r.protocol() + "/" + ("icmp".equals(r.protocol()) ? "0" : r.ports()) + "/" + r.target());
        }
        return out;
    }
}
