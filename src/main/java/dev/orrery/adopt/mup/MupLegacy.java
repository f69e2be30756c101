package dev.orrery.adopt.mup;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orrery.model.Role;
import dev.orrery.model.Server;

import java.util.Iterator;
import java.util.Map;

/** mup.json of Meteor Up 0.x and mupx (2015–2016): {@code servers[]}, {@code appName}, {@code app}, {@code env}, {@code ssl} … */
final class MupLegacy {
    private final MupImport i;

    MupLegacy(MupImport i) {
        this.i = i;
    }

    void read(JsonNode root) {
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String k = f.getKey();
            JsonNode v = f.getValue();
            switch (k) {
                case "servers" -> {
                    for (int n = 0; n < v.size(); n++) {
                        String name = "app-" + (n + 1);
                        Server s = i.server("servers[" + n + "]", name, Role.APP, v.get(n));
                        if (s != null) {
                            i.servers.put(name, s);
                        }
                    }
                }
                case "appName" -> i.appName("appName", v.asText());
                case "env" -> i.env("env", v);
                default -> i.notMapped(k, MupReasons.TOP.getOrDefault(k, "not a Meteor Up option Orrery knows"));
            }
        }
    }
}
