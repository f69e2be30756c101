package dev.orrery.provision;

import dev.orrery.cloud.DropletTemplate;
import dev.orrery.model.AppSpec;
import dev.orrery.model.Balancer;
import dev.orrery.model.Cluster;
import dev.orrery.model.Release;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.model.ServerState;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A small cluster like the seed's: a balancer, one app server, one release. */
final class TestClusters {
    private TestClusters() {
    }

    static Cluster crater() {
        Release v1 = new Release("v1", Release.Kind.NODE, "crater-v1.tgz",
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", Instant.parse("2026-11-27T12:00:00Z"));
        AppSpec app = new AppSpec("crater", 3000, Map.of("ROOT_URL", "https://crater.example"), List.of(v1));
        Server lb = Server.of("lb-1", Role.BALANCER, "198.18.0.10").withState(ServerState.READY);
        Server app1 = Server.of("app-1", Role.APP, "198.18.0.11").withState(ServerState.READY);
        return new Cluster("crater", app, Balancer.defaults(), List.of(lb, app1));
    }

    static DropletTemplate template(long snapshotImageId) {
        return new DropletTemplate("nyc3", "s-1vcpu-1gb", String.valueOf(snapshotImageId), List.of("289794"),
                "760e09ef-dc84-11e8-981e-3cfdfeaae000", null);
    }
}
