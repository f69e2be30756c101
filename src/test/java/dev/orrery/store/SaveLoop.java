package dev.orrery.store;

import dev.orrery.model.Cluster;
import dev.orrery.model.Fixtures;
import dev.orrery.model.Role;
import dev.orrery.model.Server;

import java.nio.file.Path;

/** Run in a child JVM by {@link KilledSaveTest}: saves ever-growing clusters until killed. */
public final class SaveLoop {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        Cluster c = Fixtures.seedCluster();
        for (int i = 0; ; i++) {
            // A large cluster makes each write long enough for the kill to land mid-save.
            Cluster next = c;
            for (int j = 0; j < 200 + (i % 50); j++) {
                next = next.withServer(Server.of("app-" + (100 + j), Role.APP, "10.1." + (j / 250) + "." + (j % 250)));
            }
            ClusterStore.save(file, next);
            if (i == 0) {
                System.out.println("saved");
                System.out.flush();
            }
        }
    }
}
