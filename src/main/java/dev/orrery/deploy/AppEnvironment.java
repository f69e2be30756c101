package dev.orrery.deploy;

import dev.orrery.model.Cluster;
import dev.orrery.model.Role;
import dev.orrery.model.Rules;
import dev.orrery.model.Server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The environment an app process gets on one server: what the topology decides (PORT,
 * HTTP_FORWARDED_COUNT), Meteor's variables with defaults Orrery can work out (ROOT_URL from the
 * balancer, MONGO_URL and MONGO_OPLOG_URL from the database servers,
 * METEOR_OPLOG_TOO_FAR_BEHIND), and the user's own variables, which override the defaults.
 */
public final class AppEnvironment {

    /** Set from the topology; the user cannot override them, or the balancer would not find the app. */
    public static final Set<String> TOPOLOGY_KEYS = Set.of("PORT", "HTTP_FORWARDED_COUNT", "ORRERY_SERVER", "ORRERY_ADDRESS", "ORRERY_RELEASE");

    private AppEnvironment() {
    }

    /** Reasons the user's variables cannot be used, one per bad entry (empty when all are fine). */
    public static List<String> problems(Map<String, String> userEnv) {
        List<String> out = new ArrayList<>();
        userEnv.forEach((k, v) -> {
            Rules.envKey(k).ifPresent(why -> out.add("environment key \"" + k + "\" " + why));
            Rules.envValue(v).ifPresent(why -> out.add("environment value of " + k + " " + why));
            if (TOPOLOGY_KEYS.contains(k)) {
                out.add("environment key " + k + " is set by Orrery from the cluster (app port and balancer); remove it");
            }
        });
        return out;
    }

    public static Map<String, String> forServer(Cluster cluster, Server server, String releaseId) {
        List<String> problems = problems(cluster.app().environment());
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PORT", Integer.toString(cluster.app().port()));
        env.put("HTTP_FORWARDED_COUNT", Integer.toString(cluster.forwardedCount()));
        rootUrl(cluster).ifPresent(v -> env.put("ROOT_URL", v));
        List<Server> dbs = cluster.byRole(Role.DATABASE);
        if (!dbs.isEmpty()) {
            String hosts = dbs.stream().map(s -> hostPort(s.internalAddress())).collect(Collectors.joining(","));
            String rs = dbs.size() > 1 ? "?replicaSet=rs0" : "";
            env.put("MONGO_URL", "mongodb://" + hosts + "/" + cluster.app().name() + rs);
            if (dbs.size() > 1) {
                env.put("MONGO_OPLOG_URL", "mongodb://" + hosts + "/local" + rs);
            }
        }
        env.put("METEOR_OPLOG_TOO_FAR_BEHIND", "2000");
        env.putAll(cluster.app().environment());
        env.put("ORRERY_SERVER", server.name());
        // Where the balancer reaches this server; the sample app binds it (sandbox servers share one port on distinct loopback addresses).
        env.put("ORRERY_ADDRESS", server.internalAddress());
        env.put("ORRERY_RELEASE", releaseId);
        return env;
    }

    private static java.util.Optional<String> rootUrl(Cluster cluster) {
        if (cluster.balancer().tls() != null && cluster.balancer().tls().serverName() != null) {
            return java.util.Optional.of("https://" + cluster.balancer().tls().serverName());
        }
        return cluster.balancerServer().map(b -> {
            int port = cluster.balancer().httpPort();
            return "http://" + bracket(b.publicAddress()) + (port == 80 ? "" : ":" + port);
        });
    }

    private static String hostPort(String address) {
        return bracket(address) + ":27017";
    }

    private static String bracket(String address) {
        return address.contains(":") ? "[" + address + "]" : address;
    }
}
