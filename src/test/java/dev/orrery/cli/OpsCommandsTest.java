package dev.orrery.cli;

import dev.orrery.deploy.DeployLock;
import dev.orrery.model.AppSpec;
import dev.orrery.model.Balancer;
import dev.orrery.model.Cluster;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.store.ClusterStore;
import dev.orrery.store.OrreryHome;
import dev.orrery.testing.CliRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code orrery lock} and {@code orrery balancer switch} on the command line: parsing, help and
 * the paths that need no server (the lock of a cluster with no server lives in the data folder).
 * The lock on a balancer and the switch itself run against real servers in the integration tests.
 */
class OpsCommandsTest {
    @TempDir
    Path tmp;
    OrreryHome home;
    Path clusterFile;

    @BeforeEach
    void setUp() throws Exception {
        home = new OrreryHome(tmp.resolve("home"));
        clusterFile = tmp.resolve("crater.json");
        ClusterStore.save(clusterFile, new Cluster("crater", new AppSpec("crater", 3000, Map.of(), List.of()), Balancer.defaults(),
                List.of(Server.of("app-1", Role.APP, "10.0.1.5").withState(dev.orrery.model.ServerState.PROVISIONING))));
    }

    @Test
    void theLockOfAClusterWithNoServerToKeepItIsShownAndClearedFromTheDataFolder() throws Exception {
        assertThat(CliRun.run(home, "lock", "show", clusterFile.toString()).out())
                .contains("crater is not locked (the lock lives in this data folder");
        DeployLock.acquire(home.locksDir(), "crater", "deploy of r7");

        CliRun shown = CliRun.run(home, "lock", "show", clusterFile.toString());
        assertThat(shown.exit()).isZero();
        assertThat(shown.out()).contains("crater is locked: deploy of r7 by");
        CliRun json = CliRun.run(home, "lock", "show", "--json", clusterFile.toString());
        assertThat(json.out()).contains("\"locked\":true").contains("\"operation\":\"deploy of r7\"");

        CliRun cleared = CliRun.run(home, "lock", "clear", clusterFile.toString());
        assertThat(cleared.exit()).isZero();
        assertThat(cleared.out()).contains("cleared the lock of crater: it was deploy of r7 by");
        assertThat(CliRun.run(home, "lock", "show", "--json", clusterFile.toString()).out()).contains("\"locked\":false");
    }

    @Test
    void theSwitchTakesABalancerNameAndSaysWhenThereIsNothingToDo() {
        CliRun bad = CliRun.run(home, "balancer", "switch", "apache", clusterFile.toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("'apache' is not a balancer: say nginx or haproxy");

        CliRun same = CliRun.run(home, "balancer", "switch", "NGINX", clusterFile.toString());
        assertThat(same.exit()).isZero();
        assertThat(same.out()).contains("crater's balancer already is nginx; nothing to do");

        CliRun help = CliRun.run(home, "balancer", "switch", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("nginx|haproxy").contains("CLUSTER.json").contains("HAProxy changes its servers without reloading");
        assertThat(CliRun.run(home, "lock", "--help").out()).contains("show").contains("clear");
    }
}
