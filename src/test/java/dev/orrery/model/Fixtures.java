package dev.orrery.model;

import java.util.List;
import java.util.Map;

/** A small valid cluster in the seed's shape for tests to vary. */
public final class Fixtures {
    private Fixtures() {
    }

    public static Cluster seedCluster() {
        AppSpec app = new AppSpec("crater", 3000, Map.of("ROOT_URL", "https://crater.io",
                "METEOR_SETTINGS", "{\"public\":{\"a\":\"b c\"}}"), List.of());
        Balancer balancer = Balancer.defaults();
        return new Cluster("crater", app, balancer, List.of(
                Server.of("lb-1", Role.BALANCER, "198.51.100.10").withAddresses("198.51.100.10", "10.0.1.10"),
                Server.of("app-1", Role.APP, "198.51.100.211").withAddresses("198.51.100.211", "10.0.1.73"),
                Server.of("app-2", Role.APP, "198.51.100.36").withAddresses("198.51.100.36", "10.0.1.151"),
                Server.of("db-1", Role.DATABASE, "db.crater.internal")));
    }
}
