package dev.orrery.adopt.mup;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orrery.model.KeptDirective;
import dev.orrery.model.Role;
import dev.orrery.model.Rules;
import dev.orrery.model.Server;
import dev.orrery.model.Stickiness;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * mup.js of Meteor Up 1.x: {@code servers{}}, the app under {@code app} (or {@code meteor} in
 * early 1.x) with its servers, env and docker settings, {@code mongo}, {@code proxy}, hooks.
 */
final class MupOne {
    private final MupImport i;
    private final Set<String> appServers = new LinkedHashSet<>();
    private final Set<String> mongoServers = new LinkedHashSet<>();

    MupOne(MupImport i) {
        this.i = i;
    }

    void read(JsonNode root) {
        for (String section : new String[]{"app", "meteor"}) {
            JsonNode app = root.path(section);
            if (app.isObject()) {
                app.path("servers").fieldNames().forEachRemaining(appServers::add);
            }
        }
        root.path("mongo").path("servers").fieldNames().forEachRemaining(mongoServers::add);
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            switch (f.getKey()) {
                case "servers" -> servers(f.getValue());
                case "app", "meteor" -> app(f.getKey(), f.getValue());
                case "mongo" -> mongo(f.getValue());
                case "proxy" -> proxy(f.getValue());
                default -> i.notMapped(f.getKey(), MupReasons.TOP.getOrDefault(f.getKey(), "not a Meteor Up option Orrery knows"));
            }
        }
    }

    private void servers(JsonNode servers) {
        int app = 0, db = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = servers.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String key = f.getKey();
            Role role = appServers.contains(key) ? Role.APP : mongoServers.contains(key) ? Role.DATABASE : null;
            if (role == null) {
                i.notMapped("servers." + key, "neither the app nor mongo uses this server");
                continue;
            }
            String name = Rules.name(key).isEmpty() && !i.servers.containsKey(key) ? key
                    : (role == Role.APP ? "app-" + (++app) : "db-" + (++db));
            Server s = i.server("servers." + key, name, role, f.getValue());
            if (s != null) {
                i.servers.put(name, s);
                if (role == Role.APP && mongoServers.contains(key)) {
                    i.notes.add(name + " also runs mup's MongoDB; Orrery leaves it running and manages only the app");
                }
            }
        }
    }

    private void app(String section, JsonNode app) {
        for (Iterator<Map.Entry<String, JsonNode>> it = app.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String at = section + "." + f.getKey();
            JsonNode v = f.getValue();
            switch (f.getKey()) {
                case "name" -> i.appName(at, v.asText());
                case "env" -> i.env(at, v);
                case "servers" -> {
                    for (Iterator<Map.Entry<String, JsonNode>> s = v.fields(); s.hasNext(); ) {
                        Map.Entry<String, JsonNode> e = s.next();
                        i.mapped(at + "." + e.getKey(), "an app server");
                        if (e.getValue().has("env")) {
                            i.perServerEnv(at + "." + e.getKey() + ".env", e.getValue().get("env"));
                        }
                    }
                }
                case "docker" -> v.fieldNames().forEachRemaining(n -> i.notMapped(at + "." + n, MupReasons.DOCKER));
                default -> i.notMapped(at, MupReasons.TOP.getOrDefault(f.getKey(), "not a Meteor Up app option Orrery knows"));
            }
        }
    }

    private void mongo(JsonNode mongo) {
        for (Iterator<Map.Entry<String, JsonNode>> it = mongo.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getKey().equals("servers")) {
                f.getValue().fieldNames().forEachRemaining(n -> i.mapped("mongo.servers." + n,
                        appServers.contains(n) ? "an app server that also runs MongoDB" : "a database server (role database)"));
            } else {
                i.notMapped("mongo." + f.getKey(), "Orrery does not run MongoDB; the app reaches it through MONGO_URL"
                        + (f.getKey().equals("oplog") ? " and MONGO_OPLOG_URL" : ""));
            }
        }
    }

    private void proxy(JsonNode proxy) {
        for (Iterator<Map.Entry<String, JsonNode>> it = proxy.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String at = "proxy." + f.getKey();
            JsonNode v = f.getValue();
            switch (f.getKey()) {
                case "loadBalancing" -> i.mapped(at, "Orrery's balancer sends requests to every app server");
                case "stickySessions" -> {
                    i.stickiness = v.asBoolean(true) ? Stickiness.IP_HASH : Stickiness.NONE;
                    i.mapped(at, "balancer.stickiness = " + (v.asBoolean(true) ? "ip_hash (the seed's)" : "none (round robin)"));
                }
                case "clientUploadLimit" -> uploadLimit(at, v.asText());
                case "ssl" -> v.fieldNames().forEachRemaining(n -> i.notMapped(at + "." + n, MupReasons.PROXY.getOrDefault(n, MupReasons.SSL)));
                default -> i.notMapped(at, MupReasons.PROXY.getOrDefault(f.getKey(), "not a Meteor Up proxy option Orrery knows"));
            }
        }
    }

    private void uploadLimit(String at, String limit) {
        String size = limit.equals("0") ? "0" : limit;
        if (!size.matches("\\d+[kKmMgG]?")) {
            i.refused(at, "\"" + limit + "\" is not a size nginx takes");
            return;
        }
        i.kept.add(new KeptDirective(KeptDirective.Context.HTTPS_SERVER, "client_max_body_size " + size + ";"));
        i.mapped(at, "kept in the balancer's https-server: client_max_body_size " + size + ";");
    }
}
